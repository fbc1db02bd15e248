namespace Archive.Search;

/// <summary>Unsigned LEB128 varints, the integer encoding of the .bin files (FORMAT.md §4).</summary>
public static class Varint
{
    public static void Write(Stream stream, int value)
    {
        var remaining = (uint)value;
        while (remaining >= 0x80)
        {
            stream.WriteByte((byte)(remaining | 0x80));
            remaining >>= 7;
        }

        stream.WriteByte((byte)remaining);
    }

    /// <summary>The number of bytes <see cref="Write"/> takes for a value.</summary>
    public static int Size(int value)
    {
        var size = 1;
        for (var v = (uint)value; v >= 0x80; v >>= 7)
        {
            size++;
        }

        return size;
    }
}
