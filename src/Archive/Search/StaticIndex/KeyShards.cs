using System.Security.Cryptography;
using System.Text;

namespace Archive.Search.StaticIndex;

/// <summary>
/// The key dictionary of the static index (FORMAT.md §4.3): keys hashed into shards of a couple of KB, each entry
/// carrying its postings inline, or naming where in the postings packs its long postings are, so a query fetches one
/// small shard per term and the postings it needs, never another key's. Shards are records of indexed packs, and long
/// postings and positions records of plain packs (§4.0): a few files, each read by range.
/// </summary>
public static class KeyShards
{
    private static readonly byte[] Magic = "ASK4"u8.ToArray();

    // Postings and positions are fetched from the spill files and appended to the packs this many at a time: read on
    // every core, appended in order on one.
    private const int Batch = 4_096;

    /// <summary>
    /// Hands the key packs and postings packs to <paramref name="write"/> (from several threads); returns the number
    /// of shards: the smallest power of two that keeps the average shard at <paramref name="targetBytes"/> or less.
    /// Keys whose postings are in the packs list the top docs of <paramref name="hints"/> (over <paramref name="docCount"/> docs).
    /// </summary>
    public static int Write(GramIndex grams, GramPostings postings, IndexLayout layout, int targetBytes, TitleHints hints, int docCount, string folder, Action<string, byte[]> write)
    {
        var inlineLimit = layout.InlineLimit;

        // Long postings and all positions go to the packs first, in gram order, so that every entry's size is known
        // exactly when the shard count is chosen.
        var packs = new PlainPacks(folder + "postings/", 0, layout.PackBytes, write);
        var (recordOf, shared) = SharedPostings(grams.Count, postings, inlineLimit);
        var topDocs = new int[shared.Count][];
        var postingsAt = Append(packs, shared, postings.Postings, (record, bytes) => topDocs[record] = hints.Of(bytes, grams.DocumentFrequency(shared[record]), docCount));
        // Keys of maxGram code points only, never shared.
        var withPositions = Enumerable.Range(0, grams.Count).Where(gram => postings.PositionsLength(gram) > 0).ToList();
        var positionsAt = Append(packs, withPositions, gram => postings.Positions(gram)!, null);
        var positionsOf = new Dictionary<int, PackedRecord>(withPositions.Count);
        for (var i = 0; i < withPositions.Count; i++)
        {
            positionsOf[withPositions[i]] = positionsAt[i];
        }

        packs.Finish();
        var entries = new ShardEntries(grams, postings, inlineLimit, recordOf, postingsAt, topDocs, positionsOf);

        // Keys are hashed and sized from the grams themselves, and sorted shard by shard on every core, instead of all of
        // them at once as strings on one thread.
        var (hashes, utf8Lengths) = grams.Hashes();
        long total = 0;
        for (var gram = 0; gram < grams.Count; gram++)
        {
            total += entries.SizeOf(gram, utf8Lengths[gram]);
        }

        var count = 1;
        while (total + Headers(hashes, count) > (long)count * targetBytes)
        {
            count *= 2;
        }

        var (order, starts) = ByShard(hashes, count);
        Parallel.For(0, count, shard => SortShard(order.AsSpan(starts[shard], starts[shard + 1] - starts[shard]), grams));
        IndexedPacks.Write(folder + "keys/", Magic, count, layout.ShardsPerPack, shard => entries.Shard(order.AsSpan(starts[shard], starts[shard + 1] - starts[shard])), write);
        return count;
    }

    /// <summary>
    /// Appends the bytes of each of <paramref name="grams"/> to the packs, in order; returns where each went.
    /// <paramref name="seen"/>, if given, is shown each record's bytes (on any thread) while they are at hand.
    /// </summary>
    private static PackedRecord[] Append(PlainPacks packs, List<int> grams, Func<int, byte[]> bytesOf, Action<int, byte[]>? seen)
    {
        var at = new PackedRecord[grams.Count];
        var batch = new byte[Math.Min(Batch, grams.Count)][];
        for (var from = 0; from < grams.Count; from += Batch)
        {
            var size = Math.Min(Batch, grams.Count - from);
            Parallel.For(0, size, i =>
            {
                batch[i] = bytesOf(grams[from + i]);
                seen?.Invoke(from + i, batch[i]);
            });
            for (var i = 0; i < size; i++)
            {
                at[from + i] = packs.Add(batch[i]);
            }
        }

        return at;
    }

    /// <summary>The grams grouped by shard (a counting sort, gram order within a shard), and where each shard starts.</summary>
    private static (int[] Order, int[] Starts) ByShard(uint[] hashes, int count)
    {
        var starts = new int[count + 1];
        foreach (var hash in hashes)
        {
            starts[hash % (uint)count + 1]++;
        }

        for (var shard = 0; shard < count; shard++)
        {
            starts[shard + 1] += starts[shard];
        }

        var next = starts[..count];
        var order = new int[hashes.Length];
        for (var gram = 0; gram < hashes.Length; gram++)
        {
            order[next[hashes[gram] % (uint)count]++] = gram;
        }

        return (order, starts);
    }

    /// <summary>Sorts one shard's grams by key (ordinal over UTF-16 units) in place.</summary>
    private static void SortShard(Span<int> members, GramIndex grams)
    {
        var keys = new string[members.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = grams.TextOf(members[i]);
        }

        keys.AsSpan().Sort(members, StringComparer.Ordinal);
    }

