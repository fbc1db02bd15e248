using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Archive.Build;

/// <summary>
/// What the last build wrote into an output folder: per file, the SHA-256 of its content, and the size and write
/// time it had, so that a rebuild can tell that a file it is about to write is already there, untouched since.
/// Kept in the cache, one file per output folder.
/// </summary>
public sealed class OutputManifest
{
    private const string Header = "archive-output-manifest 1";
    private readonly ConcurrentDictionary<string, OutputEntry> _entries;

    private OutputManifest(ConcurrentDictionary<string, OutputEntry> entries)
    {
        _entries = entries;
    }

    public static OutputManifest Empty() => new(new ConcurrentDictionary<string, OutputEntry>(StringComparer.Ordinal));

    /// <summary>Where the manifest of <paramref name="outputFolder"/> lives in <paramref name="cacheFolder"/>.</summary>
    public static string PathFor(string cacheFolder, string outputFolder)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(outputFolder))))[..16];
        return Path.Combine(cacheFolder, "output", key + ".tsv");
    }

    /// <summary>The manifest at <paramref name="path"/>, or an empty one when it is missing, unreadable or of another folder.</summary>
    public static OutputManifest Load(string path, string outputFolder)
    {
        var entries = new ConcurrentDictionary<string, OutputEntry>(StringComparer.Ordinal);
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8);
            if (reader.ReadLine() != $"{Header}\t{Path.GetFullPath(outputFolder)}")
            {
                return Empty();
            }

            while (reader.ReadLine() is { } line)
            {
                var fields = line.Split('\t');
                entries[fields[0]] = new OutputEntry(
                    fields[1],
                    long.Parse(fields[2], CultureInfo.InvariantCulture),
                    long.Parse(fields[3], CultureInfo.InvariantCulture),
                    fields[4].Length == 0 ? [] : fields[4].Split(','),
                    fields.Length > 5 ? fields[5] : "");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or OverflowException)
        {
            return Empty();
        }

        return new OutputManifest(entries);
    }

    public int Count => _entries.Count;

    /// <summary>True when every file of the manifest (and its compressed copies) is in the folder as the manifest says.</summary>
    public bool IsIntact(string outputFolder) => _entries.Count > 0 && _entries.AsParallel().All(e =>
    {
        var file = new FileInfo(Path.Combine(outputFolder, e.Key));
        return file.Exists && file.Length == e.Value.Size && file.LastWriteTimeUtc.Ticks == e.Value.WriteTimeTicks
            && e.Value.Variants.All(v => File.Exists(file.FullName + v));
    });

    public IEnumerable<KeyValuePair<string, OutputEntry>> Entries => _entries;

    /// <summary>
    /// A SHA-256 over the paths and content hashes of the files given, in that order: equal digests mean the same
    /// files with the same contents. Null when one of them is not in the manifest.
    /// </summary>
    public string? DigestOf(IReadOnlyList<string> relativePaths)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in relativePaths)
        {
            if (!_entries.TryGetValue(path, out var entry))
            {
                return null;
            }

            sha.AppendData(Encoding.UTF8.GetBytes($"{path}\t{entry.Hash}\n"));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public bool TryGet(string relativePath, out OutputEntry entry) => _entries.TryGetValue(relativePath, out entry!);

    public void Set(string relativePath, OutputEntry entry) => _entries[relativePath] = entry;

    /// <summary>Writes the manifest (to a temporary file first, so a reader never sees half of it).</summary>
    public void Save(string path, string outputFolder)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
        {
            writer.Write($"{Header}\t{Path.GetFullPath(outputFolder)}\n");
            foreach (var (relativePath, entry) in _entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{relativePath}\t{entry.Hash}\t{entry.Size}\t{entry.WriteTimeTicks}\t{string.Join(',', entry.Variants)}\t{entry.SourceKey}\n"));
            }
        }

        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>
/// One output file: content hash, size and write time, the suffixes of its precompressed copies, and the key of what
/// it was made from (a rendered page's <c>Theme.RenderKey</c>; empty when the writer gave none).
/// </summary>
public sealed record OutputEntry(string Hash, long Size, long WriteTimeTicks, string[] Variants, string SourceKey = "");
