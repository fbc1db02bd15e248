namespace Archive.Search.StaticIndex;

/// <summary>
/// The doc postings of every gram key with hit counts, gathered while <see cref="GramIndex"/> counts the grams
/// (each level's pass already finds every occurrence, in doc order), and encoded as FORMAT.md §4.3 fixes: a mode
/// byte, the documents (gaps as varints, or a bitset over all documents when that is smaller), then one varint
/// hit count per document; and for grams of <see cref="GramIndex.MaxGram"/> code points, the positions of their
/// hits (per document: the first position, then the distances between consecutive ones). Each level's postings
/// are sealed (joined over the doc ranges counted side by side, encoded and moved to a spill file) when its pass
/// ends, so after <see cref="GramIndex.Build"/> every gram's are read back with <see cref="Postings"/> and
/// <see cref="Positions"/>.
/// </summary>
public sealed class GramPostings : IDisposable
{
    public const byte GapMode = 0;
    public const byte BitsetMode = 1;

    private const int SealBatch = 16_384;
    private readonly SpillFile _encoded = new();
    private readonly SpillFile _encodedPositions = new();
    private int _sealed;

    /// <summary>
    /// Encodes the postings of the grams numbered from the last seal up to <paramref name="gramCount"/> (a level's
    /// grams are complete when its pass ends) on every core, and moves them to disk. <paramref name="parts"/> are the
    /// pass's collectors in doc order, each with the number of each of its grams (null: the numbers are the same).
    /// </summary>
    internal void Seal(int gramCount, int docCount, IReadOnlyList<(PostingsCollector Collector, int[]? NumberOf)> parts)
    {
        var from = _sealed;
        // For each gram being sealed, its number in each part (−1 where that part never saw it).
        var localOf = new int[parts.Count][];
        for (var part = 0; part < parts.Count; part++)
        {
            var (collector, numberOf) = parts[part];
            localOf[part] = new int[gramCount - from];
            Array.Fill(localOf[part], -1);
            for (var own = 0; own < collector.GramCount; own++)
            {
                var gram = numberOf is null ? own : numberOf[own];
                if (gram >= from && gram < gramCount)
                {
                    localOf[part][gram - from] = own;
                }
            }
        }

        // A batch at a time, so that only one batch of encoded postings is in memory beside the collected ones.
        var encoded = new byte[Math.Min(SealBatch, gramCount - from)][];
        using var positions = new MemoryStream();
        var positionsScratch = new Scratch();
        for (var batch = from; batch < gramCount; batch += SealBatch)
        {
            var end = Math.Min(gramCount, batch + SealBatch);
            var first = batch;
            Parallel.For(first, end, () => new Scratch(), (gram, _, local) =>
            {
                local.Docs.Clear();
                for (var part = 0; part < parts.Count; part++)
                {
                    if (localOf[part][gram - from] is var own and >= 0)
                    {
                        var collector = parts[part].Collector;
                        var bytes = local.Room(collector.CollectedLength(own));
                        collector.CopyCollected(own, bytes);
                        Decode(bytes, local.Docs);
                    }
                }

                encoded[gram - first] = Encode(local.Docs, docCount);
                return local;
            }, _ => { });

            for (var gram = first; gram < end; gram++)
            {
                _encoded.Append(gram, encoded[gram - first]);
                positions.SetLength(0);
                for (var part = 0; part < parts.Count; part++)
                {
                    if (localOf[part][gram - from] is var own and >= 0 && parts[part].Collector.PositionsLength(own) is var length and > 0)
                    {
                        // Each document's positions start afresh (the first is absolute), so the parts simply follow each other.
                        var bytes = positionsScratch.Room(length);
                        parts[part].Collector.CopyPositions(own, bytes);
                        positions.Write(bytes);
                    }
                }

                if (positions.Length > 0)
                {
                    _encodedPositions.Append(gram, positions.GetBuffer().AsSpan(0, (int)positions.Length));
                }
            }
        }

        foreach (var (collector, _) in parts)
        {
            collector.Release();
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

    /// <summary>One thread's working space while sealing: the decoded docs of a gram and a buffer for its collected bytes or positions.</summary>
    private sealed class Scratch
    {
        private byte[] _bytes = new byte[4096];

        public List<(int Doc, int Hits)> Docs { get; } = [];

        public Span<byte> Room(int length)
        {
            if (_bytes.Length < length)
            {
                _bytes = new byte[Math.Max(length, _bytes.Length * 2)];
            }

            return _bytes.AsSpan(0, length);
        }
    }

    /// <summary>Appends the (doc, hits) pairs of collected varints, whose first gap counts from −1.</summary>
    private static void Decode(ReadOnlySpan<byte> collected, List<(int Doc, int Hits)> docs)
    {
        var doc = -1;
        for (var at = 0; at < collected.Length;)
        {
            doc += Varint.Get(collected, ref at) + 1;
            docs.Add((doc, Varint.Get(collected, ref at)));
        }
    }

    /// <summary>A mode byte, the docs (gaps as varints, or a bitset when that is smaller), then the hit counts.</summary>
    private static byte[] Encode(List<(int Doc, int Hits)> docs, int docCount)
    {
        var gapBytes = 0;
        var hitBytes = 0;
        var previous = -1;
        foreach (var (doc, hits) in docs)
        {
            gapBytes += Varint.Size(doc - previous - 1);
            hitBytes += Varint.Size(hits);
            previous = doc;
        }

        var bitsetBytes = (docCount + 7) >> 3;
        var bitset = bitsetBytes < gapBytes;
        var output = new byte[1 + (bitset ? bitsetBytes : gapBytes) + hitBytes];
        var written = 1;
        previous = -1;
        if (bitset)
        {
            output[0] = BitsetMode;
            foreach (var (doc, _) in docs)
            {
                output[1 + (doc >> 3)] |= (byte)(1 << (doc & 7));
            }

            written += bitsetBytes;
        }
        else
        {
            output[0] = GapMode;
            foreach (var (doc, _) in docs)
            {
                written = Varint.Put(output, written, doc - previous - 1);
                previous = doc;
            }
        }

        foreach (var (_, hits) in docs)
        {
            written = Varint.Put(output, written, hits);
        }

        return output;
    }
}