    /// <summary>
    /// The record of every key whose postings are too long to go inline, in gram order, one record per distinct
    /// content: on repetitive text many phrases share their parts' postings exactly (at 10,000 generated reports
    /// 210 MB of such postings held 69 MB of distinct ones). Records hold the postings of the gram listed for them
    /// (read again when packed).
    /// </summary>
    private static (Dictionary<int, int> RecordOf, List<int> Records) SharedPostings(int gramCount, GramPostings postings, int inlineLimit)
    {
        var longer = Enumerable.Range(0, gramCount).Where(gram => postings.PostingsLength(gram) > inlineLimit).ToList();
        var contents = new UInt128[longer.Count];
        Parallel.For(0, longer.Count, i => contents[i] = BitConverter.ToUInt128(SHA256.HashData(postings.Postings(longer[i]))));
        var recordOf = new Dictionary<int, int>(longer.Count);
        var records = new List<int>();
        var byContent = new Dictionary<UInt128, List<int>>();
        for (var i = 0; i < longer.Count; i++)
        {
            var gram = longer[i];
            if (!byContent.TryGetValue(contents[i], out var same))
            {
                byContent[contents[i]] = same = [];
            }

            // Equal hashes are compared byte for byte: a collision must not merge two keys' postings.
            var existing = same.Count == 0 ? -1 : same.FirstOrDefault(r => postings.Postings(records[r]).AsSpan().SequenceEqual(postings.Postings(gram)), -1);
            if (existing < 0)
            {
                existing = records.Count;
                same.Add(existing);
                records.Add(gram);
            }

            recordOf[gram] = existing;
        }

        return (recordOf, records);
    }

    /// <summary>What the shards' entry counts and their packs' offsets add up to with <paramref name="count"/> shards.</summary>
    private static long Headers(uint[] hashes, int count)
    {
        var entries = new int[count];
        foreach (var hash in hashes)
        {
            entries[hash % (uint)count]++;
        }

        return entries.Sum(n => 4L + Varint.Size(n));
    }

    /// <summary>Serializes shards, once every long postings and positions record has its place in the packs.</summary>
    private sealed class ShardEntries(GramIndex grams, GramPostings postings, int inlineLimit, Dictionary<int, int> recordOf, PackedRecord[] postingsAt, int[][] topDocs, Dictionary<int, PackedRecord> positionsOf)
    {
        [ThreadStatic]
        private static byte[]? _buffer;

        /// <summary>The exact size of a gram's entry (not counting hints, FORMAT.md §4.3).</summary>
        public long SizeOf(int gram, int utf8Length)
        {
            long size = Varint.Size(utf8Length) + utf8Length + Varint.Size(grams.DocumentFrequency(gram));
            var length = postings.PostingsLength(gram);
            if (length <= inlineLimit)
            {
                size += Varint.Size(length) + length;
            }
            else
            {
                var at = postingsAt[recordOf[gram]];
                size += 1 + Varint.Size(at.Pack) + Varint.Size(at.Offset) + Varint.Size(at.Length);
            }

            if (positionsOf.TryGetValue(gram, out var positions))
            {
                size += Varint.Size(positions.Length) + Varint.Size(positions.Pack) + Varint.Size(positions.Offset);
            }

            return size;
        }

        /// <summary>One shard's record: its entry count, then its entries in key order.</summary>
        public byte[] Shard(ReadOnlySpan<int> entries)
        {
            // Made in this thread's buffer, with keys and inline postings written straight into it: a shard of a few
            // KB no longer costs a stream, a string, a UTF-8 array and a postings array per key.
            var buffer = _buffer ??= new byte[1 << 16];
            var at = Varint.Put(buffer, 0, entries.Length);
            foreach (var gram in entries)
            {
                var length = postings.PostingsLength(gram);
                var inline = length <= inlineLimit;
                var top = inline ? [] : topDocs[recordOf[gram]];
                Room(ref buffer, at, (4 * GramIndex.MaxGram) + (inline ? length : 5 * top.Length) + 64);
                // A key is at most 4 · MaxGram = 24 UTF-8 bytes, so its length is a varint of one byte.
                var utf8Length = grams.WriteUtf8(gram, buffer.AsSpan(at + 1));
                buffer[at] = (byte)utf8Length;
                at += 1 + utf8Length;
                at = Varint.Put(buffer, at, grams.DocumentFrequency(gram));
                if (inline)
                {
                    at = Varint.Put(buffer, at, length);
                    at += postings.ReadPostings(gram, buffer.AsSpan(at));
                }
                else
                {
                    at = Varint.Put(buffer, at, 0);
                    at = Put(buffer, at, postingsAt[recordOf[gram]], withLength: true);
                    at = Varint.Put(buffer, at, top.Length);
                    for (var i = 0; i < top.Length; i++)
                    {
                        at = Varint.Put(buffer, at, top[i] - (i == 0 ? 0 : top[i - 1] + 1));
                    }
                }

                if (positionsOf.TryGetValue(gram, out var positions))
                {
                    at = Varint.Put(buffer, at, positions.Length);
                    at = Put(buffer, at, positions, withLength: false);
                }
            }

            _buffer = buffer;
            return buffer.AsSpan(0, at).ToArray();
        }

        private static void Room(ref byte[] buffer, int at, int wanted)
        {
            if (at + wanted > buffer.Length)
            {
                Array.Resize(ref buffer, Math.Max(buffer.Length * 2, at + wanted));
            }
        }

        private static int Put(Span<byte> buffer, int at, PackedRecord record, bool withLength)
        {
            at = Varint.Put(buffer, at, record.Pack);
            at = Varint.Put(buffer, at, record.Offset);
            return withLength ? Varint.Put(buffer, at, record.Length) : at;
        }
    }
}
