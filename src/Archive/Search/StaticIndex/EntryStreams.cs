namespace Archive.Search.StaticIndex;

/// <summary>
/// Several streams of byte entries, each written in order through a buffer of its own and kept in one
/// <see cref="SpillFile"/>: a full buffer becomes a record of the file, and an entry never straddles two records,
/// so a record is read back as whole entries. The gram counter writes what it finds here in the order it finds it
/// (sequential writes, few buffers hot in the cache) instead of into a structure per gram, which cost a cache miss
/// per entry; only one writer at a time.
/// </summary>
internal sealed class EntryStreams : IDisposable
{
    private readonly SpillFile _file = new();
    private readonly byte[][] _buffers;
    private readonly int[] _filled;
    private readonly List<int>[] _records;
    private int _nextRecord;

    public EntryStreams(int streams, int bufferBytes)
    {
        _buffers = new byte[streams][];
        _filled = new int[streams];
        _records = new List<int>[streams];
        for (var stream = 0; stream < streams; stream++)
        {
            _buffers[stream] = new byte[bufferBytes];
            _records[stream] = [];
        }
    }

    /// <summary>Appends one entry to <paramref name="stream"/>.</summary>
    public void Write(int stream, ReadOnlySpan<byte> entry)
    {
        var buffer = _buffers[stream];
        if (_filled[stream] + entry.Length > buffer.Length)
        {
            Flush(stream);
            if (entry.Length > buffer.Length)
            {
                // An entry larger than a buffer is a record of its own.
                Append(stream, entry);
                return;
            }
        }

        entry.CopyTo(buffer.AsSpan(_filled[stream]));
        _filled[stream] += entry.Length;
    }

    /// <summary>
    /// Room for an entry of at most <paramref name="bytes"/> at the end of <paramref name="stream"/>, written in place;
    /// <see cref="Wrote"/> then says how much of it the entry took.
    /// </summary>
    public Span<byte> Room(int stream, int bytes)
    {
        if (_filled[stream] + bytes > _buffers[stream].Length)
        {
            Flush(stream);
            if (bytes > _buffers[stream].Length)
            {
                _buffers[stream] = new byte[bytes];
            }
        }

        return _buffers[stream].AsSpan(_filled[stream], bytes);
    }

    /// <summary>Ends the entry written into <see cref="Room"/>: it took <paramref name="bytes"/>.</summary>
    public void Wrote(int stream, int bytes) => _filled[stream] += bytes;

    /// <summary>Writes what the buffers still hold; then the streams can be read.</summary>
    public void Finish()
    {
        for (var stream = 0; stream < _buffers.Length; stream++)
        {
            Flush(stream);
        }
    }

    /// <summary>The numbers of the records of <paramref name="stream"/>, in order (after <see cref="Finish"/>).</summary>
    public IEnumerable<int> Records(int stream) => _records[stream];

    /// <summary>Reads record <paramref name="record"/> (one of <see cref="Records"/>) into a buffer that grows as needed.</summary>
    public ReadOnlySpan<byte> Read(int record, ref byte[] buffer)
    {
        var length = _file.LengthOf(record);
        if (buffer.Length < length)
        {
            buffer = new byte[Math.Max(length, buffer.Length * 2)];
        }

        return buffer.AsSpan(0, _file.Read(record, buffer.AsSpan(0, length)));
    }

    public void Dispose() => _file.Dispose();

    private void Flush(int stream)
    {
        if (_filled[stream] > 0)
        {
            Append(stream, _buffers[stream].AsSpan(0, _filled[stream]));
            _filled[stream] = 0;
        }
    }

    private void Append(int stream, ReadOnlySpan<byte> bytes)
    {
        _records[stream].Add(_nextRecord);
        _file.Append(_nextRecord++, bytes);
    }
}
