using System.Security.Cryptography;
using System.Text;

namespace Archive.Core;

/// <summary>A file's size and last write time (UTC ticks), as a folder was listed.</summary>
public readonly record struct FileStamp(long Size, long WriteTicks);

/// <summary>
/// Every file under a folder with its size and write time, taken once: a rebuild's check for changes
/// (<see cref="Fingerprint"/>) and its read of input/ see the same files, and at 50,000 reports and their originals
/// each file is asked about once, not twice (100,000 calls to the system). Files are asked about on every core.
/// </summary>
public sealed class InputListing
{
    private readonly Dictionary<string, FileStamp> _files;
    private readonly string[] _paths;

    private InputListing(string[] paths, Dictionary<string, FileStamp> files, string fingerprint)
    {
        _paths = paths;
        _files = files;
        Fingerprint = fingerprint;
    }

    /// <summary>A digest of every file's path, size and write time (<see cref="InputFingerprint"/>).</summary>
    public string Fingerprint { get; }

    /// <summary>The files' full paths, in ordinal order.</summary>
    public IReadOnlyList<string> Paths => _paths;

    public static InputListing Of(string folder)
    {
        var root = Path.GetFullPath(folder);
        var paths = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        var stamps = new FileStamp[paths.Length];
        Parallel.For(0, paths.Length, i =>
        {
            var info = new FileInfo(paths[i]);
            stamps[i] = new FileStamp(info.Length, info.LastWriteTimeUtc.Ticks);
        });

        var files = new Dictionary<string, FileStamp>(paths.Length, StringComparer.Ordinal);
        var lines = new StringBuilder();
        for (var i = 0; i < paths.Length; i++)
        {
            files[paths[i]] = stamps[i];
            lines.Append(Path.GetRelativePath(root, paths[i])).Append('\t').Append(stamps[i].Size).Append('\t')
                .Append(stamps[i].WriteTicks).Append('\n');
        }

        return new InputListing(paths, files, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines.ToString()))));
    }

    /// <summary>The stamp of the file at <paramref name="fullPath"/> as listed; null when it was not there.</summary>
    public FileStamp? StampOf(string fullPath) => _files.TryGetValue(fullPath, out var stamp) ? stamp : null;
}
