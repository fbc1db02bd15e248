using System.Collections.Concurrent;
using Archive.Core;
using Microsoft.Win32.SafeHandles;

namespace Archive.Output;

/// <summary>What writing one file left on disk: its write time and the suffixes and bytes of its compressed copies.</summary>
public readonly record struct WrittenFile(long WriteTimeTicks, List<string> Copies, long CopyBytes);

/// <summary>
/// The output folder as files are written for it, so that a reader of output/ sees the old site or the new one:
/// every file goes to a staging folder beside output/ first; then either the staging folder replaces output/ as a
/// whole (<see cref="Swap"/>, two renames; a first build) or the files given are moved in and others deleted, each by
/// one rename or unlink, following a journal (<see cref="Apply"/>; a rebuild). One build at a time holds the folder's
/// lock; a build killed at any moment leaves what the next one recovers (<see cref="Recover"/>). A failed build
/// deletes its staging folder and leaves the previous site untouched. Writes are thread-safe, so stages can render
/// and compress on every core. Which files to write at all is not decided here (see Incremental.ReusingOutput).
/// </summary>
public sealed class OutputFolder : IDisposable
{
    // Files this small gain nothing from compression once headers are counted.
    private const int MinCompressibleBytes = 256;

    // A compressed copy is kept only when it saves at least a quarter: positions files (random-looking varints) come
    // out at ~0.91 of their size, and copies that small a saving are not worth the writes.
    private const double MaxCompressedRatio = 0.75;

    // From this size a file's compressed copies are made side by side.
    private const int LargeFileBytes = 1 << 20;

    // Text files get .gz and .br copies so static servers can send them compressed without work per request.
    private static readonly HashSet<string> Compressible = new(StringComparer.OrdinalIgnoreCase)
    {
        ".html", ".css", ".js", ".mjs", ".json", ".jsonl", ".csv", ".xml", ".txt", ".svg", ".bin",
    };

    private readonly string _previous;
    private readonly FileStream _lock;
    // Each folder made once, with a lock that serializes creating files in it: the kernel takes the folder's own lock
    // for every new name anyway, and threads that contend for it spin there (4% of a 10,000-report build's CPU).
    private readonly ConcurrentDictionary<string, object> _folders = new(StringComparer.Ordinal);
    private int _fileCount;
    private long _byteCount;
    private bool _committed;

    public OutputFolder(string target)
    {
        Target = Path.GetFullPath(target);
        var parent = Path.GetDirectoryName(Target) ?? throw new ArgumentException($"output folder '{target}' has no parent");
        var name = Path.GetFileName(Target);
        Directory.CreateDirectory(parent);
        _lock = TakeLock(Path.Combine(parent, $".{name}.lock"), target);
        Recovered = Recover(parent, name);
        Staging = Path.Combine(parent, $".{name}.staging-{Environment.ProcessId}");
        _previous = Path.Combine(parent, $".{name}.previous-{Environment.ProcessId}");
        Directory.CreateDirectory(Staging);
    }

    /// <summary>What opening the folder finished or cleared of builds that were killed, one sentence each.</summary>
    public IReadOnlyList<string> Recovered { get; }

    /// <summary>
    /// True when a killed build left work beside <paramref name="target"/> (a journal, a set-aside previous site, a
    /// staging folder) that the next build must finish or clear before the folder can be called up to date.
    /// </summary>
    public static bool HasUnfinishedWork(string target)
    {
        var full = Path.GetFullPath(target);
        var parent = Path.GetDirectoryName(full);
        var name = Path.GetFileName(full);
        return parent is not null && Directory.Exists(parent)
            && (File.Exists(OutputJournal.PathFor(full))
                || Directory.EnumerateDirectories(parent, $".{name}.previous-*").Any()
                || Directory.EnumerateDirectories(parent, $".{name}.staging-*").Any());
    }

    /// <summary>The live folder, output/, as a full path.</summary>
    public string Target { get; }

    /// <summary>The folder files are written to until they are moved into <see cref="Target"/>.</summary>
    public string Staging { get; }

    /// <summary>Which compressed copies <see cref="Write"/> makes beside text files.</summary>
    public Precompress Precompress { get; set; } = Precompress.Both;

    /// <summary>Files in the new site, written or kept (compressed copies included).</summary>
    public int FileCount => _fileCount;

    public long ByteCount => Interlocked.Read(ref _byteCount);

