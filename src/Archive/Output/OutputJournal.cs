using System.Text;

namespace Archive.Output;

/// <summary>
/// How a rebuild puts its changed files into a live output folder: the files to move in from the staging folder, the
/// files to delete, and the manifest that describes the result. The journal is written whole (to a temporary name
/// first) before the first file is touched, and deleted after the last: a build killed while applying it leaves the
/// journal, and the next build finishes the work before it starts (<see cref="Recover"/>). Applying is idempotent: a
/// move whose file already went, or a delete whose file is gone, is passed over.
/// </summary>
internal sealed class OutputJournal(string staging, string? manifestPath, IReadOnlyList<string> moves, IReadOnlyList<string> deletes)
{
    private const string Header = "archive-output-journal 1";

    public static string PathFor(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.journal");

    /// <summary>Where the manifest of the result waits until the journal has been applied.</summary>
    public static string NextManifest(string manifestPath) => manifestPath + ".next";

    /// <summary>Writes the journal, then applies it to <paramref name="target"/>, then deletes it.</summary>
    public void Commit(string target)
    {
        var path = PathFor(target);
        var temporary = path + ".tmp";
        var text = new StringBuilder().Append(Header).Append('\n').Append(staging).Append('\n').Append(manifestPath ?? "").Append('\n');
        foreach (var move in moves)
        {
            text.Append("M\t").Append(move).Append('\n');
        }

        foreach (var delete in deletes)
        {
            text.Append("D\t").Append(delete).Append('\n');
        }

        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            stream.Write(new UTF8Encoding(false).GetBytes(text.ToString()));
            // The journal is the commit point: it must be on disk before any file of the live site changes.
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        Apply(target);
        File.Delete(path);
    }

    /// <summary>
    /// Finishes the journal a killed build left beside <paramref name="target"/>, if any, and says what it finished
    /// (null when there was none).
    /// </summary>
    public static string? Recover(string target)
    {
        var path = PathFor(target);
        File.Delete(path + ".tmp");
        if (!File.Exists(path))
        {
            return null;
        }

        var lines = File.ReadAllLines(path, Encoding.UTF8);
        if (lines.Length < 3 || lines[0] != Header)
        {
            throw new IOException($"{path} is not a journal of this program; move it away and build again (the site in {target} may be partly updated).");
        }

        List<string> moves = [.. lines.Skip(3).Where(l => l.StartsWith("M\t", StringComparison.Ordinal)).Select(l => l[2..])];
        List<string> deletes = [.. lines.Skip(3).Where(l => l.StartsWith("D\t", StringComparison.Ordinal)).Select(l => l[2..])];
        new OutputJournal(lines[1], lines[2].Length == 0 ? null : lines[2], moves, deletes).Apply(target);
        File.Delete(path);
        return $"finished the last build, which was killed while moving its files into {target}: its journal ({path}) lists {moves.Count} files to move in and {deletes.Count} to delete";
    }

    private void Apply(string target)
    {
        var created = new HashSet<string>(StringComparer.Ordinal);
        foreach (var move in moves)
        {
            var source = Path.Combine(staging, move);
            if (!File.Exists(source))
            {
                continue;
            }

            var destination = Path.Combine(target, move);
            var folder = Path.GetDirectoryName(destination)!;
            if (created.Add(folder))
            {
                Directory.CreateDirectory(folder);
            }

            // rename(2) replaces the old file in one step: a reader gets the old file or the new one.
            File.Move(source, destination, overwrite: true);
        }

        var emptied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var delete in deletes)
        {
            var file = Path.Combine(target, delete);
            File.Delete(file);
            emptied.Add(Path.GetDirectoryName(file)!);
        }

        foreach (var folder in emptied.OrderByDescending(f => f.Length))
        {
            RemoveIfEmpty(folder, target);
        }

        if (manifestPath is not null && File.Exists(NextManifest(manifestPath)))
        {
            File.Move(NextManifest(manifestPath), manifestPath, overwrite: true);
        }

        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    // Folders a rebuild emptied go too, up to (not including) the output folder itself.
    private static void RemoveIfEmpty(string folder, string target)
    {
        var root = Path.GetFullPath(target);
        for (var f = Path.GetFullPath(folder); f.Length > root.Length && f.StartsWith(root, StringComparison.Ordinal); f = Path.GetDirectoryName(f)!)
        {
            if (!Directory.Exists(f) || Directory.EnumerateFileSystemEntries(f).Any())
            {
                return;
            }

            Directory.Delete(f);
        }
    }
}
