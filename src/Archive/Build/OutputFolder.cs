using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Archive.Build;

/// <summary>
/// Output being written: files go to a staging folder beside output/, and only a completed build replaces
/// output/ as a whole. A failed build deletes its staging folder and leaves the previous site untouched; a build
/// killed at any moment leaves either the old or the new site, which the next build finds and puts back in place.
/// Writes are thread-safe, so stages can render and compress on every core. With a manifest of the previous build
/// (<see cref="OutputManifest"/>), a file whose content is unchanged and still in output/ as that build left it is
/// hard-linked into the new site instead of written and compressed again.
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

    // A compressed copy is kept only when it saves at least a quarter: positions files (random-looking varints) come
    // out at ~0.91 of their size and text packs under fast gzip at ~0.78 (measured at 50,000 reports: 656 MB of .gz
    // in 223,000 files, for clients that take neither brotli nor the file as it is). Not worth the writes.
    private const double MaxCompressedRatio = 0.75;
    private readonly string _target;
    private readonly string _previous;
    private readonly FileStream _lock;
    private readonly OutputManifest _reusable;
    private readonly OutputManifest _written = OutputManifest.Empty();
    // Each folder made once, with a lock that serializes creating files in it: the kernel takes the folder's own lock
    // for every new name anyway, and threads that contend for it spin there (4% of a 10,000-report build's CPU).
    private readonly ConcurrentDictionary<string, object> _folders = new(StringComparer.Ordinal);
    private readonly string? _manifestPath;
    private bool _committed;

    /// <param name="manifestPath">Where the manifest of this output folder is kept (in the cache); null: write every file.</param>
    public OutputFolder(string target, string? manifestPath = null)
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
        _manifestPath = manifestPath;
        _reusable = manifestPath is null ? OutputManifest.Empty() : OutputManifest.Load(manifestPath, _target);
    }

    /// <summary>The folder files are written to until <see cref="Commit"/>.</summary>
    public string Staging { get; }

    public int FileCount { get; private set; }

    /// <summary>Files (precompressed copies included) taken unchanged from the previous build.</summary>
    public int ReusedCount { get; private set; }

    public long ByteCount { get; private set; }

    public void Write(string relativePath, string text) => Write(relativePath, Utf8.GetBytes(text));

    /// <summary>
    /// Writes the file <paramref name="make"/> makes, remembering <paramref name="sourceKey"/> (a digest of what it is
    /// made from); or, when the previous build wrote it from the same key and output/ still holds it as written, takes
    /// that file without calling <paramref name="make"/> at all.
    /// </summary>
    public void Write(string relativePath, string sourceKey, Func<byte[]> make)
    {
        var path = PathOf(relativePath);
        if (!(_reusable.TryGet(relativePath, out var old) && old.SourceKey.Length > 0 && old.SourceKey == sourceKey
            && TryReuse(relativePath, path, old.Hash)))
        {
            Write(relativePath, make(), sourceKey);
        }
    }

    public void Write(string relativePath, byte[] bytes, string sourceKey = "")
    {
        var path = PathOf(relativePath);
        // Without a manifest nothing is reused or remembered: no need to hash.
        var hash = _manifestPath is null ? "" : Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (TryReuse(relativePath, path, hash))
        {
            if (sourceKey.Length > 0)
            {
                _reusable.TryGet(relativePath, out var old);
                _written.Set(relativePath, old with { SourceKey = sourceKey });
            }

            return;
        }

        var writeTime = WriteNew(path, bytes);
        var variants = new List<string>(2);
        if (bytes.Length >= MinCompressibleBytes && Compressible.Contains(Path.GetExtension(path)))
        {
            foreach (var suffix in Precompression.CopiesOf(relativePath))
            {
                var compressed = suffix == Precompression.GzipSuffix ? Precompression.Gzip(relativePath, bytes) : Precompression.Brotli(relativePath, bytes);
                if (compressed.Length <= bytes.Length * MaxCompressedRatio)
                {
                    WriteNew(path + suffix, compressed);
                    variants.Add(suffix);
                }
            }
        }

        Remember(relativePath, hash, bytes.LongLength, writeTime, [.. variants], sourceKey);
    }

    /// <summary>Creates the file, counts it, and returns its write time (for the manifest) without another lookup.</summary>
    private long WriteNew(string path, byte[] bytes)
    {
        SafeFileHandle handle;
        lock (FolderLock(Path.GetDirectoryName(path)!))
        {
            try
            {
                handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Written before in this build, or linked from the last one: never write through an existing name, it
                // could be a hard link to a file of the live site.
                File.Delete(path);
                handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            }
        }

        using (handle)
        {
            RandomAccess.Write(handle, bytes, 0);
            Count(bytes.LongLength);
            return File.GetLastWriteTimeUtc(handle).Ticks;
        }
    }

    public void Copy(string sourceFile, string relativePath) => Write(relativePath, File.ReadAllBytes(sourceFile));

    /// <summary>Replaces the target folder with the staged one: two renames, so readers see the old or the new site.</summary>
    public void Commit()
    {
        FolderSwap.Replace(Staging, _target, _previous);
        _committed = true;

        // After the swap: a manifest that outlives a killed build only names files the checks then find changed.
        if (_manifestPath is not null)
        {
            _written.Save(_manifestPath, _target);
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

    /// <summary>
    /// Links the previous build's copy of a file (and its compressed copies) into staging when its content is the
    /// same and output/ still holds it as that build wrote it (same size and write time).
    /// </summary>
    private bool TryReuse(string relativePath, string path, string hash)
    {
        if (!_reusable.TryGet(relativePath, out var old) || old.Hash != hash)
        {
            return false;
        }

        var variants = old.Variants;
        var source = Path.Combine(_target, relativePath);
        var info = new FileInfo(source);
        if (!info.Exists || info.Length != old.Size || info.LastWriteTimeUtc.Ticks != old.WriteTimeTicks
            || variants.Any(v => !File.Exists(source + v)))
        {
            return false;
        }

        var linked = new List<string>();
        foreach (var suffix in variants.Prepend(""))
        {
            // Staging starts empty: a name is taken only when this build wrote the file before (then replace it).
            if (!HardLink.TryCreate(source + suffix, path + suffix)
                && !(File.Exists(path + suffix) && Replaced(source + suffix, path + suffix)))
            {
                linked.ForEach(File.Delete);
                return false;
            }

            linked.Add(path + suffix);
        }

        foreach (var file in linked)
        {
            Count(new FileInfo(file).Length);
        }

        lock (_target)
        {
            ReusedCount += linked.Count;
        }

        _written.Set(relativePath, old);
        return true;
    }

    private static bool Replaced(string source, string path)
    {
        File.Delete(path);
        return HardLink.TryCreate(source, path);
    }

    private void Remember(string relativePath, string hash, long size, long writeTime, string[] variants, string sourceKey)
    {
        if (_manifestPath is not null && relativePath.AsSpan().IndexOfAny('\t', '\n', '\r') < 0)
        {
            _written.Set(relativePath, new OutputEntry(hash, size, writeTime, variants, sourceKey));
        }
    }

    private string PathOf(string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(Staging, relativePath));
        if (!path.StartsWith(Staging + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"refusing to write outside the output folder: {relativePath}");
        }

        FolderLock(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>The folder's lock, creating the folder the first time (harmless when two threads race to it).</summary>
    private object FolderLock(string folder)
    {
        if (!_folders.TryGetValue(folder, out var folderLock))
        {
            Directory.CreateDirectory(folder);
            folderLock = _folders.GetOrAdd(folder, _ => new object());
        }

        return folderLock;
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
