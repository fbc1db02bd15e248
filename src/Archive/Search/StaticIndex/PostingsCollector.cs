namespace Archive.Search.StaticIndex;

/// <summary>
/// The occurrences one counting pass finds in a contiguous range of documents, by gram (numbered as that pass
/// numbers them). Per document, the pass's hits are tallied by gram; at the document's end, one entry per gram goes
/// to the stream of the gram's bucket (<see cref="GramPostings.BucketOf"/>): the gram, the doc (as the gap from the
/// stream's previous entry) and the hits as varints, followed for the longest grams by their positions (the first,
/// then the distances between consecutive ones). A gram's bucket depends only on what the gram is, so
/// <see cref="GramPostings.Seal"/> joins a bucket of every pass of a level, in doc order, without the others.
/// </summary>
/// <remarks>
/// The postings used to be appended to a chain of bytes per gram at each document's end: one write to a random
/// place of a large area per entry, which at 10,000 reports was three quarters of the count's time. The streams are
/// written in order, a few hundred at once, each through its own buffer, and kept on disk.
/// </remarks>
internal sealed class PostingsCollector : IDisposable
{
    private readonly bool _positions;
    private readonly EntryStreams _streams;
    private readonly int[] _lastDoc;

    // Per gram: its hits in the current document, the documents it occurred in so far, where its next position goes
    // among the document's (for the longest grams), and its bucket.
    private struct Tally
    {
        public int Hits;
        public int Documents;
        public int Next;
        public int Bucket;
    }

    private Tally[] _tallies = new Tally[1024];

    // The current document's grams and, for the longest grams, (gram, position) packed in a long.
    private readonly List<int> _touched = [];
    private readonly List<long> _longest = [];
    private int[] _placed = [];

    /// <param name="positions">Whether the entries carry positions (the pass of the longest grams).</param>
    /// <param name="buckets">How many buckets the grams fall in.</param>
    public PostingsCollector(bool positions, int buckets)
    {
        _positions = positions;
        _lastDoc = new int[buckets];
        // A few hundred buffers at most (a bucket per million code points), each of some KB.
        _streams = new EntryStreams(buckets, Math.Clamp((16 << 20) / buckets, 4 << 10, 256 << 10));
    }

    /// <summary>One more than the highest gram number seen.</summary>
    public int GramCount { get; private set; }

    /// <summary>True when the entries carry positions.</summary>
    public bool WithPositions => _positions;

    /// <summary>The bucket of a gram the pass has just numbered, before its first hit.</summary>
    public void Place(int gram, int bucket)
    {
        if (gram >= _tallies.Length)
        {
            Array.Resize(ref _tallies, Math.Max(gram + 1, _tallies.Length * 2));
        }

        _tallies[gram].Bucket = bucket;
        GramCount = Math.Max(GramCount, gram + 1);
    }

    /// <summary>One occurrence of <paramref name="gram"/> (placed) in the current document.</summary>
    public void Hit(int gram)
    {
        if (_tallies[gram].Hits++ == 0)
        {
            _touched.Add(gram);
        }
    }

    /// <summary>An occurrence of a longest gram at <paramref name="position"/>, whose positions are kept too.</summary>
    public void HitLongest(int gram, int position)
    {
        Hit(gram);
        _longest.Add(((long)gram << 32) | (uint)position);
    }

    /// <summary>Writes the current document's entries; documents come in increasing order.</summary>
    public void EndDocument(int doc)
    {
        if (_positions)
        {
            PlacePositions();
        }

        var slot = 0;
        foreach (var gram in _touched)
        {
            ref var tally = ref _tallies[gram];
            var stream = tally.Bucket;
            var entry = _streams.Room(stream, 15 + (_positions ? 5 * tally.Hits : 0));
            var at = Varint.Put(entry, 0, gram);
            at = Varint.Put(entry, at, doc - _lastDoc[stream]);
            at = Varint.Put(entry, at, tally.Hits);
            if (_positions)
            {
                var previous = 0;
                for (var end = slot + tally.Hits; slot < end; slot++)
                {
                    at = Varint.Put(entry, at, _placed[slot] - previous);
                    previous = _placed[slot];
                }
            }

            _streams.Wrote(stream, at);
            _lastDoc[stream] = doc;
            tally.Hits = 0;
            tally.Documents++;
        }

        _touched.Clear();
        _longest.Clear();
    }

    /// <summary>The number of documents <paramref name="gram"/> occurred in: its document frequency in this range.</summary>
    public int DocumentCount(int gram) => gram < _tallies.Length ? _tallies[gram].Documents : 0;

    /// <summary>The entries, by bucket, once the pass is over.</summary>
    public EntryStreams Finish()
    {
        _streams.Finish();
        return _streams;
    }

    public void Dispose() => _streams.Dispose();

    /// <summary>
    /// Gives each gram a run of <see cref="_placed"/>, in the order the grams were first met, and fills the runs with
    /// the occurrences in increasing position (sorting (gram, position) pairs instead took half of the pass's time).
    /// </summary>
    private void PlacePositions()
    {
        var next = 0;
        foreach (var gram in _touched)
        {
            ref var tally = ref _tallies[gram];
            tally.Next = next;
            next += tally.Hits;
        }

        if (_placed.Length < _longest.Count)
        {
            _placed = new int[Math.Max(_longest.Count, _placed.Length * 2)];
        }

        foreach (var packed in _longest)
        {
            _placed[_tallies[(int)(packed >> 32)].Next++] = (int)packed;
        }
    }
}
