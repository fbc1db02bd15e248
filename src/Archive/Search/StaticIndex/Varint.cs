namespace Archive.Search.StaticIndex;

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
    /// <remarks>Without a loop: the seals size every doc gap and hit count of the index with it.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int Size(int value) => (System.Numerics.BitOperations.Log2((uint)value | 1) / 7) + 1;

    /// <summary>Writes a value at <paramref name="at"/> in a buffer with room for it; returns the index after it.</summary>
    public static int Put(Span<byte> buffer, int at, int value)
    {
        var remaining = (uint)value;
        while (remaining >= 0x80)
        {
            buffer[at++] = (byte)(remaining | 0x80);
            remaining >>= 7;
        }

        buffer[at++] = (byte)remaining;
        return at;
    }

    /// <summary>Reads the value at <paramref name="at"/> and moves it past.</summary>
    public static int Get(ReadOnlySpan<byte> buffer, ref int at)
    {
        var value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = buffer[at++];
            value |= (b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
