using System.Buffers.Binary;

namespace Archive.Search.StaticIndex;

/// <summary>
/// A numbered collection of records of about one size (doc blocks) written as slotted packs (FORMAT.md §4.0): every
/// record in a slot of the same size, so a reader computes where record r is and fetches it with one range request,
/// where an indexed pack takes two (its offset, then the record). At 50,000 reports a result page's ten title blocks
/// are 477–689 bytes: slots of 691 bytes cost ~1 KB more per page than exact ranges, and save ten requests.
/// </summary>
internal static class SlottedPacks
{
    /// <summary>A slot's length field: an unsigned 16-bit integer.</summary>
    public const int LengthBytes = 2;

    /// <summary>
    /// Writes <paramref name="records"/> as <c>{folder}NNNN.bin</c>, <paramref name="perPack"/> to a pack, in slots of
    /// 2 + the longest record's length; returns the slot size.
    /// </summary>
    public static int Write(string folder, ReadOnlySpan<byte> magic, IReadOnlyList<byte[]> records, int perPack, Action<string, byte[]> write)
    {
        var longest = records.Count == 0 ? 0 : records.Max(r => r.Length);
        if (longest > ushort.MaxValue)
        {
            throw new InvalidOperationException($"a record of {longest} bytes does not fit a slot's 16-bit length");
        }

        var slot = LengthBytes + longest;
        var magicBytes = magic.ToArray();
        Parallel.For(0, (records.Count + perPack - 1) / perPack, pack =>
        {
            var first = pack * perPack;
            var count = Math.Min(perPack, records.Count - first);
            var bytes = new byte[8 + ((long)count * slot)];
            magicBytes.CopyTo(bytes, 0);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), count);
            for (var i = 0; i < count; i++)
            {
                var at = 8 + (i * slot);
                var record = records[first + i];
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at), (ushort)record.Length);
                record.CopyTo(bytes, at + LengthBytes);
            }

            write(PlainPacks.PathOf(folder, pack), bytes);
        });
        return slot;
    }
}
