using System.Security.Cryptography;
using System.Text;

namespace Archive.Search.StaticIndex;

/// <summary>
/// The key dictionary of the static index (FORMAT.md §4.3): keys hashed into shard files of a few KB, each entry
/// carrying its postings inline, or naming its own postings file when they are long, so a query fetches one small
/// shard per term and the postings it needs, never another key's.
/// </summary>
public static class KeyShards
{
    private static readonly byte[] Magic = "ASK2"u8.ToArray();

    /// <summary>
    /// Hands the shard, postings and positions files to <paramref name="write"/> (from several threads); returns the
    /// number of shards: the smallest power of two that keeps the average shard at <paramref name="targetBytes"/> or less.
    /// Keys with postings files of their own list the top docs of <paramref name="hints"/> (over <paramref name="docCount"/> docs).
    /// </summary>
    public static int Write(GramIndex grams, GramPostings postings, int inlineLimit, int targetBytes, TitleHints hints, int docCount, string folder, Action<string, byte[]> write)
    {
        // Keys are hashed and sized from the grams themselves, and sorted shard by shard on every core, instead of all of
        // them at once as strings on one thread.
        var (hashes, utf8Lengths) = grams.Hashes();

        // The exact size of all entries: shards hold entries only, so the average shard is this total over the count.
        long total = 0;
        for (var gram = 0; gram < grams.Count; gram++)
        {
            var length = postings.PostingsLength(gram);
            var inline = length <= inlineLimit ? length : 0;
            total += Varint.Size(utf8Lengths[gram]) + utf8Lengths[gram] + Varint.Size(grams.DocumentFrequency(gram)) + Varint.Size(inline) + inline;
            if (inline == 0)
            {
                // The file number, a varint of at most 3 bytes below 2^21 files (hints are not counted, FORMAT.md §4.3).
                total += 3;
            }
            // Only the length is needed here: the positions themselves are read when the shard is written.
            if (postings.PositionsLength(gram) is var positions and > 0)
            {
                total += Varint.Size(positions <= inlineLimit ? positions : 0);
            }
        }

        var count = 1;
        while (total + Headers(hashes, count) > (long)count * targetBytes)
        {
            count *= 2;
        }

        var (order, starts) = ByShard(hashes, count);
        var contents = new UInt128[count][];
        Parallel.For(0, count, shard => contents[shard] = SortShard(order.AsSpan(starts[shard], starts[shard + 1] - starts[shard]), grams, postings, inlineLimit));
        var (fileOf, shared) = SharedPostingsFiles(order, starts, contents, postings, inlineLimit);
        var topDocs = new int[shared.Count][];
        Parallel.For(0, shared.Count, file =>
        {
            var bytes = postings.Postings(shared[file]);
            topDocs[file] = hints.Of(bytes, grams.DocumentFrequency(shared[file]), docCount);
            write($"{folder}postings/{file:D6}.bin", bytes);
        });
        Parallel.For(0, count, shard => Shard(shard, order.AsSpan(starts[shard], starts[shard + 1] - starts[shard]), grams, postings, fileOf, topDocs, inlineLimit, folder).ForEach(file => write(file.Item1, file.Item2)));
        return count;
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

    /// <summary>
    /// Sorts one shard's grams by key (ordinal over UTF-16 units) in place, and returns the content hashes of the
    /// postings that go to files of their own, in entry order.
    /// </summary>
    private static UInt128[] SortShard(Span<int> members, GramIndex grams, GramPostings postings, int inlineLimit)
    {
        var keys = new string[members.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = grams.TextOf(members[i]);
        }

        keys.AsSpan().Sort(members, StringComparer.Ordinal);
        var contents = new List<UInt128>();
        foreach (var gram in members)
        {
            if (postings.PostingsLength(gram) > inlineLimit)
            {
                contents.Add(BitConverter.ToUInt128(SHA256.HashData(postings.Postings(gram))));
            }
        }

        return [.. contents];
    }

    /// <summary>
    /// The number of the postings file of every key whose postings are too long to go inline, in order of first use
    /// (shard by shard, entry by entry), one file per distinct content: on repetitive text many phrases share their
    /// parts' postings exactly (at 10,000 generated reports 210 MB of such postings held 69 MB of distinct ones).
    /// Files are named by number and hold the postings of the gram listed for them (read again when written).
    /// </summary>
    private static (Dictionary<int, int> FileOf, List<int> Files) SharedPostingsFiles(int[] order, int[] starts, UInt128[][] contents, GramPostings postings, int inlineLimit)
    {
        var fileOf = new Dictionary<int, int>();
        var files = new List<int>();
        var byContent = new Dictionary<UInt128, List<int>>();
        for (var shard = 0; shard < contents.Length; shard++)
        {
            var next = 0;
            for (var i = starts[shard]; i < starts[shard + 1]; i++)
            {
                var gram = order[i];
                if (postings.PostingsLength(gram) <= inlineLimit)
                {
                    continue;
                }

                var hash = contents[shard][next++];
                if (!byContent.TryGetValue(hash, out var same))
                {
                    byContent[hash] = same = [];
                }

                // Equal hashes are compared byte for byte: a collision must not merge two keys' postings.
                var existing = same.Count == 0 ? -1 : same.FirstOrDefault(f => postings.Postings(files[f]).AsSpan().SequenceEqual(postings.Postings(gram)), -1);
                if (existing < 0)
                {
                    existing = files.Count;
                    same.Add(existing);
                    files.Add(gram);
                }

                fileOf[gram] = existing;
            }
        }

        return (fileOf, files);
    }

    /// <summary>What the shard files' magic bytes and entry counts add up to with <paramref name="count"/> shards.</summary>
    private static long Headers(uint[] hashes, int count)
    {
        var entries = new int[count];
        foreach (var hash in hashes)
        {
            entries[hash % (uint)count]++;
        }

        return entries.Sum(n => (long)Magic.Length + Varint.Size(n));
    }

    /// <summary>The shard file first, then its shared positions file, then its own positions files.</summary>
    private static List<(string, byte[])> Shard(int shard, ReadOnlySpan<int> entries, GramIndex grams, GramPostings postings, Dictionary<int, int> fileOf, int[][] topDocs, int inlineLimit, string folder)
    {
        var files = new List<(string, byte[])>();
        var ownPositions = 0;
        using var shared = new MemoryStream();
        using var file = new MemoryStream();
        file.Write(Magic);
        Varint.Write(file, entries.Length);
        foreach (var gram in entries)
        {
            var utf8 = Encoding.UTF8.GetBytes(grams.TextOf(gram));
            Varint.Write(file, utf8.Length);
            file.Write(utf8);
            Varint.Write(file, grams.DocumentFrequency(gram));
            if (postings.PostingsLength(gram) <= inlineLimit)
            {
                var bytes = postings.Postings(gram);
                Varint.Write(file, bytes.Length);
                file.Write(bytes);
            }
            else
            {
                Varint.Write(file, 0);
                Varint.Write(file, fileOf[gram]);
                var top = topDocs[fileOf[gram]];
                Varint.Write(file, top.Length);
                for (var i = 0; i < top.Length; i++)
                {
                    Varint.Write(file, top[i] - (i == 0 ? 0 : top[i - 1] + 1));
                }
            }

            if (postings.Positions(gram) is not { } hits)
            {
                continue;
            }

            if (hits.Length <= inlineLimit)
            {
                Varint.Write(file, hits.Length);
                shared.Write(hits);
            }
            else
            {
                Varint.Write(file, 0);
                files.Add(($"{folder}positions/{shard:D4}-{ownPositions++}.bin", hits));
            }
        }

        if (shared.Length > 0)
        {
            files.Insert(0, ($"{folder}positions/{shard:D4}.bin", shared.ToArray()));
        }

        files.Insert(0, ($"{folder}keys/{shard:D4}.bin", file.ToArray()));
        return files;
    }
}
