namespace Archive.Export;

/// <summary>
/// Appends bulk lines to bulk-0001.ndjson, bulk-0002.ndjson, … in a folder, starting a new file before one would
/// grow past the size limit. A report's two lines always stay together in one file, so a report larger than the
/// limit on its own gets a file of its own, which is then larger than the limit.
/// </summary>
internal sealed class BulkFiles(string folder, long maxBytes) : IDisposable
{
    private readonly List<string> _names = [];
    private FileStream? _current;
    private long _currentBytes;

    /// <summary>The files written so far, in order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>All bytes written, over every file.</summary>
    public long Bytes { get; private set; }

    /// <summary>Appends one report's lines; returns false when they alone exceed the limit.</summary>
    public bool Add(ReadOnlySpan<byte> lines)
    {
        if (_current is null || (_currentBytes > 0 && _currentBytes + lines.Length > maxBytes))
        {
            Next();
        }

        _current!.Write(lines);
        _currentBytes += lines.Length;
        Bytes += lines.Length;
        return lines.Length <= maxBytes;
    }

    public void Dispose() => _current?.Dispose();

    private void Next()
    {
        _current?.Dispose();
        var name = ExportLayout.BulkFile(_names.Count + 1);
        _current = new FileStream(Path.Combine(folder, name), FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        _currentBytes = 0;
        _names.Add(name);
    }
}
