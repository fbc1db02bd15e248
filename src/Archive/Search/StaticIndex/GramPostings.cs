using System.Collections.Concurrent;

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

    // About this many (gram, doc) entries are sealed at once: at 50,000 reports a level has ~200 million.
    private const int BucketEntries = 1 << 20;
    private readonly SpillFile _encoded = new();
    private readonly SpillFile _encodedPositions = new();
    private int _sealed;

    // Kept from seal to seal (their arrays are the size of a bucket's entries) until the count is over.
    private ConcurrentBag<PostingsBatch> _batches = [];

    /// <summary>The number of buckets for a corpus of <paramref name="codePoints"/>: about a million entries each.</summary>
    public static int BucketsFor(long codePoints) => (int)Math.Clamp(codePoints / BucketEntries, 1, 4096);

    /// <summary>The bucket of a gram, from what it is: its code point, or the pair of grams it joins (<see cref="PairTable.Pack"/>).</summary>
    public static int BucketOf(long key, int buckets) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL >> 32) % (uint)buckets);

    /// <summary>
    /// Encodes the postings of the grams numbered from the last seal up to <paramref name="gramCount"/> (a level's
    /// grams are complete when its pass ends) and moves them to disk. <paramref name="parts"/> are the pass's
    /// collectors in doc order, each with the number of each of its grams (null: the numbers are the same);
    /// <paramref name="bucketOf"/> gives the bucket of each gram sealed.
    /// </summary>
    /// <remarks>
    /// A bucket at a time per core (<see cref="PostingsBatch"/>): its entries are read from every part in part order,
    /// placed by gram, encoded, and appended.
    /// </remarks>
    internal void Seal(int gramCount, int docCount, IReadOnlyList<(PostingsCollector Collector, int[]? NumberOf)> parts, int[] bucketOf, int buckets)
    {
        var from = _sealed;
        // Each bucket's grams in increasing number, and each gram's place among them.
        var localOf = new int[gramCount - from];
        var inBucket = new int[buckets];
        for (var gram = from; gram < gramCount; gram++)
        {
            localOf[gram - from] = inBucket[bucketOf[gram - from]]++;
        }

        var gramsOf = new int[buckets][];
        for (var bucket = 0; bucket < buckets; bucket++)
        {
            gramsOf[bucket] = new int[inBucket[bucket]];
        }

        for (var gram = from; gram < gramCount; gram++)
        {
            gramsOf[bucketOf[gram - from]][localOf[gram - from]] = gram;
        }

        try
        {
            var sources = parts.Select(part => new PostingsBatch.Source(part.Collector.Finish(), PlacesOf(part.NumberOf, localOf, from), part.NumberOf is null ? from : 0)).ToArray();
            var withPositions = parts.Count > 0 && parts[0].Collector.WithPositions;
            // Buckets go to the cores one at a time as each finishes its last, not in waves: a wave waited for its
            // largest bucket, and at 50,000 reports the seals ran at 160% of two cores. A bucket's postings are
            // appended as soon as they are made; the order of the appends changes nothing a reader sees.
            Parallel.For(
                0,
                buckets,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) },
                () => _batches.TryTake(out var batch) ? batch : new PostingsBatch(),
                (bucket, _, batch) =>
                {
                    batch.Make(sources, bucket, gramsOf[bucket].Length, withPositions, docCount);
                    lock (_encoded)
                    {
                        _encoded.AppendAll(gramsOf[bucket], batch.Postings, batch.PostingsLengths);
                        if (withPositions)
                        {
                            _encodedPositions.AppendAll(gramsOf[bucket], batch.Positions, batch.PositionsLengths);
                        }
                    }

                    return batch;
                },
                _batches.Add);
        }
        finally
        {
            foreach (var (collector, _) in parts)
            {
                collector.Dispose();
            }
        }

        _sealed = gramCount;
    }

    /// <summary>
    /// A part's own gram numbers mapped straight to their places in their buckets: <paramref name="localOf"/> itself
    /// when the part's numbers are the index's (read with an offset of <paramref name="from"/>).
    /// </summary>
    private static int[] PlacesOf(int[]? numberOf, int[] localOf, int from)
    {
        if (numberOf is null)
        {
            return localOf;
        }

        var places = new int[numberOf.Length];
        for (var own = 0; own < places.Length; own++)
        {
            places[own] = localOf[numberOf[own] - from];
        }

        return places;
    }

    /// <summary>The encoded postings of a sealed gram (read from disk: thread-safe).</summary>
    public byte[] Postings(int gram) => _encoded.Read(gram);

    /// <summary>Reads a sealed gram's encoded postings into <paramref name="buffer"/> (at least <see cref="PostingsLength"/> bytes); returns their length.</summary>
    public int ReadPostings(int gram, Span<byte> buffer) => _encoded.Read(gram, buffer);

    public int PostingsLength(int gram) => _encoded.LengthOf(gram);

    /// <summary>The length of a sealed gram's encoded positions; 0 for grams shorter than <see cref="GramIndex.MaxGram"/>.</summary>
    public int PositionsLength(int gram) => _encodedPositions.LengthOf(gram);

    /// <summary>The encoded positions of a sealed gram of <see cref="GramIndex.MaxGram"/> code points; null for the others.</summary>
    public byte[]? Positions(int gram) => _encodedPositions.LengthOf(gram) > 0 ? _encodedPositions.Read(gram) : null;

    /// <summary>Lets go of the working arrays of the seals once the last level is sealed.</summary>
    internal void SealingDone() => _batches = [];

    public void Dispose()
    {
        _encoded.Dispose();
        _encodedPositions.Dispose();
    }

    /// <summary>
    /// Writes at <paramref name="at"/> of <paramref name="output"/> (grown as needed): a mode byte, the docs (gaps as
    /// varints, or a bitset when that is smaller), then the hit counts; returns the length written.
    /// </summary>
    internal static int Encode(ReadOnlySpan<int> docs, ReadOnlySpan<int> hitCounts, int docCount, ref byte[] output, int at)
    {
        var gapBytes = 0;
        var hitBytes = 0;
        var previous = -1;
        for (var i = 0; i < docs.Length; i++)
        {
            gapBytes += Varint.Size(docs[i] - previous - 1);
            hitBytes += Varint.Size(hitCounts[i]);
            previous = docs[i];
        }

        var bitsetBytes = (docCount + 7) >> 3;
        var bitset = bitsetBytes < gapBytes;
        var length = 1 + (bitset ? bitsetBytes : gapBytes) + hitBytes;
        if (output.Length < at + length)
        {
            Array.Resize(ref output, Math.Max(at + length, output.Length * 2));
        }

        output.AsSpan(at, length).Clear();
        var written = at + 1;
        previous = -1;
        if (bitset)
        {
            output[at] = BitsetMode;
            foreach (var doc in docs)
            {
                output[at + 1 + (doc >> 3)] |= (byte)(1 << (doc & 7));
            }

            written += bitsetBytes;
        }
        else
        {
            output[at] = GapMode;
            foreach (var doc in docs)
            {
                written = Varint.Put(output, written, doc - previous - 1);
                previous = doc;
            }
        }

        foreach (var hits in hitCounts)
        {
            written = Varint.Put(output, written, hits);
        }

        return length;
    }
}
