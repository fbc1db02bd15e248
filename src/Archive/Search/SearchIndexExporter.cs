using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Archive.Build;
using Archive.Corpus;
using Archive.Regions;
using Archive.Site;

namespace Archive.Search;

/// <summary>
/// Writes the static search index the browser reads (output/search/, FORMAT.md §4): manifest, documents, text packs
/// and key shards. Deterministic: the same input gives the same bytes (everything sorted, no timestamps).
/// </summary>
public sealed class SearchIndexExporter
{
    public const string Folder = "search/";
    public const int FormatVersion = 1;
    public const int Overlap = 64;
    public const int PackTargetSize = 4_096;
    public const int ShardTargetBytes = 1_024;
    public const int MinBuckets = 256;

    private static readonly byte[] ShardMagic = "ASX1"u8.ToArray();

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>Writes every file of the index into the output folder (which adds the .gz and .br copies).</summary>
    public void Export(Corpus.Corpus corpus, OutputFolder output)
    {
        // Compressing the .gz/.br copies is the costly part; do it on every core.
        Parallel.ForEach(Files(corpus), file => output.Write(file.Path, file.Bytes));
    }

    /// <summary>The index as (path under output/, bytes), in a fixed order.</summary>
    public List<(string Path, byte[] Bytes)> Files(Corpus.Corpus corpus)
    {
        var reports = ReportOrder.Sort(corpus);
        var bureaus = reports.Select(corpus.BureauOf).DistinctBy(b => b.Id).OrderBy(b => b.Id, StringComparer.Ordinal).ToList();
        var regions = RegionsOf(reports.Select(r => ReportOrder.RegionOf(corpus.BureauOf(r))));

        var chunks = new List<TextChunk>();
        var docs = new List<DocEntry>();
        long totalLength = 0;
        for (var doc = 0; doc < reports.Count; doc++)
        {
            var text = SearchableText.Of(reports[doc]);
            var docChunks = Chunker.Split(doc, text.Blocks, Overlap);
            docs.Add(new DocEntry(reports[doc], text.Normalized.Length, chunks.Count, docChunks.Count));
            chunks.AddRange(docChunks);
            totalLength += text.Normalized.Length;
        }

        var packStarts = PackStarts(chunks);
        var (buckets, bodies) = Buckets(chunks);
        var shards = ShardCount(bodies);
        var average = reports.Count == 0 ? 0 : (double)totalLength / reports.Count;

        var files = new List<(string, byte[])>
        {
            (Folder + "manifest.json", Manifest(reports.Count, chunks.Count, average, buckets, shards, packStarts)),
            (Folder + "docs.json", DocsJson(corpus, docs, bureaus, regions)),
        };
        for (var pack = 0; pack < packStarts.Count; pack++)
        {
            var end = pack + 1 < packStarts.Count ? packStarts[pack + 1] : chunks.Count;
            files.Add(($"{Folder}packs/{pack:D4}.json", Pack(chunks, packStarts[pack], end)));
        }

        for (var shard = 0; shard < shards; shard++)
        {
            files.Add(($"{Folder}shards/{shard:D3}.bin", Shard(bodies, shard, shards)));
        }

        return files;
    }

    /// <summary>The regions of all paths, sorted by code, each with the index of the region above it in its path.</summary>
    private static List<(Division Division, string? Parent)> RegionsOf(IEnumerable<RegionPath> paths)
    {
        var parents = new SortedDictionary<string, (Division Division, string? Parent)>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            string? parent = null;
            foreach (var division in path.Divisions)
            {
                parents[division.Code] = (division, parent);
                parent = division.Code;
            }
        }

