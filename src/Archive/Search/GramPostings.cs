namespace Archive.Search;

/// <summary>
/// The doc postings of every gram key with hit counts, gathered while <see cref="GramIndex"/> counts the grams
/// (each level's pass already finds every occurrence, in doc order), and encoded as FORMAT.md §4.3 fixes: a mode
/// byte, the documents (gaps as varints, or a bitset over all documents when that is smaller), then one varint
/// hit count per document; and for grams of <see cref="GramIndex.MaxGram"/> code points, the positions of their
/// hits (per document: the first position, then the distances between consecutive ones). Each level's postings
/// are sealed (encoded and moved to a spill file) when its pass ends, so after <see cref="GramIndex.Build"/> every
/// gram's are read back with <see cref="Postings"/> and <see cref="Positions"/>.
/// </summary>
public sealed class GramPostings : IDisposable
{
    public const byte GapMode = 0;
    public const byte BitsetMode = 1;

    // Per gram, while collecting: (doc gap, hits) pairs as varints in a growing buffer, and the last doc appended.
    private byte[]?[] _buffers = new byte[1024][];
    private int[] _lengths = new int[1024];
    private int[] _lastDoc = new int[1024];
    private int[] _hits = new int[1024];
    private byte[]?[] _positions = new byte[1024][];
    private int[] _positionLengths = new int[1024];
    private readonly SpillFile _encoded = new();
    private readonly SpillFile _encodedPositions = new();
    private int _sealed;

    // The current document's grams and, for the longest grams, (gram, position) packed in a long.
    private readonly List<int> _touched = [];
    private readonly List<long> _longest = [];

    /// <summary>One occurrence of <paramref name="gram"/> in the current document.</summary>
    public void Hit(int gram)
    {
        if (gram >= _hits.Length)
        {
            Grow(gram + 1);
        }

        if (_hits[gram]++ == 0)
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

    /// <summary>Appends the current document's hits to the postings of its grams; documents come in increasing order.</summary>
    public void EndDocument(int doc)
    {
        foreach (var gram in _touched)
        {
            var length = _lengths[gram];
            var buffer = Room(ref _buffers[gram], length, 10);
            length = Varint.Put(buffer, length, length == 0 ? doc : doc - _lastDoc[gram] - 1);
            _lengths[gram] = Varint.Put(buffer, length, _hits[gram]);
            _lastDoc[gram] = doc;
            _hits[gram] = 0;
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

    /// <summary>
    /// Encodes the postings of every gram below <paramref name="gramCount"/> not encoded yet (their documents are
    /// all seen: a level's grams are complete after its pass), on every core, and moves them to disk, letting go of
    /// their collected form: at most one level's postings are in memory at a time.
    /// </summary>
    public void Seal(int gramCount, int docCount)
    {
        Grow(gramCount);
        var from = _sealed;
        var encoded = new byte[gramCount - from][];
        Parallel.For(from, gramCount, () => new List<int>(), (gram, _, docs) =>
        {
            encoded[gram - from] = Encode(_buffers[gram], _lengths[gram], docCount, docs);
            _buffers[gram] = null;
            return docs;
        }, _ => { });
        for (var gram = from; gram < gramCount; gram++)
        {
            _encoded.Append(gram, encoded[gram - from]);
            if (_positions[gram] is { } hits)
            {
                _encodedPositions.Append(gram, hits.AsSpan(0, _positionLengths[gram]));
                _positions[gram] = null;
            }
        }

        _sealed = gramCount;
    }

    /// <summary>The encoded postings of a sealed gram (read from disk: thread-safe).</summary>
    public byte[] Postings(int gram) => _encoded.Read(gram);

    public int PostingsLength(int gram) => _encoded.LengthOf(gram);

    /// <summary>The length of a sealed gram's encoded positions; 0 for grams shorter than <see cref="GramIndex.MaxGram"/>.</summary>
    public int PositionsLength(int gram) => _encodedPositions.LengthOf(gram);

    /// <summary>The encoded positions of a sealed gram of <see cref="GramIndex.MaxGram"/> code points; null for the others.</summary>
    public byte[]? Positions(int gram) => _encodedPositions.LengthOf(gram) > 0 ? _encodedPositions.Read(gram) : null;

    public void Dispose()
    {
        _encoded.Dispose();
        _encodedPositions.Dispose();
    }

    private static byte[] Encode(byte[]? collected, int length, int docCount, List<int> docs)
    {
        // Docs as read back from the gaps, and the hit counts' bytes copied as they are.
        docs.Clear();
        var hits = new byte[length];
        var hitBytes = 0;
        var gapBytes = 0;
        var doc = -1;
        for (var at = 0; at < length;)
        {
            var start = at;
            var gap = Varint.Get(collected!, ref at);
            gapBytes += at - start;
            doc += gap + 1;
            docs.Add(doc);
            start = at;
            Varint.Get(collected!, ref at);
            collected.AsSpan(start, at - start).CopyTo(hits.AsSpan(hitBytes));
            hitBytes += at - start;
        }

        var bitsetBytes = (docCount + 7) >> 3;
        byte[] output;
        if (bitsetBytes < gapBytes)
        {
            output = new byte[1 + bitsetBytes + hitBytes];
            output[0] = BitsetMode;
            foreach (var d in docs)
            {
                output[1 + (d >> 3)] |= (byte)(1 << (d & 7));
            }

            hits.AsSpan(0, hitBytes).CopyTo(output.AsSpan(1 + bitsetBytes));
            return output;
        }

        // Gap mode: the collected gaps are the encoded ones (the first is the doc itself, a gap from −1).
        output = new byte[1 + gapBytes + hitBytes];
        output[0] = GapMode;
        var written = 1;
        for (var at = 0; at < length;)
        {
            var start = at;
            Varint.Get(collected!, ref at);
            collected.AsSpan(start, at - start).CopyTo(output.AsSpan(written));
            written += at - start;
            Varint.Get(collected!, ref at);
        }

        hits.AsSpan(0, hitBytes).CopyTo(output.AsSpan(written));
        return output;
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
        if (count <= _hits.Length)
        {
            return;
        }

        var size = Math.Max(count, _hits.Length * 2);
        Array.Resize(ref _buffers, size);
        Array.Resize(ref _lengths, size);
        Array.Resize(ref _lastDoc, size);
        Array.Resize(ref _hits, size);
        Array.Resize(ref _positions, size);
        Array.Resize(ref _positionLengths, size);
    }
}
