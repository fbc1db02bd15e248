namespace Archive.Search.StaticIndex;

/// <summary>
/// The occurrences one counting pass finds in a contiguous range of documents, by gram (numbered as that pass
/// numbers them): per gram, (doc gap, hits) pairs as varints, the first gap counted from −1 so that it is the doc
/// itself; and for the longest grams, their positions (per document: the first, then the distances between
/// consecutive ones). <see cref="GramPostings.Seal"/> joins the ranges of all passes of a level in doc order.
/// </summary>
internal sealed class PostingsCollector
{
    // Per gram, what a hit and the end of a document touch, side by side: a document has thousands of distinct
    // grams, each somewhere else in this array, and at 50,000 reports the cache misses of reading several arrays per
    // gram were most of the counting's time.
    private struct Tally
    {
        public int LastDoc;
        public int Hits;
        public int Documents;
    }

    private Tally[] _tallies = new Tally[1024];
    private readonly ByteChains _postings = new();
    private readonly ByteChains _positions = new();

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
            Array.Resize(ref _tallies, Math.Max(gram + 1, _tallies.Length * 2));
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
            _postings.AddVarint(gram, tally.Documents == 0 ? doc : doc - tally.LastDoc - 1);
            _postings.AddVarint(gram, tally.Hits);
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
            _positions.AddVarint(gram, gram == previousGram ? position - previousPosition : position);
            (previousGram, previousPosition) = (gram, position);
        }

        _longest.Clear();
    }

    /// <summary>The number of documents <paramref name="gram"/> occurred in: its document frequency in this range.</summary>
    public int DocumentCount(int gram) => gram < _tallies.Length ? _tallies[gram].Documents : 0;

    /// <summary>The length of the (gap, hits) varints collected for <paramref name="gram"/>.</summary>
    public int CollectedLength(int gram) => _postings.Length(gram);

    /// <summary>Copies the (gap, hits) varints collected for <paramref name="gram"/> into <paramref name="destination"/>.</summary>
    public void CopyCollected(int gram, Span<byte> destination) => _postings.CopyTo(gram, destination);

    /// <summary>The length of the positions collected for <paramref name="gram"/> (0 unless it is a longest gram).</summary>
    public int PositionsLength(int gram) => _positions.Length(gram);

    /// <summary>Copies the positions collected for <paramref name="gram"/> into <paramref name="destination"/>.</summary>
    public void CopyPositions(int gram, Span<byte> destination) => _positions.CopyTo(gram, destination);

    /// <summary>Lets go of everything collected (it has been sealed); only the document counts stay.</summary>
    public void Release()
    {
        _postings.Clear();
        _positions.Clear();
    }
}
