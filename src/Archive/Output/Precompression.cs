using System.Buffers;
using System.IO.Compression;
using Archive.Core;

namespace Archive.Output;

/// <summary>
/// The .br and .gz copies of an output file, at a level chosen by what the file is. Measured on the 50,000-report
/// site, 2,000 files of each kind, one core (ratio = compressed / raw):
///
/// | kind | brotli 1 | brotli 4 | brotli 5 | gzip fastest | gzip optimal |
/// | --- | --- | --- | --- | --- | --- |
/// | report pages | 101 MB/s, 0.42 | 34 MB/s, 0.38 | 21 MB/s, 0.33 | 123 MB/s, 0.50 | 44 MB/s, 0.38 |
/// | postings | 85 MB/s, 0.43 | 32 MB/s, 0.41 | 21 MB/s, 0.41 | 112 MB/s, 0.59 | 27 MB/s, 0.43 |
/// | key shards | 90 MB/s, 0.59 | 36 MB/s, 0.58 | 33 MB/s, 0.58 | 111 MB/s, 0.68 | 37 MB/s, 0.58 |
///
/// A full build of 50,000 reports compresses ~3 GB, so the level decides whole minutes of it. Brotli is what
/// browsers take over HTTPS, gzip serves the rest.
/// - What every visitor or every search fetches first (assets, the search page, the search manifest, catalog and
///   document table): a handful of files, so the strongest settings pay for themselves at once.
/// - The search index's packs (search/keys/, postings/, docs/, text/ and the same under update/) are read by range,
///   so they have no copies; text chunks and doc blocks are deflated one by one (SearchIndexExporter, TextPack).
/// - Bureau blocks (JSON): brotli 6.
/// - Pages are many, each read by comparatively few readers: brotli 1 (0.42 against 0.33 at a fifth of the time).
/// - gzip is the fallback for plain HTTP: fastest, except for the first group.
/// </summary>
public static class Precompression
{
    public const string BrotliSuffix = ".br";
    public const string GzipSuffix = ".gz";

    private const int FirstFetchBrotli = 11;
    private const int BlockBrotli = 6;
    private const int PageBrotli = 1;

    private static readonly HashSet<string> FirstFetched = new(StringComparer.Ordinal)
    {
        "search.html", "search/manifest.json", "search/catalog.json", "search/docs.bin", "search/dates.bin",
    };

    // Brotli's window: 2^22 bytes holds any file we write whole.
    private const int BrotliWindow = 22;

    private static readonly string[] Both = [GzipSuffix, BrotliSuffix];
    private static readonly string[] GzipOnly = [GzipSuffix];
    private static readonly string[] BrotliOnly = [BrotliSuffix];

    /// <summary>
    /// The compressed copies worth trying for the file at <paramref name="relativePath"/>. The search index's packs
    /// get none: they are read by range. The open data by
    /// year (76 MB a year at 50,000 reports) is fetched by download tools, which ask for gzip (curl --compressed,
    /// wget, Python): its brotli copy cost a rebuild 0.75 s of a core for each year a changed report is in.
    /// </summary>
    public static IReadOnlyList<string> CopiesOf(string relativePath, Precompress wanted = Precompress.Both)
    {
        IReadOnlyList<string> worth = IsSearchPack(relativePath) ? []
            : relativePath.EndsWith(".jsonl", StringComparison.Ordinal) ? GzipOnly
            : Both;
        return wanted switch
        {
            Precompress.Both => worth,
            Precompress.Gzip => worth.Contains(GzipSuffix) ? GzipOnly : [],
            Precompress.Brotli => worth.Contains(BrotliSuffix) ? BrotliOnly : [],
            _ => [],
        };
    }

    // The search index's packs (FORMAT.md §4.0: every .bin in a folder of search/) are read by range, and a range of a
    // compressed copy is no use; their texts and blocks are deflated record by record.
    private static bool IsSearchPack(string relativePath) =>
        relativePath.StartsWith("search/", StringComparison.Ordinal) && relativePath.EndsWith(".bin", StringComparison.Ordinal)
        && relativePath.IndexOf('/', "search/".Length) > 0;

    /// <summary>The brotli copy of <paramref name="bytes"/>, the file at <paramref name="relativePath"/>.</summary>
    public static RentedBytes Brotli(string relativePath, ReadOnlySpan<byte> bytes)
    {
        var quality = BrotliQualityOf(relativePath);
        var buffer = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(bytes.Length));
        if (!BrotliEncoder.TryCompress(bytes, buffer, out var written, quality, BrotliWindow))
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw new InvalidOperationException($"brotli could not compress {relativePath}");
        }

        return new RentedBytes(buffer, written);
    }

    /// <summary>The gzip copy of <paramref name="bytes"/>, the file at <paramref name="relativePath"/>.</summary>
    public static RentedBytes Gzip(string relativePath, ReadOnlySpan<byte> bytes)
    {
        var level = IsFirstFetched(relativePath) ? CompressionLevel.SmallestSize : CompressionLevel.Fastest;
        // Deflate grows incompressible input by 5 bytes per stored block of 16 KB at most, gzip adds 18: this is room
        // enough for any input.
        var buffer = ArrayPool<byte>.Shared.Rent(bytes.Length + bytes.Length / 256 + 1024);
        using var memory = new MemoryStream(buffer, 0, buffer.Length, writable: true);
        using (var gzip = new GZipStream(memory, level, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return new RentedBytes(buffer, (int)memory.Position);
    }

    private static bool IsFirstFetched(string relativePath) =>
        relativePath.StartsWith("assets/", StringComparison.Ordinal) || FirstFetched.Contains(relativePath);

    private static int BrotliQualityOf(string relativePath) =>
        IsFirstFetched(relativePath) ? FirstFetchBrotli
        : relativePath.StartsWith("search/", StringComparison.Ordinal) ? BlockBrotli
        : PageBrotli;
}

/// <summary>
/// Bytes in an array rented from the shared pool, which <see cref="Dispose"/> gives back. A build compresses a
/// million files: new arrays for each copy (most over the large-object threshold) made the collector run its most
/// costly collections dozens of times.
/// </summary>
public readonly struct RentedBytes(byte[] array, int length) : IDisposable
{
    public int Length => length;

    public ReadOnlySpan<byte> Span => array.AsSpan(0, length);

    public void Dispose() => ArrayPool<byte>.Shared.Return(array);
}
