using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Archive.Search.StaticIndex;

/// <summary>
/// A temporary file of numbered records that the search export keeps on disk instead of in memory: at 50,000
/// reports the normalized texts are 1 GB as code points and the encoded postings another gigabyte, and a build
/// should fit in 2 GB. Records are written once (appended) or rewritten in place no longer than they were; the
/// operating system's page cache keeps them close when memory allows, and the file is deleted when disposed.
/// </summary>
public sealed class SpillFile : IDisposable
{
    private readonly SafeFileHandle _handle;
    private long[] _offsets = new long[1024];
    private int[] _lengths = new int[1024];
    private long _end;

    public SpillFile()
    {
        FilePath = Path.Combine(Path.GetTempPath(), $"archive-spill-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        _handle = File.OpenHandle(FilePath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
    }

    /// <summary>Where the records are, until disposed.</summary>
    public string FilePath { get; }

    /// <summary>The length in bytes of record <paramref name="number"/> (0 when it was never written).</summary>
    public int LengthOf(int number) => number < _lengths.Length ? _lengths[number] : 0;

    /// <summary>Writes record <paramref name="number"/> at the end of the file (one writer at a time).</summary>
    public void Append(int number, ReadOnlySpan<byte> bytes)
    {
        if (number >= _offsets.Length)
        {
            var size = Math.Max(number + 1, _offsets.Length * 2);
            Array.Resize(ref _offsets, size);
            Array.Resize(ref _lengths, size);
        }

        RandomAccess.Write(_handle, bytes, _end);
        _offsets[number] = _end;
        _lengths[number] = bytes.Length;
        _end += bytes.Length;
    }

    /// <summary>
    /// Writes records <paramref name="numbers"/> at the end of the file in one write: <paramref name="bytes"/> holds
    /// them one after another, <paramref name="lengths"/> says how long each is.
    /// </summary>
    public void AppendAll(ReadOnlySpan<int> numbers, ReadOnlySpan<byte> bytes, ReadOnlySpan<int> lengths)
    {
        foreach (var number in numbers)
        {
            if (number >= _offsets.Length)
            {
                var size = Math.Max(number + 1, _offsets.Length * 2);
                Array.Resize(ref _offsets, size);
                Array.Resize(ref _lengths, size);
            }
        }

        RandomAccess.Write(_handle, bytes, _end);
        for (var i = 0; i < numbers.Length; i++)
        {
            _offsets[numbers[i]] = _end;
            _lengths[numbers[i]] = lengths[i];
            _end += lengths[i];
        }
    }

    /// <summary>Replaces record <paramref name="number"/> with bytes no longer than it has (safe from several threads for different records).</summary>
    public void Rewrite(int number, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty && LengthOf(number) == 0)
        {
            // A record never written (a doc an update does not index) stays empty.
            return;
        }

        if (bytes.Length > LengthOf(number))
        {
            throw new InvalidOperationException($"spill record {number} cannot grow ({LengthOf(number)} → {bytes.Length} bytes)");
        }

        RandomAccess.Write(_handle, bytes, _offsets[number]);
        _lengths[number] = bytes.Length;
    }

    /// <summary>Reads record <paramref name="number"/> into <paramref name="buffer"/> (at least <see cref="LengthOf"/> bytes); returns its length.</summary>
    public int Read(int number, Span<byte> buffer)
    {
        var length = LengthOf(number);
        var read = 0;
        while (read < length)
        {
            read += RandomAccess.Read(_handle, buffer[read..length], _offsets[number] + read);
        }

        return length;
    }

    /// <summary>Record <paramref name="number"/> as a new array.</summary>
    public byte[] Read(int number)
    {
        var bytes = new byte[LengthOf(number)];
        Read(number, bytes);
        return bytes;
    }

    /// <summary>Appends a record of ints.</summary>
    public void Append(int number, ReadOnlySpan<int> values) => Append(number, MemoryMarshal.AsBytes(values));

    /// <summary>Rewrites a record of ints in place, no longer than it was.</summary>
    public void Rewrite(int number, ReadOnlySpan<int> values) => Rewrite(number, MemoryMarshal.AsBytes(values));

    /// <summary>Reads a record of ints into <paramref name="buffer"/>; returns how many.</summary>
    public int Read(int number, Span<int> buffer) => Read(number, MemoryMarshal.AsBytes(buffer)) / sizeof(int);

    public void Dispose() => _handle.Dispose();
}
