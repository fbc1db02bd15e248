using System.Collections.Concurrent;
using Archive.Reading.KeyTerms;

namespace Archive.Incremental;

/// <summary>
/// Every report's word counts (<see cref="ReportTerms"/>, ≈ 2 KB a report) by its file's SHA-256, so that a text is
/// segmented once in its life. The counts are appended to one file and found by an index of offsets (≈ 45 bytes a
/// report): a rebuild reads the index and only the few entries it needs, not the 100 MB that all of them take at
/// 50,000 reports. When more than half the file is counts of texts no longer in the archive, it is written anew under
/// the next generation's name, so that an index never names offsets of a file that was rewritten under it. Bound to
/// the format of <see cref="ReportTerms"/>, not to the program: a new build of the program keeps it.
/// </summary>
internal sealed class ReportTermsStore
{
    private const string Header = "archive-report-terms 1";

    private readonly string? _indexPath;
    private readonly Dictionary<string, (long Offset, int Length)> _index;
    private readonly ConcurrentDictionary<string, byte[]> _added = new(StringComparer.Ordinal);
    private readonly int _generation;
    private readonly long _length;
    private readonly Lazy<Microsoft.Win32.SafeHandles.SafeFileHandle?> _file;
    private int _readEntries;
    private long _readBytes;

    private ReportTermsStore(string? indexPath, int generation, long length, Dictionary<string, (long, int)> index)
    {
        (_indexPath, _generation, _length, _index) = (indexPath, generation, length, index);
        _file = new(() => _indexPath is null || !File.Exists(DataPath(_generation)) ? null : File.OpenHandle(DataPath(_generation)));
    }

    /// <summary>How many entries were read from the file, and how many bytes: what a build cost in reading.</summary>
    public (int Entries, long Bytes) Read => (_readEntries, Interlocked.Read(ref _readBytes));

    private static string[] Heading => [Header, $"{ReportTerms.Version}"];

    /// <summary>The store beside <paramref name="statePath"/>, or an empty one held in memory when it is null.</summary>
    public static ReportTermsStore Open(string? statePath)
    {
        var indexPath = statePath is null ? null : Path.ChangeExtension(statePath, ".terms-index");
        var loaded = indexPath is null ? null : CacheFile.Read(indexPath, Heading, reader =>
        {
            var (generation, length, count) = (reader.ReadInt32(), reader.ReadInt64(), reader.ReadInt32());
            var index = new Dictionary<string, (long, int)>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                index[reader.ReadString()] = (reader.ReadInt64(), reader.ReadInt32());
            }

            return new ReportTermsStore(indexPath, generation, length, index);
        });
        return loaded is not null && (loaded._index.Count == 0 || File.Exists(loaded.DataPath(loaded._generation)))
            ? loaded
            : new ReportTermsStore(indexPath, 0, 0, new(StringComparer.Ordinal));
    }

    /// <summary>The counts of the text whose file has SHA-256 <paramref name="hash"/>, or null when they are not kept.</summary>
    public ReportTerms? Find(string hash)
    {
        if (hash.Length == 0)
        {
            return null;
        }

        if (_added.TryGetValue(hash, out var added))
        {
            return ReportTerms.FromBytes(added);
        }

        if (!_index.TryGetValue(hash, out var at) || _file.Value is not { } file)
        {
            return null;
        }

        var bytes = new byte[at.Length];
        if (RandomAccess.Read(file, bytes, at.Offset) != bytes.Length)
        {
            return null;
        }

        Interlocked.Increment(ref _readEntries);
        Interlocked.Add(ref _readBytes, bytes.Length);
        try
        {
            return ReportTerms.FromBytes(bytes);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Keeps the counts of the text whose file has SHA-256 <paramref name="hash"/> (none kept without a hash).</summary>
    public void Add(string hash, ReportTerms terms)
    {
        if (hash.Length > 0)
        {
            _added.TryAdd(hash, terms.ToBytes());
        }
    }

    /// <summary>Writes what was added and an index of the texts of <paramref name="live"/> hashes alone; the file anew when mostly dead.</summary>
    public void Save(IReadOnlyCollection<string> live)
    {
        if (_indexPath is null)
        {
            return;
        }

        var kept = live.Where(h => !_added.ContainsKey(h) && _index.ContainsKey(h)).Distinct(StringComparer.Ordinal).ToList();
        var keptBytes = kept.Sum(h => (long)_index[h].Length);
        var fresh = _length > (2 * keptBytes) + (1 << 20);
        if (!fresh && _added.IsEmpty && kept.Count == _index.Count)
        {
            return;
        }

        var (generation, length) = fresh ? (_generation + 1, 0L) : (_generation, _length);
        var index = new Dictionary<string, (long Offset, int Length)>(StringComparer.Ordinal);
        Directory.CreateDirectory(Path.GetDirectoryName(_indexPath)!);
        using (var data = new FileStream(DataPath(generation), fresh ? FileMode.Create : FileMode.OpenOrCreate, FileAccess.Write))
        {
            // Past the last offset the index knows: a build killed after appending left bytes no index names.
            data.Position = length;
            foreach (var hash in fresh ? kept : [])
            {
                var bytes = new byte[_index[hash].Length];
                RandomAccess.Read(_file.Value!, bytes, _index[hash].Offset);
                index[hash] = (data.Position, bytes.Length);
                data.Write(bytes);
            }

            if (!fresh)
            {
                foreach (var hash in kept)
                {
                    index[hash] = _index[hash];
                }
            }

            foreach (var hash in live.Where(_added.ContainsKey).Distinct(StringComparer.Ordinal))
            {
                index[hash] = (data.Position, _added[hash].Length);
                data.Write(_added[hash]);
            }

            length = data.Position;
        }

        if (_file.IsValueCreated)
        {
            _file.Value?.Dispose();
        }

        CacheFile.Write(_indexPath, Heading, writer =>
        {
            writer.Write(generation);
            writer.Write(length);
            writer.Write(index.Count);
            foreach (var (hash, (offset, size)) in index)
            {
                writer.Write(hash);
                writer.Write(offset);
                writer.Write(size);
            }
        });
        if (fresh && File.Exists(DataPath(_generation)))
        {
            File.Delete(DataPath(_generation));
        }
    }

    private string DataPath(int generation) => Path.ChangeExtension(_indexPath!, $".terms-{generation}");
}
