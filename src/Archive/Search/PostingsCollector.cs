namespace Archive.Search;

/// <summary>
/// The occurrences one counting pass finds in a contiguous range of documents, by gram (numbered as that pass
/// numbers them): per gram, (doc gap, hits) pairs as varints, the first gap counted from −1 so that it is the doc
/// itself; and for the longest grams, their positions (per document: the first, then the distances between
/// consecutive ones). <see cref="GramPostings.Seal"/> joins the ranges of all passes of a level in doc order.
/// </summary>
internal sealed class PostingsCollector
{
    // Per gram, what a hit and the end of a document touch, side by side: a document has thousands of distinct
    // grams, each somewhere else in these arrays, and at 50,000 reports the cache misses of reading four arrays per
    // gram were most of the counting's time.
    private struct Tally
    {
        public int Length;
        public int LastDoc;
        public int Hits;
        public int Documents;
    }

    private Tally[] _tallies = new Tally[1024];
    private byte[]?[] _buffers = new byte[1024][];
    private byte[]?[] _positions = new byte[1024][];
    private int[] _positionLengths = new int[1024];

    // The current document's grams and, for the longest grams, (gram, position) packed in a long.
    private readonly List<int> _touched = [];
    private readonly List<long> _longest = [];

    /// <summary>One more than the highest gram number seen.</summary>
    public int GramCount { get; private set; }

    /// <summary>One occurrence of <paramref name="gram"/> in the current document.</summary>
    public void Hit(int gram)
    {
        if (gram >= _tallies.Length)
        {
            Grow(gram + 1);
        }

        if (_tallies[gram].Hits++ == 0)
        {
            _touched.Add(gram);
            GramCount = Math.Max(GramCount, gram + 1);
        }
    }

    /// <summary>An occurrence of a longest gram at <paramref name="position"/>, whose positions are kept too.</summary>
    public void HitLongest(int gram, int position)
    {
        Hit(gram);
        _longest.Add(((long)gram << 32) | (uint)position);
    }

    /// <summary>Appends the current document's hits to the postings of its grams; documents come in increasing order.</summary>
    public void EndDocument(int doc)
    {
        foreach (var gram in _touched)
        {
            ref var tally = ref _tallies[gram];
            var length = tally.Length;
            var buffer = Room(ref _buffers[gram], length, 10);
            length = Varint.Put(buffer, length, length == 0 ? doc : doc - tally.LastDoc - 1);
            tally.Length = Varint.Put(buffer, length, tally.Hits);
            tally.LastDoc = doc;
            tally.Hits = 0;
            tally.Documents++;
        }

        _touched.Clear();
        if (_longest.Count == 0)
        {
            return;
        }

        // Occurrences come in increasing position within a gram's level, so sorting the packed pairs groups them by
        // gram with positions ascending.
        _longest.Sort();
        var previousGram = -1;
        var previousPosition = 0;
        foreach (var packed in _longest)
        {
            var gram = (int)(packed >> 32);
            var position = (int)packed;
            var value = gram == previousGram ? position - previousPosition : position;
            var length = _positionLengths[gram];
            _positionLengths[gram] = Varint.Put(Room(ref _positions[gram], length, 5), length, value);
            (previousGram, previousPosition) = (gram, position);
        }

        _longest.Clear();
    }

    /// <summary>The number of documents <paramref name="gram"/> occurred in: its document frequency in this range.</summary>
    public int DocumentCount(int gram) => gram < _tallies.Length ? _tallies[gram].Documents : 0;

    /// <summary>The (gap, hits) varints collected for <paramref name="gram"/>.</summary>
    public ReadOnlySpan<byte> Collected(int gram) => gram < _tallies.Length ? _buffers[gram].AsSpan(0, _tallies[gram].Length) : default;

    /// <summary>The positions collected for <paramref name="gram"/> (empty unless it is a longest gram).</summary>
    public ReadOnlySpan<byte> Positions(int gram) => gram < _positionLengths.Length ? _positions[gram].AsSpan(0, _positionLengths[gram]) : default;

    /// <summary>Lets go of what was collected for <paramref name="gram"/> (it has been sealed).</summary>
    public void Release(int gram)
    {
        if (gram < _buffers.Length)
        {
            _buffers[gram] = null;
            _positions[gram] = null;
        }
    }

    private static byte[] Room(ref byte[]? buffer, int length, int needed)
    {
        if (buffer is null || buffer.Length - length < needed)
        {
            Array.Resize(ref buffer, Math.Max(16, (buffer?.Length ?? 0) * 2));
        }

        return buffer;
    }

    private void Grow(int count)
    {
        var size = Math.Max(count, _tallies.Length * 2);
        Array.Resize(ref _tallies, size);
        Array.Resize(ref _buffers, size);
        Array.Resize(ref _positions, size);
        Array.Resize(ref _positionLengths, size);
    }
}
