using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Archive.Core;
using Archive.Output;

namespace Archive.Incremental;

/// <summary>
/// What the last build wrote into an output folder: per file, the SHA-256 of its content, and the size and write
/// time it had, so that a rebuild can tell that a file it is about to write is already there, untouched since.
/// Kept in the cache, one file per output folder.
/// </summary>
public sealed class OutputManifest
{
    private const string Header = "archive-output-manifest 6";

    // Which digests an entry has: most files (the search index's) have none, and pages have both.
    private const byte HasSourceDigest = 1;
    private const byte HasInputsDigest = 2;
    // A manifest being written is written from several threads; one loaded is only read, and a plain dictionary of
    // 460,000 entries loads faster, with an object less per entry for the collector to move.
    private readonly IDictionary<string, OutputEntry> _entries;

    private OutputManifest(IDictionary<string, OutputEntry> entries)
    {
        _entries = entries;
    }

    /// <summary>Which compressed copies the build that wrote these files made: another setting keeps none of them.</summary>
    public Precompress Precompress { get; set; } = Precompress.Both;

    /// <param name="capacity">How many entries it will get: a rebuild's manifest grows to the last one's size.</param>
    public static OutputManifest Empty(int capacity = 0) =>
        new(new ConcurrentDictionary<string, OutputEntry>(Environment.ProcessorCount, Math.Max(capacity, 31), StringComparer.Ordinal));

    /// <summary>Where the manifest of <paramref name="outputFolder"/> lives in <paramref name="cacheFolder"/>.</summary>
    public static string PathFor(string cacheFolder, string outputFolder) => CacheFile.PathFor(cacheFolder, "output", outputFolder, ".manifest");

