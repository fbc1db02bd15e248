using System.Security.Cryptography;
using System.Text;

namespace Archive.Search;

/// <summary>
/// The key dictionary of the static index (FORMAT.md §4.3): keys hashed into shard files of a few KB, each entry
/// carrying its postings inline, or naming its own postings file when they are long, so a query fetches one small
/// shard per term and the postings it needs, never another key's.
/// </summary>
public static class KeyShards
{
    private static readonly byte[] Magic = "ASK2"u8.ToArray();

    /// <summary>Hands the shard, postings and positions files to <paramref name="write"/> (from several threads); returns the number of shards.</summary>
    public static int Write(GramIndex grams, GramPostings postings, int inlineLimit, string folder, Action<string, byte[]> write)
    {
        var keys = new (string Key, int Gram)[grams.Count];
        Parallel.For(0, grams.Count, gram => keys[gram] = (grams.TextOf(gram), gram));
        Array.Sort(keys, (a, b) => string.CompareOrdinal(a.Key, b.Key));

        // The exact size of all entries: shards hold entries only, so the average shard is this total over the count.
        long total = 0;
        foreach (var (key, gram) in keys)
        {
            var keyBytes = Encoding.UTF8.GetByteCount(key);
            var length = postings.PostingsLength(gram);
            var inline = length <= inlineLimit ? length : 0;
            total += Varint.Size(keyBytes) + keyBytes + Varint.Size(grams.DocumentFrequency(gram)) + Varint.Size(inline) + inline;
            if (inline == 0)
            {
                total += 3; // the file number, a varint of at most 3 bytes below 2^21 files
            }
            // Only the length is needed here: the positions themselves are read when the shard is written.
            if (postings.PositionsLength(gram) is var positions and > 0)
            {
                total += Varint.Size(positions <= inlineLimit ? positions : 0);
            }
        }

        var hashes = keys.Select(k => BucketHash.Of(k.Key)).ToArray();
        var count = 1;
        while (total + Headers(hashes, count) > (long)count * SearchIndexExporter.ShardTargetBytes)
        {
            count *= 2;
        }

        var members = new List<(string Key, int Gram)>[count];
        for (var i = 0; i < count; i++)
        {
            members[i] = [];
        }

        foreach (var entry in keys)
        {
            members[BucketHash.BucketOf(entry.Key, count)].Add(entry);
        }

        var (fileOf, shared) = SharedPostingsFiles(members, postings, inlineLimit);
        Parallel.For(0, shared.Count, file => write($"{folder}postings/{file:D6}.bin", postings.Postings(shared[file])));
        Parallel.For(0, count, shard => Shard(shard, members[shard], grams, postings, fileOf, inlineLimit, folder).ForEach(file => write(file.Item1, file.Item2)));
        return count;
    }

    /// <summary>
    /// The number of the postings file of every key whose postings are too long to go inline, in order of first use
    /// (shard by shard, entry by entry), one file per distinct content: on repetitive text many phrases share their
    /// parts' postings exactly (at 10,000 generated reports 210 MB of such postings held 69 MB of distinct ones).
    /// Files are named by number and hold the postings of the gram listed for them (read again when written).
    /// </summary>
    private static (Dictionary<int, int> FileOf, List<int> Files) SharedPostingsFiles(List<(string Key, int Gram)>[] members, GramPostings postings, int inlineLimit)
    {
        var fileOf = new Dictionary<int, int>();
        var files = new List<int>();
        var byContent = new Dictionary<UInt128, List<int>>();
        foreach (var (_, gram) in members.SelectMany(m => m))
        {
            if (postings.PostingsLength(gram) <= inlineLimit)
            {
                continue;
            }

            var bytes = postings.Postings(gram);
            var hash = BitConverter.ToUInt128(SHA256.HashData(bytes));
            if (!byContent.TryGetValue(hash, out var same))
            {
                byContent[hash] = same = [];
            }

            // Equal hashes are compared byte for byte: a collision must not merge two keys' postings.
            var existing = same.FirstOrDefault(f => postings.Postings(files[f]).AsSpan().SequenceEqual(bytes), -1);
            if (existing < 0)
            {
                existing = files.Count;
                same.Add(existing);
                files.Add(gram);
            }

            fileOf[gram] = existing;
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
    private static List<(string, byte[])> Shard(int shard, List<(string Key, int Gram)> entries, GramIndex grams, GramPostings postings, Dictionary<int, int> fileOf, int inlineLimit, string folder)
    {
        var files = new List<(string, byte[])>();
        var ownPositions = 0;
        using var shared = new MemoryStream();
        using var file = new MemoryStream();
        file.Write(Magic);
        Varint.Write(file, entries.Count);
        foreach (var (key, gram) in entries)
        {
            var utf8 = Encoding.UTF8.GetBytes(key);
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
