using System.Buffers.Binary;

namespace Archive.Search.StaticIndex;

/// <summary>
/// A numbered collection of records of any size (key shards) written as indexed packs (FORMAT.md §4.0): pack p holds
/// records p · perPack … behind a table of 32-bit offsets, so that a reader fetches record r's start and end with one
/// 8-byte range request and the record with a second, from a few files instead of one file per record.
/// </summary>
internal static class IndexedPacks
{
    /// <summary>
    /// Writes records 0 … <paramref name="count"/> − 1, made by <paramref name="recordOf"/> (called from several
    /// threads, a pack's records at a time, so only one pack's records are in memory per core), as
    /// <c>{folder}NNNN.bin</c>; returns the number of packs.
    /// </summary>
    public static int Write(string folder, ReadOnlySpan<byte> magic, int count, int perPack, Func<int, byte[]> recordOf, Action<string, byte[]> write)
    {
        var packCount = (count + perPack - 1) / perPack;
        var magicBytes = magic.ToArray();
        Parallel.For(0, packCount, pack =>
        {
            var first = pack * perPack;
            var records = new byte[Math.Min(perPack, count - first)][];
            for (var i = 0; i < records.Length; i++)
            {
                records[i] = recordOf(first + i);
            }

            write(PlainPacks.PathOf(folder, pack), Pack(magicBytes, records));
        });
        return packCount;
    }

    /// <summary>One pack: magic, the record count and the n + 1 offsets (32-bit little-endian), then the records.</summary>
    public static byte[] Pack(ReadOnlySpan<byte> magic, IReadOnlyList<byte[]> records)
    {
        var header = 8 + (4 * (records.Count + 1));
        long length = header + records.Sum(r => (long)r.Length);
        var pack = new byte[checked((int)length)];
        magic.CopyTo(pack);
        BinaryPrimitives.WriteInt32LittleEndian(pack.AsSpan(4), records.Count);
        var offset = header;
        for (var i = 0; i < records.Count; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(pack.AsSpan(8 + (4 * i)), offset);
            records[i].CopyTo(pack.AsSpan(offset));
            offset += records[i].Length;
        }

        BinaryPrimitives.WriteInt32LittleEndian(pack.AsSpan(8 + (4 * records.Count)), offset);
        return pack;
    }
}
