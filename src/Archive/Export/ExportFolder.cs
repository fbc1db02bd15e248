using System.Diagnostics;
using System.Globalization;
using Archive.Core;
using Archive.Output;

namespace Archive.Export;

/// <summary>
/// The folder an export is written to. Files go to a hidden staging folder beside it, and only a complete export
/// takes the folder's place, so a failed or interrupted export never leaves half a set of bulk files that a load
/// script would post. An existing folder is replaced only with --force, and only when it holds nothing but the
/// files of an earlier export: --force pointed at the wrong folder (input/, a home folder) deletes nothing.
/// </summary>
internal sealed class ExportFolder : IDisposable
{
    private readonly string _target;
    private readonly string _previous;
    private bool _committed;

    private ExportFolder(string target, string staging, string previous)
    {
        _target = target;
        Staging = staging;
        _previous = previous;
    }

    /// <summary>The folder files are written to until <see cref="Commit"/>.</summary>
    public string Staging { get; }

    /// <summary>Checks that <paramref name="folder"/> may be written and creates an empty staging folder beside it.</summary>
    public static ExportFolder Open(string folder, bool force)
    {
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var parent = Path.GetDirectoryName(target);
        if (parent is null)
        {
            throw new InputException(folder, null, "cannot export into the root of a file system; name a folder.");
        }

        if (File.Exists(target))
        {
            throw new InputException(folder, null, "is a file; name a folder for the export.");
        }

        var name = Path.GetFileName(target);
        Directory.CreateDirectory(parent);
        Recover(parent, name);
        if (Directory.Exists(target))
        {
            CheckReplaceable(folder, target, force);
        }

        var staging = Path.Combine(parent, $".{name}.export-{Environment.ProcessId}");
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        return new ExportFolder(target, staging, Path.Combine(parent, $".{name}.previous-{Environment.ProcessId}"));
    }

    /// <summary>Puts the staged files in the folder's place; the earlier export, if any, is deleted afterwards.</summary>
    public void Commit()
    {
        FolderSwap.Replace(Staging, _target, _previous);
        _committed = true;
    }

    public void Dispose()
    {
        if (!_committed && Directory.Exists(Staging))
        {
            Directory.Delete(Staging, recursive: true);
        }
    }

    // An export killed before its commit left a staging folder: delete it. One killed between the two renames of
    // its commit left the complete earlier export under .NAME.previous-PID: put it back. Folders of an export that
    // is still running are left alone.
    private static void Recover(string parent, string name)
    {
        foreach (var previous in LeftBy(parent, $".{name}.previous-"))
        {
            if (Directory.Exists(Path.Combine(parent, name)))
            {
                Directory.Delete(previous, recursive: true);
            }
            else
            {
                Directory.Move(previous, Path.Combine(parent, name));
            }
        }

        foreach (var staging in LeftBy(parent, $".{name}.export-"))
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private static IEnumerable<string> LeftBy(string parent, string prefix) =>
        Directory.EnumerateDirectories(parent, prefix + "*")
            .Where(d => int.TryParse(Path.GetFileName(d).AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && !IsRunning(pid))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void CheckReplaceable(string folder, string target, bool force)
    {
        var entries = Directory.EnumerateFileSystemEntries(target).Select(e => Path.GetFileName(e)!).Order(StringComparer.Ordinal).ToList();
        if (entries.Count == 0)
        {
            return;
        }

        if (!force)
        {
            throw new InputException(folder, null, "is not empty; pass --force to replace an earlier export there, or name a new folder.");
        }

        var foreign = entries.Where(e => Directory.Exists(Path.Combine(target, e)) || !ExportLayout.IsExportFile(e)).ToList();
        if (foreign.Count > 0)
        {
            var shown = string.Join(", ", foreign.Take(3)) + (foreign.Count > 3 ? $" and {foreign.Count - 3} more" : "");
            throw new InputException(folder, null,
                $"holds {shown}, which an export does not write; --force only replaces an earlier export, so name a new folder or empty this one.");
        }
    }
}