    /// <summary>Writes a file into the staging folder with its .gz and .br copies where they pay.</summary>
    public WrittenFile Write(string relativePath, byte[] bytes)
    {
        var path = PathOf(relativePath);
        var writeTime = WriteNew(path, bytes);
        var copies = new List<string>(2);
        long copyBytes = 0;
        if (Precompress != Precompress.None && bytes.Length >= MinCompressibleBytes && Compressible.Contains(Path.GetExtension(path)))
        {
            var suffixes = Precompression.CopiesOf(relativePath, Precompress);
            var compressed = new RentedBytes[suffixes.Count];
            void Compress(int i) => compressed[i] = suffixes[i] == Precompression.GzipSuffix ? Precompression.Gzip(relativePath, bytes) : Precompression.Brotli(relativePath, bytes);
            if (bytes.Length >= LargeFileBytes)
            {
                // A large file (a year of open data) alone would keep one core busy while the other waits.
                Parallel.For(0, suffixes.Count, Compress);
            }
            else
            {
                for (var i = 0; i < suffixes.Count; i++)
                {
                    Compress(i);
                }
            }

            for (var i = 0; i < suffixes.Count; i++)
            {
                using var copy = compressed[i];
                if (copy.Length <= bytes.Length * MaxCompressedRatio)
                {
                    WriteNew(path + suffixes[i], copy.Span);
                    copies.Add(suffixes[i]);
                    copyBytes += copy.Length;
                }
            }
        }

        return new WrittenFile(writeTime, copies, copyBytes);
    }

    /// <summary>Counts files of the live folder that the new site keeps as they are.</summary>
    public void CountKept(int files, long bytes)
    {
        Interlocked.Add(ref _fileCount, files);
        Interlocked.Add(ref _byteCount, bytes);
    }

    /// <summary>The staging folder replaces output/ as a whole, by two renames (a first build).</summary>
    public void Swap()
    {
        FolderSwap.Replace(Staging, Target, _previous);
        _committed = true;
    }

    /// <summary>
    /// Moves the staged files given into output/ and deletes the files given there, through a journal that also puts
    /// the next manifest (<paramref name="manifestPath"/>) in place last; a build killed midway is finished by the next.
    /// </summary>
    public void Apply(string? manifestPath, List<string> moves, List<string> deletes)
    {
        new OutputJournal(Staging, manifestPath, moves, deletes).Commit(Target);
        _committed = true;
    }

    /// <summary>True once <see cref="Swap"/> or <see cref="Apply"/> has made the new site live.</summary>
    public bool Committed => _committed;

    public void Dispose()
    {
        if (!_committed && Directory.Exists(Staging))
        {
            Directory.Delete(Staging, recursive: true);
        }

        _lock.Dispose();
    }

    /// <summary>Creates the file, counts it, and returns its write time (for the manifest) without another lookup.</summary>
    private long WriteNew(string path, ReadOnlySpan<byte> bytes)
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
                // Written before in this build: start the file again.
                File.Delete(path);
                handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            }
        }

        using (handle)
        {
            RandomAccess.Write(handle, bytes, 0);
            CountKept(1, bytes.Length);
            return File.GetLastWriteTimeUtc(handle).Ticks;
        }
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

    // A rebuild killed while applying its journal: finish it. A first build killed between its two renames left the
    // complete previous site under .NAME.previous-PID: put it back. Staging folders of killed builds are
    // half-written: delete them.
    private static List<string> Recover(string parent, string name)
    {
        var target = Path.Combine(parent, name);
        var recovered = new List<string>();
        if (OutputJournal.Recover(target) is { } finished)
        {
            recovered.Add(finished);
        }

        foreach (var previous in Directory.EnumerateDirectories(parent, $".{name}.previous-*").Order(StringComparer.Ordinal))
        {
            if (!Directory.Exists(target))
            {
                Directory.Move(previous, target);
                recovered.Add($"put back the site in {target} that a build killed while replacing it had set aside ({previous})");
            }
            else
            {
                Directory.Delete(previous, recursive: true);
            }
        }

        var staged = Directory.EnumerateDirectories(parent, $".{name}.staging-*").ToList();
        foreach (var staging in staged)
        {
            Directory.Delete(staging, recursive: true);
        }

        if (staged.Count > 0)
        {
            recovered.Add($"deleted the half-written files of {staged.Count} killed build{(staged.Count == 1 ? "" : "s")} beside {target}");
        }

        return recovered;
    }

    /// <summary>Where a file goes in the staging folder; refuses a path that leads outside it.</summary>
    public string PathOf(string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(Staging, relativePath));
        if (!path.StartsWith(Staging + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"refusing to write outside the output folder: {relativePath}");
        }

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
}
