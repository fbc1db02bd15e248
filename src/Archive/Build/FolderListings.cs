using System.Collections.Concurrent;
using System.IO.Enumeration;

namespace Archive.Build;

/// <summary>
/// The names of the files in folders of the live site, each folder read once: checking that a file's compressed
/// copies are there by looking them up costs one read of the folder for all its files, where a stat each would
/// double or triple what checking a million files costs. For folders that do not change while they are consulted.
/// </summary>
internal sealed class FolderListings
{
    private readonly ConcurrentDictionary<string, Lazy<HashSet<string>>> _listings = new(StringComparer.Ordinal);

    /// <summary>Whether every one of <paramref name="suffixes"/> appended to the file's name names a file beside it.</summary>
    public bool HasCopies(string file, string[] suffixes)
    {
        if (suffixes.Length == 0)
        {
            return true;
        }

        var folder = Path.GetDirectoryName(file.AsSpan());
        var names = _listings.GetOrAdd(folder.ToString(), path => new Lazy<HashSet<string>>(() => Read(path))).Value.GetAlternateLookup<ReadOnlySpan<char>>();
        // The search index's text folder holds half a million names: look them up without making a string each.
        var name = Path.GetFileName(file.AsSpan());
        Span<char> copy = stackalloc char[name.Length + 8];
        name.CopyTo(copy);
        foreach (var suffix in suffixes)
        {
            if (!suffix.TryCopyTo(copy[name.Length..]) || !names.Contains(copy[..(name.Length + suffix.Length)]))
            {
                return false;
            }
        }

        return true;
    }

    // Names only: neither full paths nor a stat per entry.
    private static HashSet<string> Read(string folder) => Directory.Exists(folder)
        ? new FileSystemEnumerable<string>(folder, (ref FileSystemEntry entry) => entry.FileName.ToString()) { ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory }
            .ToHashSet(StringComparer.Ordinal)
        : [];
}
