namespace Archive.Reading.SharedText;

/// <summary>
/// Texts joined into families, each the texts linked by a chain of nearly-same pairs (union–find with path halving
/// and union by size). A family's members are found once per search, whatever the order its pairs were checked in.
/// </summary>
internal sealed class Families
{
    private readonly int[] _parent;
    private readonly int[] _size;

    public Families(int count)
    {
        _parent = new int[count];
        _size = new int[count];
        for (var i = 0; i < count; i++)
        {
            (_parent[i], _size[i]) = (i, 1);
        }
    }

    public int Count => _parent.Length;

    public int Find(int text)
    {
        while (_parent[text] != text)
        {
            _parent[text] = _parent[_parent[text]];
            text = _parent[text];
        }

        return text;
    }

    public bool Together(int a, int b) => Find(a) == Find(b);

    /// <summary>As <see cref="Together"/>, without shortening paths: safe on many threads while nothing is joined.</summary>
    public bool TogetherReadOnly(int a, int b) => RootOf(a) == RootOf(b);

    private int RootOf(int text)
    {
        while (_parent[text] != text)
        {
            text = _parent[text];
        }

        return text;
    }

    public void Join(int a, int b)
    {
        var (rootA, rootB) = (Find(a), Find(b));
        if (rootA == rootB)
        {
            return;
        }

        if (_size[rootA] < _size[rootB])
        {
            (rootA, rootB) = (rootB, rootA);
        }

        _parent[rootB] = rootA;
        _size[rootA] += _size[rootB];
    }

    /// <summary>The members of every family of two texts or more, each family's members ascending, families by their first member.</summary>
    public List<int[]> Groups()
    {
        var byRoot = new Dictionary<int, List<int>>();
        for (var t = 0; t < Count; t++)
        {
            var root = Find(t);
            if (_size[root] > 1)
            {
                (byRoot.TryGetValue(root, out var members) ? members : byRoot[root] = []).Add(t);
            }
        }

        return [.. byRoot.Values.Select(m => m.ToArray()).OrderBy(m => m[0])];
    }
}