        return [.. parents.Values];
    }

    private static List<int> PackStarts(List<TextChunk> chunks)
    {
        var starts = new List<int>();
        var size = PackTargetSize;
        for (var i = 0; i < chunks.Count; i++)
        {
            if (size >= PackTargetSize)
            {
                starts.Add(i);
                size = 0;
            }

            size += chunks[i].TextSize;
        }

        return starts;
    }

    /// <summary>The bucket count and each bucket's encoded body: the sorted chunks whose extended text holds a key of the bucket.</summary>
    private static (int Buckets, byte[][] Bodies) Buckets(List<TextChunk> chunks)
    {
        // Keys as numbers while collecting (a unigram is its code point, a bigram both code points above 2^21), so the
        // pass over all text allocates nothing per character; they become strings once each, for hashing.
        var postings = new Dictionary<long, List<int>>();
        for (var chunk = 0; chunk < chunks.Count; chunk++)
        {
            var text = TextNormalizer.Normalize(chunks[chunk].ExtendedText).Text;
            var previous = -1;
            for (var i = 0; i < text.Length; i++)
            {
                int codePoint = text[i];
                if (char.IsHighSurrogate(text[i]))
                {
                    codePoint = char.ConvertToUtf32(text[i], text[++i]);
                }

                AddPosting(postings, codePoint, chunk);
                if (previous >= 0)
                {
                    AddPosting(postings, ((long)(previous + 1) << 21) | (uint)codePoint, chunk);
                }

                previous = codePoint;
            }
        }

        var buckets = MinBuckets;
        while (buckets < (postings.Count + 1) / 2)
        {
            buckets *= 2;
        }

        var members = new List<int>[buckets];
        foreach (var (key, keyChunks) in postings)
        {
            var bucket = BucketHash.BucketOf(KeyText(key), buckets);
            (members[bucket] ??= []).AddRange(keyChunks);
        }

        var bodies = new byte[buckets][];
        for (var bucket = 0; bucket < buckets; bucket++)
        {
            var sorted = (members[bucket] ?? []).Distinct().Order().ToList();
            using var body = new MemoryStream();
            Varint.Write(body, sorted.Count);
            var previous = 0;
            foreach (var chunk in sorted)
            {
                Varint.Write(body, chunk - previous);
                previous = chunk;
            }

            bodies[bucket] = body.ToArray();
        }

        return (buckets, bodies);
    }

    private static string KeyText(long key) =>
        key < 1 << 21 ? char.ConvertFromUtf32((int)key) : char.ConvertFromUtf32((int)(key >> 21) - 1) + char.ConvertFromUtf32((int)(key & ((1 << 21) - 1)));

    private static void AddPosting(Dictionary<long, List<int>> postings, long key, int chunk)
    {
        if (!postings.TryGetValue(key, out var list))
        {
            postings[key] = list = [];
        }

        if (list.Count == 0 || list[^1] != chunk)
        {
            list.Add(chunk);
        }
    }

    /// <summary>The smallest power of two that brings the average Brotli-compressed shard to 8 KB or less.</summary>
    private static int ShardCount(byte[][] bodies)
    {
        using var compressed = new MemoryStream();
        using (var brotli = new BrotliStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            foreach (var body in bodies)
            {
                brotli.Write(body);
            }
        }

        var shards = 1;
        while (compressed.Length > (long)shards * ShardTargetBytes && shards < bodies.Length)
        {
            shards *= 2;
        }

        return shards;
    }

    private static byte[] Shard(byte[][] bodies, int shard, int shards)
    {
        using var file = new MemoryStream();
        file.Write(ShardMagic);
        var count = bodies.Length / shards;
        Varint.Write(file, count);
        for (var index = 0; index < count; index++)
        {
            Varint.Write(file, bodies[(index * shards) + shard].Length);
        }

        for (var index = 0; index < count; index++)
        {
            file.Write(bodies[(index * shards) + shard]);
        }

        return file.ToArray();
    }

    private static byte[] Manifest(int docCount, int chunkCount, double averageLength, int buckets, int shards, List<int> packStarts) =>
        Json(json =>
        {
            json.WriteStartObject();
            json.WriteString("format", "archive-search");
            json.WriteNumber("version", FormatVersion);
            json.WriteNumber("normalization", TextNormalizer.Version);
            json.WriteNumber("docCount", docCount);
            json.WriteNumber("chunkCount", chunkCount);
            json.WriteNumber("avgDocLength", averageLength);
            json.WriteNumber("buckets", buckets);
            json.WriteNumber("shards", shards);
            json.WriteNumber("overlap", Overlap);
            json.WriteStartArray("packStarts");
            foreach (var start in packStarts)
            {
                json.WriteNumberValue(start);
            }

            json.WriteEndArray();
            json.WriteString("docs", "docs.json");
            json.WriteEndObject();
        });

    private static byte[] DocsJson(Corpus.Corpus corpus, List<DocEntry> docs, List<Bureau> bureaus, List<(Division Division, string? Parent)> regions)
    {
        var bureauIndex = bureaus.Select((b, i) => (b.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var regionIndex = regions.Select((r, i) => (r.Division.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        return Json(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("bureaus");
            foreach (var bureau in bureaus)
            {
                json.WriteStartObject();
                json.WriteString("id", bureau.Id);
                json.WriteString("name", bureau.Name);
                json.WriteString("url", SitePaths.Bureau(bureau.Id));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("regions");
            foreach (var (division, parent) in regions)
            {
                json.WriteStartObject();
                json.WriteString("code", division.Code);
                json.WriteString("name", division.Name);
                if (parent is null)
                {
                    json.WriteNull("parent");
                }
                else
                {
                    json.WriteNumber("parent", regionIndex[parent]);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("docs");
            foreach (var doc in docs)
            {
                var report = doc.Report;
                var bureau = corpus.BureauOf(report);
                json.WriteStartObject();
                json.WriteString("id", report.Id);
                json.WriteString("title", report.Title);
                json.WriteString("url", SitePaths.Report(report.Id));
                json.WriteNumber("bureau", bureauIndex[bureau.Id]);
                json.WriteNumber("year", report.Year);
                if (report.Published is { } published)
                {
                    json.WriteString("published", published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }
                else
                {
                    json.WriteNull("published");
                }

                json.WriteStartArray("regions");
                foreach (var division in ReportOrder.RegionOf(bureau).Divisions)
                {
                    json.WriteNumberValue(regionIndex[division.Code]);
                }

                json.WriteEndArray();
                json.WriteNumber("length", doc.Length);
                json.WriteNumber("firstChunk", doc.FirstChunk);
                json.WriteNumber("chunkCount", doc.ChunkCount);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static byte[] Pack(List<TextChunk> chunks, int start, int end) =>
        Json(json =>
        {
            json.WriteStartArray();
            for (var i = start; i < end; i++)
            {
                json.WriteStartObject();
                json.WriteNumber("doc", chunks[i].Doc);
                json.WriteStartArray("blocks");
                foreach (var block in chunks[i].Blocks)
                {
                    json.WriteStartArray();
                    json.WriteStringValue(block.Anchor);
                    json.WriteStringValue(block.Text);
                    json.WriteEndArray();
                }

                json.WriteEndArray();
                json.WriteString("tail", chunks[i].Tail);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            write(json);
        }

        return buffer.ToArray();
    }

    private sealed record DocEntry(Report Report, int Length, int FirstChunk, int ChunkCount);
}
