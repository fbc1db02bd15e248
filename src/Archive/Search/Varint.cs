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
}
