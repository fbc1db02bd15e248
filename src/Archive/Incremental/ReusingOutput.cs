using System.Collections.Concurrent;
using System.Text;
using Archive.Core;
using Archive.Output;

namespace Archive.Incremental;

/// <summary>
/// Decides, file by file, whether a build writes a file or keeps the one the last build left, and remembers what it
/// wrote (<see cref="OutputManifest"/>), over an <see cref="OutputFolder"/> that does the writing:
/// <list type="bullet">
/// <item>A first build (no manifest of the previous one) writes every file; the staging folder replaces output/ as a
/// whole.</item>
/// <item>A rebuild, with the manifest of the previous build, touches only what changed: a file whose content is the
/// same and still in output/ as that build left it is kept where it is, without even calling the code that makes it
/// (<see cref="Write(string, ContentHash, Func{ContentHash}, Func{byte[]})"/>); changed files are staged, then moved
/// in and stale ones deleted through the folder's journal. Its cost follows the size of the change, not of the site
/// (at 50,000 reports a site is a million files).</item>
/// </list>
/// </summary>
public sealed class ReusingOutput : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(false);

    private readonly OutputFolder _folder;
    private OutputManifest _reusable;
    private readonly OutputManifest _written;
    // Rebuilds only: the files staged (with the suffixes of their compressed copies), to be moved into output/.
    private readonly ConcurrentDictionary<string, string[]> _staged = new(StringComparer.Ordinal);
    private readonly LiveFiles _live;
    private readonly string? _manifestPath;
    private int _reusedCount;

    /// <param name="manifestPath">Where the manifest of this output folder is kept (in the cache); null: write every file.</param>
    public ReusingOutput(string target, string? manifestPath = null)
    {
        _folder = new OutputFolder(target);
        try
        {
            _manifestPath = manifestPath;
            _reusable = manifestPath is null ? OutputManifest.Empty() : OutputManifest.Load(manifestPath, _folder.Target);
            _written = OutputManifest.Empty(_reusable.Count);
            _live = new LiveFiles(_folder.Target, manifestPath is null ? null : FolderStamps.Load(FolderStamps.PathFor(manifestPath)));
            InPlace = _reusable.Count > 0 && Directory.Exists(_folder.Target);
        }
        catch
        {
            _folder.Dispose();
            throw;
        }
    }

    /// <summary>What opening the folder finished or cleared of builds that were killed.</summary>
    public IReadOnlyList<string> Recovered => _folder.Recovered;

    /// <summary>The folder files are written to until <see cref="Commit"/>.</summary>
    public string Staging => _folder.Staging;

    /// <summary>True when this build updates output/ in place (a rebuild); false when it replaces it as a whole.</summary>
    public bool InPlace { get; private set; }

    /// <summary>
    /// Sets which compressed copies the build writes. Files the last build wrote under another setting have other
    /// copies beside them: none is kept, and the new site replaces output/ as a whole.
    /// </summary>
    public void UsePrecompression(Precompress precompress)
    {
        _folder.Precompress = precompress;
        _written.Precompress = precompress;
        if (_reusable.Count > 0 && _reusable.Precompress != precompress)
        {
            _reusable = OutputManifest.Empty();
            InPlace = false;
        }
    }

    public int FileCount => _folder.FileCount;

    /// <summary>Files (precompressed copies included) kept unchanged from the previous build.</summary>
    public int ReusedCount => _reusedCount;

    public long ByteCount => _folder.ByteCount;

    public void Write(string relativePath, string text) => Write(relativePath, Utf8.GetBytes(text));

    /// <summary>
    /// Writes the file <paramref name="make"/> makes, remembering <paramref name="sourceDigest"/> (a digest of what it is
    /// made from); or, when the previous build wrote it from the same digest and output/ still holds it as written, takes
    /// that file without calling <paramref name="make"/> at all.
    /// </summary>
    public void Write(string relativePath, ContentHash sourceDigest, Func<byte[]> make) => Write(relativePath, default, () => sourceDigest, make);

    /// <summary>
    /// As <see cref="Write(string, ContentHash, Func{byte[]})"/>, with a cheaper digest first: <paramref name="inputsDigest"/>,
    /// a digest of everything the source digest is computed from. When the previous build wrote the file with the same
    /// inputs digest and output/ still holds it, the file is kept without computing the source digest at all (at 50,000
    /// reports that is serializing the views of 70,000 pages); otherwise the source digest decides, as there.
    /// </summary>
    public void Write(string relativePath, ContentHash inputsDigest, Func<ContentHash> sourceDigest, Func<byte[]> make)
    {
        _folder.PathOf(relativePath);
        var known = _reusable.TryGet(relativePath, out var old);
        if (known && InPlace && !inputsDigest.IsNone && old!.InputsDigest == inputsDigest && !old.SourceDigest.IsNone && LiveSize(relativePath, old) is { } bytes)
        {
            Kept(relativePath, old, bytes);
            return;
        }

        var digest = sourceDigest();
        if (!(known && !old!.SourceDigest.IsNone && old.SourceDigest == digest && TryReuse(relativePath, old.Hash, digest, inputsDigest)))
        {
            Write(relativePath, make(), digest, inputsDigest);
        }
    }

    public void Write(string relativePath, byte[] bytes, ContentHash sourceDigest = default, ContentHash inputsDigest = default)
    {
        // The folder refuses a path outside it when it writes; a file kept was written, and so checked, before.
        // Without a manifest nothing is reused or remembered: no need to hash.
        var hash = _manifestPath is null ? default : ContentHash.Of(bytes);
        if (TryReuse(relativePath, hash, sourceDigest, inputsDigest))
        {
            return;
        }

        var written = _folder.Write(relativePath, bytes);
        var suffixes = OutputManifest.VariantsOf(written.Copies);
        if (InPlace)
        {
            _staged[relativePath] = suffixes;
        }

        if (_manifestPath is not null && relativePath.AsSpan().IndexOfAny('\t', '\n', '\r') < 0)
        {
            _written.Set(relativePath, new OutputEntry(hash, bytes.LongLength, written.WriteTimeTicks, suffixes, sourceDigest, written.CopyBytes, sourceDigest.IsNone ? default : inputsDigest));
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
            _folder.Swap();

            // After the swap: a manifest that outlives a killed build only names files the checks then find changed.
            if (_manifestPath is not null)
            {
                _written.Save(_manifestPath, _folder.Target);
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
            _written.Save(OutputJournal.NextManifest(_manifestPath), _folder.Target);
        }

        _folder.Apply(_manifestPath, moves, deletes);
    }

    public void Dispose()
    {
        // File.Delete throws when the folder is missing too: a first build with a new cache has none yet.
        if (!_folder.Committed && _manifestPath is not null && File.Exists(OutputJournal.NextManifest(_manifestPath)))
        {
            File.Delete(OutputJournal.NextManifest(_manifestPath));
        }

        _folder.Dispose();
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
        Parallel.ForEach(Partitioner.Create(0, relativePaths.Count, 4096), (range, loop) =>
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

        Interlocked.Add(ref _reusedCount, files);
        _folder.CountKept(files, bytes);
        return true;
    }

    /// <summary>
    /// The content of a file the previous build wrote from <paramref name="sourceDigest"/>, as output/ still holds it (its
    /// content hash checked), for a writer that makes the new file out of the old one; null otherwise.
    /// </summary>
    public byte[]? ReadKept(string relativePath, ContentHash sourceDigest)
    {
        if (!InPlace || sourceDigest.IsNone || !_reusable.TryGet(relativePath, out var old) || old.SourceDigest != sourceDigest || LiveSize(relativePath, old) is null)
        {
            return null;
        }

        var bytes = File.ReadAllBytes(Path.Combine(_folder.Target, relativePath));
        return ContentHash.Of(bytes) == old.Hash ? bytes : null;
    }

    /// <summary>
    /// After <see cref="Commit"/>: stamps the folders of <paramref name="relativePaths"/> (<see cref="FolderStamps"/>), so
    /// that the next build takes the files it finds named there in the manifest as they are, without listing them;
    /// with none given, forgets the stamps.
    /// </summary>
    public void StampFoldersOf(IEnumerable<string> relativePaths)
    {
        if (_manifestPath is not null && _folder.Committed)
        {
            FolderStamps.Save(FolderStamps.PathFor(_manifestPath), _folder.Target, relativePaths.Select(p => Path.GetDirectoryName(p) ?? ""));
        }
    }

    /// <summary>The digest of files this build wrote or kept (null when one of them is not among them).</summary>
    public string? DigestOf(IReadOnlyList<string> relativePaths) => _written.DigestOf(relativePaths);

    /// <summary>
    /// Keeps the previous build's copy of a file (and its compressed copies) when its content is the same and output/
    /// still holds it as that build wrote it (same size and write time). Rebuilds only: a first build has nothing to
    /// keep.
    /// </summary>
    private bool TryReuse(string relativePath, ContentHash hash, ContentHash sourceDigest, ContentHash inputsDigest)
    {
        if (!InPlace || hash.IsNone || !_reusable.TryGet(relativePath, out var old) || old.Hash != hash)
        {
            return false;
        }

        if (LiveSize(relativePath, old) is not { } bytes)
        {
            return false;
        }

        Kept(relativePath, sourceDigest.IsNone ? old : old with { SourceDigest = sourceDigest, InputsDigest = inputsDigest }, bytes);
        return true;
    }

    /// <summary>The bytes of a live file and its compressed copies when all are as the manifest says, else null.</summary>
    private long? LiveSize(string relativePath, OutputEntry old) =>
        _live.Holds(relativePath, old.Size, old.WriteTimeTicks, old.Variants) ? old.Size + old.VariantBytes : null;

    private void Kept(string relativePath, OutputEntry entry, long bytes)
    {
        // Staged earlier in this build with other content, and now the same as the live file after all.
        _staged.TryRemove(relativePath, out _);
        Interlocked.Add(ref _reusedCount, 1 + entry.Variants.Length);
        _folder.CountKept(1 + entry.Variants.Length, bytes);
        _written.Set(relativePath, entry);
    }
}
