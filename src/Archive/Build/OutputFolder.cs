using System.IO.Compression;
using System.Text;

namespace Archive.Build;

/// <summary>
/// Output being written: files go to a staging folder beside output/, and only a completed build replaces
/// output/ as a whole. A failed build deletes its staging folder and leaves the previous site untouched; a build
/// killed at any moment leaves either the old or the new site, which the next build finds and puts back in place.
/// Writes are thread-safe, so stages can render and compress on every core.
/// </summary>
public sealed class OutputFolder : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(false);

    // Text files get .gz and .br copies so static servers can send them compressed without work per request.
    private static readonly HashSet<string> Compressible = new(StringComparer.OrdinalIgnoreCase)
    {
        ".html", ".css", ".js", ".mjs", ".json", ".jsonl", ".csv", ".xml", ".txt", ".svg", ".bin",
    };

    // Files this small gain nothing from compression once headers are counted.
    private const int MinCompressibleBytes = 256;

    // Assets are a handful of files every visitor loads: the strongest setting pays for itself at once. Search index
    // files are fetched by every search, so they get a strong one; quality 11 runs at ~1 MB/s, too slow for an
    // archive's worth of them. Pages are many and each read once, so they get a fast one.
    private const int AssetBrotliQuality = 11;
    private const int SearchBrotliQuality = 9;
    private const int PageBrotliQuality = 5;
    private readonly string _target;
    private readonly string _previous;
    private readonly FileStream _lock;
    private bool _committed;

    public OutputFolder(string target)
    {
        _target = Path.GetFullPath(target);
        var parent = Path.GetDirectoryName(_target) ?? throw new ArgumentException($"output folder '{target}' has no parent");
        var name = Path.GetFileName(_target);
        Directory.CreateDirectory(parent);
        _lock = TakeLock(Path.Combine(parent, $".{name}.lock"), target);
        Recover(parent, name);
        Staging = Path.Combine(parent, $".{name}.staging-{Environment.ProcessId}");
        _previous = Path.Combine(parent, $".{name}.previous-{Environment.ProcessId}");
        Directory.CreateDirectory(Staging);
    }

    /// <summary>The folder files are written to until <see cref="Commit"/>.</summary>
    public string Staging { get; }

    public int FileCount { get; private set; }

    public long ByteCount { get; private set; }

    public void Write(string relativePath, string text) => Write(relativePath, Utf8.GetBytes(text));

    public void Write(string relativePath, byte[] bytes)
    {
        var path = PathOf(relativePath);
        File.WriteAllBytes(path, bytes);
        Count(bytes.LongLength);
        if (bytes.Length >= MinCompressibleBytes && Compressible.Contains(Path.GetExtension(path)))
        {
            WriteCompressed(path + ".gz", bytes, s => new GZipStream(s, CompressionLevel.Optimal));
            WriteCompressed(path + ".br", bytes, s => new BrotliStream(s, new BrotliCompressionOptions { Quality = BrotliQualityOf(relativePath) }));
        }
    }

    private static int BrotliQualityOf(string relativePath) =>
        relativePath.StartsWith("assets/", StringComparison.Ordinal) ? AssetBrotliQuality
        : relativePath.StartsWith("search/", StringComparison.Ordinal) ? SearchBrotliQuality
        : PageBrotliQuality;

    public void Copy(string sourceFile, string relativePath)
    {
        if (Compressible.Contains(Path.GetExtension(relativePath)))
        {
            Write(relativePath, File.ReadAllBytes(sourceFile));
            return;
        }

        var path = PathOf(relativePath);
        File.Copy(sourceFile, path, overwrite: true);
        Count(new FileInfo(path).Length);
    }

    /// <summary>Replaces the target folder with the staged one: two renames, so readers see the old or the new site.</summary>
    public void Commit()
    {
        if (Directory.Exists(_target))
        {
            Directory.Move(_target, _previous);
        }

        Directory.Move(Staging, _target);
        _committed = true;
        if (Directory.Exists(_previous))
        {
            Directory.Delete(_previous, recursive: true);
        }
    }

    public void Dispose()
    {
        if (!_committed && Directory.Exists(Staging))
        {
            Directory.Delete(Staging, recursive: true);
        }

        _lock.Dispose();
    }

    // One build at a time per output folder; the OS releases the lock when a killed build's process ends.
    private static FileStream TakeLock(string path, string target)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException)
        {
            throw new IOException($"another build is writing {target}; wait for it to finish.");
        }
    }

    // A build killed between its two renames left the complete previous site under .NAME.previous-PID: put it
    // back. Staging folders of killed builds are half-written: delete them.
    private static void Recover(string parent, string name)
    {
        var target = Path.Combine(parent, name);
        foreach (var previous in Directory.EnumerateDirectories(parent, $".{name}.previous-*").Order(StringComparer.Ordinal))
        {
            if (!Directory.Exists(target))
            {
                Directory.Move(previous, target);
            }
            else
            {
                Directory.Delete(previous, recursive: true);
            }
        }

        foreach (var staging in Directory.EnumerateDirectories(parent, $".{name}.staging-*"))
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private void WriteCompressed(string path, byte[] bytes, Func<Stream, Stream> compressor)
    {
        using (var file = File.Create(path))
        using (var compressed = compressor(file))
        {
            compressed.Write(bytes);
        }

        Count(new FileInfo(path).Length);
    }

    private string PathOf(string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(Staging, relativePath));
        if (!path.StartsWith(Staging + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"refusing to write outside the output folder: {relativePath}");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    private void Count(long bytes)
    {
        lock (_target)
        {
            FileCount++;
            ByteCount += bytes;
        }
    }
}
