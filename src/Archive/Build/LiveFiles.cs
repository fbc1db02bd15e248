using System.Collections.Concurrent;
using System.IO.Enumeration;

namespace Archive.Build;

/// <summary>
/// What the live output folder holds, read one folder at a time: each file's size and write time, and the names of
/// compressed copies. A rebuild checks that every file it keeps is as the last build left it; at 50,000 reports that
/// is ~700,000 files with their copies, and one pass over each folder (no path to build, no object per file, the
/// copies looked up by name instead of each stat'ed) costs a fraction of asking for each file. For folders that do
/// not change while they are consulted (output/ changes only when a build commits).
/// </summary>
internal sealed class LiveFiles(string root)
{
    private static readonly string[] CopySuffixes = [Precompression.GzipSuffix, Precompression.BrotliSuffix];

    // A name that looks like a compressed copy is listed without its size (it is not stat'ed): -1.
    private const long NotRead = -1;

    private readonly ConcurrentDictionary<string, Lazy<Dictionary<string, (long Size, long WriteTicks)>>> _folders = new(StringComparer.Ordinal);

    /// <summary>
    /// True when <paramref name="relativePath"/> is in the folder with the size and write time given, and a file named
    /// by each of <paramref name="copySuffixes"/> appended to its name is beside it.
    /// </summary>
    public bool Holds(string relativePath, long size, long writeTicks, string[] copySuffixes)
    {
        var files = Listing(Path.GetDirectoryName(relativePath.AsSpan())).GetAlternateLookup<ReadOnlySpan<char>>();
        var name = Path.GetFileName(relativePath.AsSpan());
        if (!files.TryGetValue(name, out var live))
        {
            return false;
        }

        if (live.Size == NotRead)
        {
            // Its own name ends like a copy's (an original named *.gz): ask for it alone.
            var info = new FileInfo(Path.Combine(root, relativePath));
            live = (info.Length, info.LastWriteTimeUtc.Ticks);
        }

        if (live.Size != size || live.WriteTicks != writeTicks)
        {
            return false;
        }

        Span<char> copy = stackalloc char[name.Length + 8];
        name.CopyTo(copy);
        foreach (var suffix in copySuffixes)
        {
            if (!suffix.TryCopyTo(copy[name.Length..]) || !files.ContainsKey(copy[..(name.Length + suffix.Length)]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Reads the folders of the files given side by side, ahead of <see cref="Holds"/>: a folder is read by one
    /// thread, and the index's text and postings folders (half a million names each at 50,000 reports) would
    /// otherwise be read one after the other while the other cores wait for them.
    /// </summary>
    public void ReadFoldersOf(IEnumerable<string> relativePaths) =>
        Parallel.ForEach(relativePaths.Select(p => Path.GetDirectoryName(p) ?? "").Distinct(StringComparer.Ordinal), folder => Listing(folder));

    private Dictionary<string, (long Size, long WriteTicks)> Listing(ReadOnlySpan<char> folder)
    {
        if (!_folders.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(folder, out var listing))
        {
            listing = _folders.GetOrAdd(folder.ToString(), path => new Lazy<Dictionary<string, (long, long)>>(() => Read(Path.Combine(root, path))));
        }

        return listing.Value;
    }

    private static Dictionary<string, (long Size, long WriteTicks)> Read(string folder)
    {
        var files = new Dictionary<string, (long Size, long WriteTicks)>(StringComparer.Ordinal);
        if (!Directory.Exists(folder))
        {
            return files;
        }

        var entries = new FileSystemEnumerable<(string Name, long Size, long WriteTicks)>(folder, (ref FileSystemEntry entry) =>
        {
            var name = entry.FileName;
            foreach (var suffix in CopySuffixes)
            {
                if (name.EndsWith(suffix, StringComparison.Ordinal))
                {
                    return (name.ToString(), NotRead, NotRead);
                }
            }

            return (name.ToString(), entry.Length, entry.LastWriteTimeUtc.UtcTicks);
        })
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory,
        };
        foreach (var (name, size, writeTicks) in entries)
        {
            files[name] = (size, writeTicks);
        }

        return files;
    }
}