    /// <summary>The manifest at <paramref name="path"/>, or an empty one when it is missing, unreadable or of another folder.</summary>
    public static OutputManifest Load(string path, string outputFolder) =>
        // Binary, read in one piece: at 50,000 reports a manifest has 460,000 entries, and a rebuild after one change
        // must not spend seconds parsing it.
        CacheFile.Read(path, [Header, Path.GetFullPath(outputFolder)], reader =>
        {
            var precompress = (Precompress)reader.ReadByte();
            var count = reader.ReadInt32();
            var entries = new Dictionary<string, OutputEntry>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var relativePath = reader.ReadString();
                var hash = reader.ReadHash();
                var size = reader.ReadInt64();
                var writeTime = reader.ReadInt64();
                var variants = ReadVariants(reader);
                var digests = reader.ReadByte();
                var sourceDigest = (digests & HasSourceDigest) != 0 ? reader.ReadHash() : default;
                var inputsDigest = (digests & HasInputsDigest) != 0 ? reader.ReadHash() : default;
                entries[relativePath] = new OutputEntry(hash, size, writeTime, variants, sourceDigest, reader.ReadInt64(), inputsDigest);
            }

            return new OutputManifest(entries) { Precompress = precompress };
        }) ?? Empty();

    public int Count => _entries.Count;

    /// <summary>
    /// True when every file of the manifest (and its compressed copies) is in the folder as the manifest says; files in
    /// folders unchanged since <paramref name="stamps"/> are taken as they are named.
    /// </summary>
    public bool IsIntact(string outputFolder, FolderStamps? stamps = null)
    {
        var live = new LiveFiles(outputFolder, stamps);
        live.ReadFoldersOf(_entries.Keys);
        return _entries.Count > 0 && _entries.AsParallel().All(e => live.Holds(e.Key, e.Value.Size, e.Value.WriteTimeTicks, e.Value.Variants));
    }

    public IEnumerable<KeyValuePair<string, OutputEntry>> Entries => _entries;

    /// <summary>
    /// A SHA-256 over the paths and content hashes of the files given, in that order: equal digests mean the same
    /// files with the same contents. Null when one of them is not in the manifest.
    /// </summary>
    public string? DigestOf(IReadOnlyList<string> relativePaths) => EntriesOf(relativePaths) is { } entries ? DigestOf(relativePaths, entries) : null;

    /// <summary>The entries of the files given, in that order; null when one of them is not in the manifest.</summary>
    public OutputEntry[]? EntriesOf(IReadOnlyList<string> relativePaths)
    {
        var entries = new OutputEntry[relativePaths.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            if (!_entries.TryGetValue(relativePaths[i], out var entry))
            {
                return null;
            }

            entries[i] = entry;
        }

        return entries;
    }

    /// <summary>The digest (<see cref="DigestOf(IReadOnlyList{string})"/>) of files whose entries are given.</summary>
    public static string DigestOf(IReadOnlyList<string> relativePaths, OutputEntry[] entries)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var line = new byte[1024];
        for (var i = 0; i < entries.Length; i++)
        {
            // Per file: its path in UTF-8, a tab, its content hash. Paths cannot hold a tab (see OutputFolder.Remember).
            var path = relativePaths[i];
            var length = Encoding.UTF8.GetMaxByteCount(path.Length) + 1 + ContentHash.Bytes;
            if (line.Length < length)
            {
                line = new byte[length];
            }

            var written = Encoding.UTF8.GetBytes(path, line);
            line[written++] = (byte)'\t';
            entries[i].Hash.CopyTo(line.AsSpan(written));
            sha.AppendData(line, 0, written + ContentHash.Bytes);
        }

        return ContentHash.Of(sha).ToString();
    }

    public bool TryGet(string relativePath, out OutputEntry entry) => _entries.TryGetValue(relativePath, out entry!);

    /// <summary>Adds or replaces an entry: from any thread in a manifest made by <see cref="Empty"/>, never in one loaded.</summary>
    public void Set(string relativePath, OutputEntry entry) =>
        ((ConcurrentDictionary<string, OutputEntry>)_entries)[relativePath] = entry;

    /// <summary>Writes the manifest (to a temporary file first, so a reader never sees half of it).</summary>
    public void Save(string path, string outputFolder)
    {
        CacheFile.Write(path, [Header, Path.GetFullPath(outputFolder)], writer =>
        {
            var entries = _entries.ToArray();
            writer.Write((byte)Precompress);
            writer.Write(entries.Length);
            foreach (var (relativePath, entry) in entries)
            {
                writer.Write(relativePath);
                writer.WriteHash(entry.Hash);
                writer.Write(entry.Size);
                writer.Write(entry.WriteTimeTicks);
                WriteVariants(writer, entry.Variants);
                writer.Write((byte)((entry.SourceDigest.IsNone ? 0 : HasSourceDigest) | (entry.InputsDigest.IsNone ? 0 : HasInputsDigest)));
                foreach (var digest in (ReadOnlySpan<ContentHash>)[entry.SourceDigest, entry.InputsDigest])
                {
                    if (!digest.IsNone)
                    {
                        writer.WriteHash(digest);
                    }
                }

                writer.Write(entry.VariantBytes);
            }
        });
    }

    // The compressed copies of a file: nearly always .gz and .br, or one of them, or none. Shared arrays, one byte each.
    private static readonly string[][] CommonVariants = [[], [Precompression.GzipSuffix], [Precompression.BrotliSuffix], [Precompression.GzipSuffix, Precompression.BrotliSuffix]];

    /// <summary>The shared array of <paramref name="variants"/> when they are a common set (a million files share four), else a new one.</summary>
    public static string[] VariantsOf(List<string> variants) =>
        Array.Find(CommonVariants, c => c.AsSpan().SequenceEqual(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(variants))) ?? [.. variants];

    private static void WriteVariants(BinaryWriter writer, string[] variants)
    {
        var common = Array.FindIndex(CommonVariants, c => c.AsSpan().SequenceEqual(variants));
        writer.Write((byte)(common >= 0 ? common : 255));
        if (common < 0)
        {
            writer.Write(variants.Length);
            Array.ForEach(variants, writer.Write);
        }
    }

    private static string[] ReadVariants(BinaryReader reader)
    {
        var common = reader.ReadByte();
        if (common < CommonVariants.Length)
        {
            return CommonVariants[common];
        }

        if (common != 255)
        {
            throw new FormatException("unknown compressed copies");
        }

        var variants = new string[reader.ReadInt32()];
        for (var i = 0; i < variants.Length; i++)
        {
            variants[i] = reader.ReadString();
        }

        return variants;
    }
}

/// <summary>
/// One output file: content hash (none for a file written without a manifest, which is never reused), size and write
/// time, the suffixes of its precompressed copies, the digest of what it was made from (a rendered page's
/// <c>Theme.ViewDigest</c>; none when the writer gave none) and the cheaper digest of the inputs that digest is computed from
/// (none when the writer gave none; see <see cref="ReusingOutput.Write(string, ContentHash, Func{ContentHash}, Func{byte[]})"/>).
/// </summary>
public sealed record OutputEntry(ContentHash Hash, long Size, long WriteTimeTicks, string[] Variants, ContentHash SourceDigest = default, long VariantBytes = 0, ContentHash InputsDigest = default);
