using System.Runtime.InteropServices;

namespace Archive.Core;

/// <summary>
/// Arrays of plain values written and read as their bytes, in one call each: the build cache holds arrays of millions
/// of values, which a value at a time took most of a second to read. In this machine's byte order, which a cache read
/// on another machine would not share (a cache is bound to the program that wrote it, and to its machine's folder).
/// </summary>
public static class BinaryArrays
{
    public static void Write<T>(BinaryWriter writer, ReadOnlySpan<T> values)
        where T : unmanaged => writer.Write(MemoryMarshal.AsBytes(values));

    public static T[] Read<T>(BinaryReader reader, int count)
        where T : unmanaged
    {
        var array = new T[count];
        var bytes = MemoryMarshal.AsBytes(array.AsSpan());
        for (var at = 0; at < bytes.Length;)
        {
            var read = reader.Read(bytes[at..]);
            at += read > 0 ? read : throw new EndOfStreamException();
        }

        return array;
    }
}
