namespace Archive.Reading.KeyTerms;

/// <summary>
/// SmartCn's core dictionary as a trie over the characters SmartCn treats as Chinese (U+4E00–U+9FA5), for walking a
/// text one character at a time: the first step by a table of all characters, every later one by one probe of a
/// hash table whose entries pack the edge and its child in one 64-bit word (one cache line per step). Each node knows
/// the frequency of the word it ends, and, for words of two or more characters, the word's id: its place in
/// <see cref="Words"/>, the vocabulary sorted by ordinal.
/// </summary>
internal sealed class WordTrie
{
    public const char FirstHan = '\u4E00';
    public const char LastHan = '\u9FA5';

    private static readonly Lazy<WordTrie> Loaded = new(() => new WordTrie(SmartCnData.Shared.Words));

    private readonly int[] _root = new int[char.MaxValue + 1];
    private readonly ulong[] _edges;
    private readonly int _mask;
    private readonly int[] _frequency;
    private readonly int[] _word;
    private readonly bool[] _hasChildren;
    private readonly Dictionary<string, int> _ids;

    // Optimized at once, not first run as tier-0 code: built once per build, its loops run over 80,000 words.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private WordTrie(IReadOnlyDictionary<string, int> dictionary)
    {
        var han = dictionary.Where(e => e.Key.All(IsHan)).ToList();
        Words = [.. han.Select(e => e.Key).Where(w => w.Length >= 2).Order(StringComparer.Ordinal)];
        _ids = Words.Select((w, i) => (w, i)).ToDictionary(e => e.w, e => e.i, StringComparer.Ordinal);
        // Twice the edges at most (a node's edge to its parent, one per character of every word at most): two
        // megabytes, so that the hot part stays in the cache.
        var (capacity, characters) = (1, han.Sum(e => e.Key.Length));
        while (capacity < characters)
        {
            capacity <<= 1;
        }

        (_edges, _mask) = (new ulong[capacity], capacity - 1);
        var frequency = new List<int> { -1 };
        var children = new List<bool> { true };
        var word = new List<int> { -1 };
        foreach (var (text, count) in han)
        {
            var node = 0;
            foreach (var c in text)
            {
                var child = node == 0 ? _root[c] : Probe(node, c);
                if (child == 0)
                {
                    child = frequency.Count;
                    frequency.Add(-1);
                    children.Add(false);
                    word.Add(-1);
                    Link(node, c, child);
                    children[node] = true;
                }

                node = child;
            }

            frequency[node] = count;
            word[node] = text.Length >= 2 ? _ids[text] : -1;
        }

        (_frequency, _hasChildren, _word) = ([.. frequency], [.. children], [.. word]);
        Fingerprint = Words.Aggregate(2166136261u, (hash, w) => w.Aggregate(hash, (h, c) => (h ^ c) * 16777619u) * 16777619u);
    }

    public static WordTrie Shared => Loaded.Value;

    /// <summary>SmartCn's words of two or more Chinese characters, sorted by ordinal; a word's id is its place here.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>A digest of <see cref="Words"/>: ids kept by a cache stand for the same words only under the same fingerprint.</summary>
    public uint Fingerprint { get; }

    public static bool IsHan(char c) => c is >= FirstHan and <= LastHan;

    /// <summary>The id of a word of two or more characters, or -1 when SmartCn's dictionary does not have it.</summary>
    public int IdOf(string word) => _ids.GetValueOrDefault(word, -1);

    /// <summary>The child of <paramref name="node"/> (0 is the root) by <paramref name="c"/>, or 0 when there is none.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int Step(int node, char c)
    {
        if (node == 0)
        {
            return _root[c];
        }

        return _hasChildren[node] ? Probe(node, c) : 0;
    }

    /// <summary>The frequency of the word a node ends, or -1 when no word ends there.</summary>
    public int FrequencyAt(int node) => _frequency[node];

    /// <summary>The id of the word of two or more characters a node ends, or -1.</summary>
    public int WordAt(int node) => _word[node];

    public bool HasChildren(int node) => _hasChildren[node];

    private int Probe(int node, char c)
    {
        var key = ((ulong)node << 16) | c;
        for (var slot = Slot(key); ; slot = (slot + 1) & _mask)
        {
            var entry = _edges[slot];
            if (entry == 0)
            {
                return 0;
            }

            if (entry >> 24 == key)
            {
                return (int)(entry & 0xFFFFFF);
            }
        }
    }

    private void Link(int node, char c, int child)
    {
        if (node == 0)
        {
            _root[c] = child;
            return;
        }

        var key = ((ulong)node << 16) | c;
        var slot = Slot(key);
        while (_edges[slot] != 0)
        {
            slot = (slot + 1) & _mask;
        }

        _edges[slot] = (key << 24) | (uint)child;
    }

    private int Slot(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> 40) & _mask;
}
