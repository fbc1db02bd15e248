namespace Archive.Incremental;

/// <summary>
/// The modification times of some folders of output/ as a build left them, kept in the cache beside the manifest.
/// A folder's time changes whenever a name in it is added, deleted or renamed, so while it is the same the folder
/// holds exactly the files the manifest names there, and a rebuild need not list and stat them one by one. It does
/// not change when a file is rewritten in place: only folders whose files nobody edits by hand are stamped (the
/// search index's base, ~390,000 files at 50,000 reports, whose listing was most of a rebuild's checks).
/// </summary>
public sealed class FolderStamps
{
    private const string Header = "archive-folder-stamps 1";
    private readonly Dictionary<string, long> _stamps;

    private FolderStamps(Dictionary<string, long> stamps)
    {
        _stamps = stamps;
    }

    public static FolderStamps None { get; } = new([]);

    /// <summary>Where the stamps of the output folder whose manifest is at <paramref name="manifestPath"/> are kept.</summary>
    public static string PathFor(string manifestPath) => Path.ChangeExtension(manifestPath, ".folders");

    /// <summary>The stamps at <paramref name="path"/> (none when missing or unreadable).</summary>
    public static FolderStamps Load(string path) =>
        CacheFile.ReadLines(path, Header, lines =>
        {
            var stamps = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var line in lines)
            {
                var tab = line.LastIndexOf('\t');
                stamps[line[..tab]] = long.Parse(line.AsSpan(tab + 1), System.Globalization.CultureInfo.InvariantCulture);
            }

            return new FolderStamps(stamps);
        }) ?? None;

    /// <summary>
    /// Stamps <paramref name="relativeFolders"/> of <paramref name="outputFolder"/> as they are now: call once output/
    /// holds what the manifest says (after the build's commit), with nothing else writing there.
    /// </summary>
    public static void Save(string path, string outputFolder, IEnumerable<string> relativeFolders)
    {
        var lines = new List<string>();
        foreach (var folder in relativeFolders.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (folder.Contains('\n', StringComparison.Ordinal) || Stamp(outputFolder, folder) is not { } stamp)
            {
                continue;
            }

            lines.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{folder}\t{stamp}"));
        }

        CacheFile.WriteLines(path, Header, lines);
    }

    /// <summary>True when <paramref name="relativeFolder"/> was stamped and has not changed since.</summary>
    public bool Unchanged(string outputFolder, string relativeFolder) =>
        _stamps.TryGetValue(relativeFolder, out var stamp) && Stamp(outputFolder, relativeFolder) == stamp;

    private static long? Stamp(string outputFolder, string relativeFolder)
    {
        var folder = new DirectoryInfo(Path.Combine(outputFolder, relativeFolder));
        return folder.Exists ? folder.LastWriteTimeUtc.Ticks : null;
    }
}
