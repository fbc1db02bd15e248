namespace Archive.Search.StaticIndex;

/// <summary>
/// Records appended one after another into the plain packs of a folder (FORMAT.md §4.0): <c>NNNN.bin</c>, numbered on
/// from <paramref name="firstPack"/>, each closed before a record that would take it past <paramref name="packBytes"/>
/// (a larger record is a pack of its own). A reader finds a record by the pack, offset and length this hands back, and
/// fetches it with one range request: thousands of small files become a few large ones that every Pages host takes.
/// </summary>
/// <remarks>Not thread-safe: records are appended in the order that makes the packs deterministic.</remarks>
internal sealed class PlainPacks(string folder, int firstPack, int packBytes, Action<string, byte[]> write)
{
    // The open pack, filled in place: one buffer for the life of the packs instead of a stream that doubles its way
    // up to each pack's size (a gigabyte of allocations per 10,000 reports).
    private byte[] _current = [];
    private int _length;
    private readonly Queue<Task> _writing = new();

    /// <summary>The number of the pack the next record goes to (after <see cref="Finish"/>: one past the last).</summary>
    public int NextPack { get; private set; } = firstPack;

    /// <summary>The path of pack <paramref name="pack"/> in <paramref name="folder"/>.</summary>
    public static string PathOf(string folder, int pack) => $"{folder}{pack:D4}.bin";

    /// <summary>Appends a record; returns where it is.</summary>
    public PackedRecord Add(ReadOnlySpan<byte> record)
    {
        if (_length > 0 && _length + record.Length > packBytes)
        {
            Close();
        }

        if (_length + record.Length > _current.Length)
        {
            Array.Resize(ref _current, Math.Max(_length + record.Length, Math.Min(packBytes, Math.Max(4096, _current.Length * 2))));
        }

        var at = new PackedRecord(NextPack, _length, record.Length);
        record.CopyTo(_current.AsSpan(_length));
        _length += record.Length;
        return at;
    }

    /// <summary>Writes the last pack, if it holds anything, and waits until every pack is written.</summary>
    public void Finish()
    {
        if (_length > 0)
        {
            Close();
        }

        while (_writing.Count > 0)
        {
            Written(_writing.Dequeue());
        }
    }

    // A full pack is written (hashed and stored, 8 MB) beside the appends that go on filling the next one, which wait
    // only while two packs are still on their way: at 50,000 reports the postings packs are a gigabyte, and writing
    // them in line held up the one thread that appends.
    private void Close()
    {
        var path = PathOf(folder, NextPack);
        var bytes = _current.AsSpan(0, _length).ToArray();
        _writing.Enqueue(Task.Run(() => write(path, bytes)));
        while (_writing.Count > 2)
        {
            Written(_writing.Dequeue());
        }

        _length = 0;
        NextPack++;
    }

    // The write's own exception, not an AggregateException around it.
    private static void Written(Task task) => task.GetAwaiter().GetResult();
}

/// <summary>Where a record of a plain pack is: the pack's number, the record's byte offset in it and its length.</summary>
internal readonly record struct PackedRecord(int Pack, int Offset, int Length);
