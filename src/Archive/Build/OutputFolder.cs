using System.Collections.Concurrent;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Archive.Build;

/// <summary>
/// Output being written, in one of two ways, so that a reader of output/ sees the old site or the new one:
/// <list type="bullet">
/// <item>A first build (no manifest of the previous one) writes every file into a staging folder beside output/ and
/// replaces output/ with it as a whole, by two renames. A build killed at any moment leaves the old or the new site,
/// which the next build finds and puts back in place.</item>
/// <item>A rebuild, with the manifest of the previous build (<see cref="OutputManifest"/>), touches only what changed:
/// a file whose content is the same and still in output/ as that build left it is kept where it is, without even
/// calling the code that makes it (<see cref="Write(string, ContentHash, Func{byte[]})"/>); changed files are staged, then
/// moved in and stale ones deleted by an <see cref="OutputJournal"/>. Its cost follows the size of the change, not of
/// the site (at 50,000 reports a site is a million files). Each file is replaced in one rename; a build killed while
/// moving leaves its journal, which the next build finishes first.</item>
/// </list>
/// A failed build deletes its staging folder and leaves the previous site untouched. Writes are thread-safe, so
/// stages can render and compress on every core.
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
    // out at ~0.91 of their size, and copies that small a saving are not worth the writes.
    private const double MaxCompressedRatio = 0.75;

    // From this size a file's compressed copies are made side by side.
    private const int LargeFileBytes = 1 << 20;
    private readonly string _target;
    private readonly string _previous;
    private readonly FileStream _lock;
    private readonly OutputManifest _reusable;
    private readonly OutputManifest _written;
    // Rebuilds only: the files staged (with the suffixes of their compressed copies), to be moved into output/.
    private readonly ConcurrentDictionary<string, string[]> _staged = new(StringComparer.Ordinal);
    // Each folder made once, with a lock that serializes creating files in it: the kernel takes the folder's own lock
    // for every new name anyway, and threads that contend for it spin there (4% of a 10,000-report build's CPU).
    private readonly ConcurrentDictionary<string, object> _folders = new(StringComparer.Ordinal);
    private readonly LiveFiles _live;
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
        _written = OutputManifest.Empty(_reusable.Count);
        _live = new LiveFiles(_target, manifestPath is null ? null : FolderStamps.Load(FolderStamps.PathFor(manifestPath)));
        InPlace = _reusable.Count > 0 && Directory.Exists(_target);
    }

    /// <summary>The folder files are written to until <see cref="Commit"/>.</summary>
    public string Staging { get; }

    /// <summary>True when this build updates output/ in place (a rebuild); false when it replaces it as a whole.</summary>
    public bool InPlace { get; }

    public int FileCount { get; private set; }

    /// <summary>Files (precompressed copies included) kept unchanged from the previous build.</summary>
    public int ReusedCount { get; private set; }

    public long ByteCount { get; private set; }

    public void Write(string relativePath, string text) => Write(relativePath, Utf8.GetBytes(text));

    /// <summary>
    /// Writes the file <paramref name="make"/> makes, remembering <paramref name="sourceKey"/> (a digest of what it is
    /// made from); or, when the previous build wrote it from the same key and output/ still holds it as written, takes
    /// that file without calling <paramref name="make"/> at all.
    /// </summary>
    public void Write(string relativePath, ContentHash sourceKey, Func<byte[]> make) => Write(relativePath, default, () => sourceKey, make);

    /// <summary>
    /// As <see cref="Write(string, ContentHash, Func{byte[]})"/>, with a cheaper key first: <paramref name="inputsKey"/>,
    /// a digest of everything the source key is computed from. When the previous build wrote the file with the same
    /// inputs key and output/ still holds it, the file is kept without computing the source key at all (at 50,000
    /// reports that is serializing the views of 70,000 pages); otherwise the source key decides, as there.
    /// </summary>
    public void Write(string relativePath, ContentHash inputsKey, Func<ContentHash> sourceKey, Func<byte[]> make)
    {
        PathOf(relativePath);
        var known = _reusable.TryGet(relativePath, out var old);
        if (known && InPlace && !inputsKey.IsNone && old!.InputsKey == inputsKey && !old.SourceKey.IsNone && LiveSize(relativePath, old) is { } bytes)
        {
            Kept(relativePath, old, bytes);
            return;
        }

        var key = sourceKey();
        if (!(known && !old!.SourceKey.IsNone && old.SourceKey == key && TryReuse(relativePath, old.Hash, key, inputsKey)))
        {
            Write(relativePath, make(), key, inputsKey);
        }
    }

    public void Write(string relativePath, byte[] bytes, ContentHash sourceKey = default, ContentHash inputsKey = default)
    {
        var path = PathOf(relativePath);
        // Without a manifest nothing is reused or remembered: no need to hash.
        var hash = _manifestPath is null ? default : ContentHash.Of(bytes);
        if (TryReuse(relativePath, hash, sourceKey, inputsKey))
        {
            return;
        }

        var writeTime = WriteNew(path, bytes);
        var variants = new List<string>(2);
        long variantBytes = 0;
        if (bytes.Length >= MinCompressibleBytes && Compressible.Contains(Path.GetExtension(path)))
        {
            var copies = Precompression.CopiesOf(relativePath);
            var compressed = new RentedBytes[copies.Count];
            void Compress(int i) => compressed[i] = copies[i] == Precompression.GzipSuffix ? Precompression.Gzip(relativePath, bytes) : Precompression.Brotli(relativePath, bytes);
            if (bytes.Length >= LargeFileBytes)
            {
                // A large file (a year of open data) alone would keep one core busy while the other waits.
                Parallel.For(0, copies.Count, Compress);
            }
            else
            {
                for (var i = 0; i < copies.Count; i++)
                {
                    Compress(i);
                }
            }

            for (var i = 0; i < copies.Count; i++)
            {
                using var copy = compressed[i];
                if (copy.Length <= bytes.Length * MaxCompressedRatio)
                {
                    WriteNew(path + copies[i], copy.Span);
                    variants.Add(copies[i]);
                    variantBytes += copy.Length;
                }
            }
        }

        var suffixes = OutputManifest.VariantsOf(variants);
        if (InPlace)
        {
            _staged[relativePath] = suffixes;
        }

        Remember(relativePath, new OutputEntry(hash, bytes.LongLength, writeTime, suffixes, sourceKey, variantBytes, sourceKey.IsNone ? default : inputsKey));
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
            Count(bytes.Length);
            return File.GetLastWriteTimeUtc(handle).Ticks;
        }
    }

    public void Copy(string sourceFile, string relativePath) => Write(relativePath, File.ReadAllBytes(sourceFile));

    /// <summary>
    /// Makes the new site the live one: a first build replaces output/ with two renames; a rebuild moves its changed
    /// files in and deletes the files the new site no longer has, through a journal.
    /// </summary>
    public void Commit()
    {
        if (!InPlace)
        {
            FolderSwap.Replace(Staging, _target, _previous);
            _committed = true;

            // After the swap: a manifest that outlives a killed build only names files the checks then find changed.
            if (_manifestPath is not null)
            {
                _written.Save(_manifestPath, _target);
            }

            return;
        }

        var moves = new List<string>();
        foreach (var (relativePath, variants) in _staged)
        {
            moves.Add(relativePath);
            moves.AddRange(variants.Select(v => relativePath + v));
        }

        // The previous site's files that the new one does not have, compressed copies included.
        var deletes = new List<string>();
        foreach (var (relativePath, old) in _reusable.Entries)
        {
            if (!_written.TryGet(relativePath, out var now))
            {
                deletes.Add(relativePath);
                deletes.AddRange(old.Variants.Select(v => relativePath + v));
            }
            else if (_staged.ContainsKey(relativePath))
            {
                deletes.AddRange(old.Variants.Except(now.Variants).Select(v => relativePath + v));
            }
        }

        moves.Sort(StringComparer.Ordinal);
        deletes.Sort(StringComparer.Ordinal);
        if (_manifestPath is not null)
        {
            _written.Save(OutputJournal.NextManifest(_manifestPath), _target);
        }

        new OutputJournal(Staging, _manifestPath, moves, deletes).Commit(_target);
        _committed = true;
    }

    public void Dispose()
    {
        if (!_committed && Directory.Exists(Staging))
        {
            Directory.Delete(Staging, recursive: true);
        }

        // File.Delete throws when the folder is missing too: a first build with a new cache has none yet.
        if (!_committed && _manifestPath is not null && File.Exists(OutputJournal.NextManifest(_manifestPath)))
        {
            File.Delete(OutputJournal.NextManifest(_manifestPath));
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

    // A rebuild killed while applying its journal: finish it. A first build killed between its two renames left the
    // complete previous site under .NAME.previous-PID: put it back. Staging folders of killed builds are
    // half-written: delete them.
    private static void Recover(string parent, string name)
    {
        var target = Path.Combine(parent, name);
        OutputJournal.Recover(target);
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
    /// Keeps the previous build's copy of a file (and its compressed copies) when its content is the same and output/
    /// still holds it as that build wrote it (same size and write time). Rebuilds only: a first build has nothing to
    /// keep.
    /// </summary>
    private bool TryReuse(string relativePath, ContentHash hash, ContentHash sourceKey, ContentHash inputsKey)
    {
        if (!InPlace || hash.IsNone || !_reusable.TryGet(relativePath, out var old) || old.Hash != hash)
        {
            return false;
        }

        if (LiveSize(relativePath, old) is not { } bytes)
        {
            return false;
        }

        Kept(relativePath, sourceKey.IsNone ? old : old with { SourceKey = sourceKey, InputsKey = inputsKey }, bytes);
        return true;
    }

    /// <summary>
    /// Keeps all of the previous build's files given, as they are, when they are in output/ as that build left them and
    /// their contents are the ones <paramref name="digest"/> (<see cref="OutputManifest.DigestOf"/>) describes; keeps
    /// none of them otherwise. For a stage that adds to what an earlier build made (the search index's update).
    /// </summary>
    public bool KeepAll(IReadOnlyList<string> relativePaths, string digest)
    {
        // The index's base is ~390,000 files at 50,000 reports: one lookup each, then checked against the listings of
        // their folders (size, write time, compressed copies), read side by side first.
        if (!InPlace || _reusable.EntriesOf(relativePaths) is not { } entries || OutputManifest.DigestOf(relativePaths, entries) != digest)
        {
            return false;
        }

        _live.ReadFoldersOf(relativePaths);
        var intact = true;
        var sizes = new long[relativePaths.Count];
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, relativePaths.Count, 4096), (range, loop) =>
        {
            for (var i = range.Item1; i < range.Item2 && intact; i++)
            {
                if (LiveSize(relativePaths[i], entries[i]) is { } size)
                {
                    sizes[i] = size;
                }
                else
                {
                    intact = false;
                    loop.Stop();
                }
            }
        });
        if (!intact)
        {
            return false;
        }

        // As Kept, counted once for all.
        var (files, bytes) = (0, 0L);
        for (var i = 0; i < relativePaths.Count; i++)
        {
            _staged.TryRemove(relativePaths[i], out _);
            _written.Set(relativePaths[i], entries[i]);
            files += 1 + entries[i].Variants.Length;
            bytes += sizes[i];
        }

        lock (_target)
        {
            ReusedCount += files;
            FileCount += files;
            ByteCount += bytes;
        }

        return true;
    }

    /// <summary>
    /// The content of a file the previous build wrote from <paramref name="sourceKey"/>, as output/ still holds it (its
    /// content hash checked), for a writer that makes the new file out of the old one; null otherwise.
    /// </summary>
    public byte[]? ReadKept(string relativePath, ContentHash sourceKey)
    {
        if (!InPlace || sourceKey.IsNone || !_reusable.TryGet(relativePath, out var old) || old.SourceKey != sourceKey || LiveSize(relativePath, old) is null)
        {
            return null;
        }

        var bytes = File.ReadAllBytes(Path.Combine(_target, relativePath));
        return ContentHash.Of(bytes) == old.Hash ? bytes : null;
    }

    /// <summary>
    /// After <see cref="Commit"/>: stamps the folders of <paramref name="relativePaths"/> (<see cref="FolderStamps"/>), so
    /// that the next build takes the files it finds named there in the manifest as they are, without listing them;
    /// with none given, forgets the stamps.
    /// </summary>
    public void StampFoldersOf(IEnumerable<string> relativePaths)
    {
        if (_manifestPath is not null && _committed)
        {
            FolderStamps.Save(FolderStamps.PathFor(_manifestPath), _target, relativePaths.Select(p => Path.GetDirectoryName(p) ?? ""));
        }
    }

    /// <summary>The digest of files this build wrote or kept (null when one of them is not among them).</summary>
    public string? DigestOf(IReadOnlyList<string> relativePaths) => _written.DigestOf(relativePaths);

    /// <summary>The bytes of a live file and its compressed copies when all are as the manifest says, else null.</summary>
    private long? LiveSize(string relativePath, OutputEntry old) =>
        _live.Holds(relativePath, old.Size, old.WriteTimeTicks, old.Variants) ? old.Size + old.VariantBytes : null;

    private void Kept(string relativePath, OutputEntry entry, long bytes)
    {
        // Staged earlier in this build with other content, and now the same as the live file after all.
        _staged.TryRemove(relativePath, out _);
        lock (_target)
        {
            ReusedCount += 1 + entry.Variants.Length;
            FileCount += 1 + entry.Variants.Length;
            ByteCount += bytes;
        }

        _written.Set(relativePath, entry);
    }

    private void Remember(string relativePath, OutputEntry entry)
    {
        if (_manifestPath is not null && relativePath.AsSpan().IndexOfAny('\t', '\n', '\r') < 0)
        {
            _written.Set(relativePath, entry);
        }
    }

    private string PathOf(string relativePath)
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

    private void Count(long bytes)
    {
        lock (_target)
        {
            FileCount++;
            ByteCount += bytes;
        }
    }
}
