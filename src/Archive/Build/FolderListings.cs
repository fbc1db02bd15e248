using System.Collections.Concurrent;

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

        var names = _listings.GetOrAdd(Path.GetDirectoryName(file)!, folder => new Lazy<HashSet<string>>(() =>
            Directory.Exists(folder) ? Directory.EnumerateFiles(folder).Select(p => Path.GetFileName(p)).ToHashSet(StringComparer.Ordinal) : [])).Value;
        var name = Path.GetFileName(file);
        return suffixes.All(s => names.Contains(name + s));
    }
}
