using System.Collections.Concurrent;
using System.IO.Enumeration;
using Archive.Output;

namespace Archive.Incremental;

/// <summary>
/// What the live output folder holds, read one folder at a time: each file's size and write time, and the names of
/// compressed copies. A rebuild checks that every file it keeps is as the last build left it; at 50,000 reports that
/// is ~700,000 files with their copies, and one pass over each folder (no path to build, no object per file, each
/// copy a flag on its original instead of a file stat'ed) costs a fraction of asking for each file. For folders that
/// do not change while they are consulted (output/ changes only when a build commits).
/// </summary>
/// <param name="stamps">Folders not listed at all while unchanged since stamped: every file named there is held.</param>
internal sealed class LiveFiles(string root, FolderStamps? stamps = null)
{
    private static readonly string[] CopySuffixes = [Precompression.GzipSuffix, Precompression.BrotliSuffix];

    // What a folder holds under one name: the file itself (with its size and write time) and which of its compressed
    // copies are beside it. Copies are not stat'ed and get no entry of their own: at 50,000 reports that is half a
    // million names fewer to keep.
    private const byte Present = 1;

    private readonly record struct Entry(long Size, long WriteTicks, byte Flags);

    // Per folder, its listing; null for a folder unchanged since stamped.
    private readonly ConcurrentDictionary<string, Lazy<Dictionary<string, Entry>?>> _folders = new(StringComparer.Ordinal);

    /// <summary>
    /// True when <paramref name="relativePath"/> is in the folder with the size and write time given, and a file named
    /// by each of <paramref name="copySuffixes"/> appended to its name is beside it.
    /// </summary>
    public bool Holds(string relativePath, long size, long writeTicks, string[] copySuffixes)
    {
        if (Listing(Path.GetDirectoryName(relativePath.AsSpan())) is not { } listing)
        {
            return true;
        }

        var files = listing.GetAlternateLookup<ReadOnlySpan<char>>();
        var name = Path.GetFileName(relativePath.AsSpan());
        if (CopyOf(name) is var (original, flag))
        {
            // Its own name ends like a copy's (an original named *.gz): listed as a copy, so ask for it alone.
            if (!files.TryGetValue(original, out var listed) || (listed.Flags & flag) == 0)
            {
                return false;
            }

            var info = new FileInfo(Path.Combine(root, relativePath));
            if (info.Length != size || info.LastWriteTimeUtc.Ticks != writeTicks)
            {
                return false;
            }
        }
        else if (!files.TryGetValue(name, out var live) || (live.Flags & Present) == 0 || live.Size != size || live.WriteTicks != writeTicks)
        {
            return false;
        }

        files.TryGetValue(name, out var entry);
        foreach (var suffix in copySuffixes)
        {
            if ((entry.Flags & FlagOf(suffix)) == 0)
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
    public void ReadFoldersOf(IEnumerable<string> relativePaths)
    {
        // Paths come grouped by folder (the index base's 390,000): a folder's name is made once per run of its files.
        var folders = new HashSet<string>(StringComparer.Ordinal);
        var lookup = folders.GetAlternateLookup<ReadOnlySpan<char>>();
        var last = "";
        foreach (var path in relativePaths)
        {
            var folder = Path.GetDirectoryName(path.AsSpan());
            if (!folder.SequenceEqual(last) && !lookup.Contains(folder))
            {
                last = folder.ToString();
                folders.Add(last);
            }
        }

        Parallel.ForEach(folders, folder => Listing(folder));
    }

    // The flag of a copy suffix: 2, 4, … (unknown suffixes: none, so a file cannot claim such a copy).
    private static byte FlagOf(string suffix)
    {
        var index = Array.IndexOf(CopySuffixes, suffix);
        return index < 0 ? (byte)0x80 : (byte)(2 << index);
    }

    /// <summary>For a name ending in a copy suffix: the name it is a copy of, and the suffix's flag.</summary>
    private static (string Original, byte Flag)? CopyOf(ReadOnlySpan<char> name)
    {
        for (var i = 0; i < CopySuffixes.Length; i++)
        {
            if (name.Length > CopySuffixes[i].Length && name.EndsWith(CopySuffixes[i], StringComparison.Ordinal))
            {
                return (name[..^CopySuffixes[i].Length].ToString(), (byte)(2 << i));
            }
        }

        return null;
    }

    private Dictionary<string, Entry>? Listing(ReadOnlySpan<char> folder)
    {
        if (!_folders.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(folder, out var listing))
        {
            listing = _folders.GetOrAdd(folder.ToString(), path => new Lazy<Dictionary<string, Entry>?>(() =>
                stamps?.Unchanged(root, path) == true ? null : Read(Path.Combine(root, path))));
        }

        return listing.Value;
    }

    private static Dictionary<string, Entry> Read(string folder)
    {
        var files = new Dictionary<string, Entry>(StringComparer.Ordinal);
        if (!Directory.Exists(folder))
        {
            return files;
        }

        // A copy's name becomes a flag on its original's entry (made first if the copy comes first); only originals
        // are stat'ed, and a name is made a string only for a new entry.
        var lookup = files.GetAlternateLookup<ReadOnlySpan<char>>();
        var entries = new FileSystemEnumerable<bool>(folder, (ref FileSystemEntry entry) =>
        {
            var name = entry.FileName;
            var flag = Present;
            for (var i = 0; i < CopySuffixes.Length; i++)
            {
                if (name.Length > CopySuffixes[i].Length && name.EndsWith(CopySuffixes[i], StringComparison.Ordinal))
                {
                    name = name[..^CopySuffixes[i].Length];
                    flag = (byte)(2 << i);
                    break;
                }
            }

            lookup.TryGetValue(name, out var listed);
            lookup[name] = flag == Present
                ? new Entry(entry.Length, entry.LastWriteTimeUtc.UtcTicks, (byte)(listed.Flags | Present))
                : listed with { Flags = (byte)(listed.Flags | flag) };
            return true;
        })
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory,
        };
        foreach (var _ in entries)
        {
        }

        return files;
    }
}
