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
/// Writes the static search index the browser reads (output/search/, FORMAT.md §4): manifest, catalog, document
/// tables, gram keys with exact postings, and text packs. Deterministic: the same input gives the same bytes
/// (everything sorted, no timestamps).
/// </summary>
/// <param name="inlineLimit">
/// Postings and positions longer than this go to files of their own (FORMAT.md §4.3); tests lower it to exercise
/// those files on small corpora.
/// </param>
public sealed class SearchIndexExporter(int inlineLimit = SearchIndexExporter.InlinePostingsLimit)
{
    public const string Folder = "search/";
    public const int FormatVersion = 2;
    public const int Overlap = 64;
    // A query fetches the title block and the text pack of each result it shows, scattered over the archive: small
    // blocks and packs keep that near 1.5 KB per result (at 50,000 reports 64-doc blocks were ≈ 4 KB each).
    public const int DocBlock = 16;
    public const int BureauBlock = 64;
    public const int PackChunks = 1;
    public const int ShardTargetBytes = 8_192;
    public const int InlinePostingsLimit = 1_024;

    private static readonly byte[] DocsMagic = "ASD2"u8.ToArray();
    private static readonly byte[] DatesMagic = "ASP2"u8.ToArray();
    private static readonly DateOnly Epoch = new(1970, 1, 1);

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    // Reports are normalized and their text packs written this many at a time, so that the chunks' text is never
    // all in memory at once (at 50,000 reports it is ~1.7 GB as strings).
    private const int TextBatch = 2_048;

    /// <summary>Writes every file of the index into the output folder (which adds the .gz and .br copies).</summary>
    public void Export(Corpus.Corpus corpus, OutputFolder output) => Write(corpus, (path, bytes) => output.Write(path, bytes));

    /// <summary>The index as (path under output/, bytes), ordered by path.</summary>
    public List<(string Path, byte[] Bytes)> Files(Corpus.Corpus corpus)
    {
        var files = new System.Collections.Concurrent.ConcurrentBag<(string Path, byte[] Bytes)>();
        Write(corpus, (path, bytes) => files.Add((path, bytes)));
        return [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Hands every file of the index to <paramref name="write"/> as soon as it is made, from several threads at once
    /// (compressing the .gz/.br copies is the costly part, so it runs on every core).
    /// </summary>
    public void Write(Corpus.Corpus corpus, Action<string, byte[]> write)
    {
        var reports = ReportOrder.Sort(corpus);
        var regions = RegionsOf(reports.Select(r => ReportOrder.RegionOf(corpus.BureauOf(r))));

        using var texts = new SpillFile();
        var docs = new DocEntry[reports.Count];
        var chunkCount = WriteText(reports, corpus.BureauOf, texts, docs, write);
        var totalLength = docs.Sum(d => (long)LengthCode.Length(d.LengthCode));

        // Bureaus in doc order, each with the number of docs it owns (its docs are contiguous: FORMAT.md §4.2).
        var bureaus = new List<Bureau>();
        var docCounts = new List<int>();
        foreach (var report in reports)
        {
            var bureau = corpus.BureauOf(report);
            if (bureaus.Count == 0 || bureaus[^1].Id != bureau.Id)
            {
                bureaus.Add(bureau);
                docCounts.Add(0);
            }

            docCounts[^1]++;
        }

        write(Folder + "catalog.json", Catalog(bureaus, docCounts, regions));
        write(Folder + "docs.bin", DocsTable(docs));
        write(Folder + "dates.bin", DatesTable(docs));
        Parallel.For(0, (docs.Length + DocBlock - 1) / DocBlock, block =>
            write($"{Folder}docs/{block:D4}.json", DocBlockJson(docs, block * DocBlock, Math.Min(docs.Length, (block + 1) * DocBlock))));
        for (var block = 0; block * BureauBlock < bureaus.Count; block++)
        {
            write($"{Folder}bureaus/{block:D4}.json", BureauBlockJson(bureaus, block * BureauBlock, Math.Min(bureaus.Count, (block + 1) * BureauBlock)));
        }

        var minDf = GramIndex.MinDocFrequency(reports.Count);
        using var collected = new GramPostings();
        var grams = GramIndex.Build(texts, reports.Count, minDf, collected);
        var shardCount = KeyShards.Write(grams, collected, inlineLimit, Folder, write);
        var average = reports.Count == 0 ? 0 : (double)totalLength / reports.Count;
        write(Folder + "manifest.json", Manifest(reports.Count, chunkCount, average, minDf, shardCount));
    }

    /// <summary>
    /// Normalizes every report into <paramref name="texts"/> (its code points, record = doc number), fills in
    /// <paramref name="docs"/>, and writes the text packs, a batch of reports at a time; returns the number of chunks.
    /// </summary>
    private static int WriteText(List<Report> reports, Func<Report, Bureau> bureauOf, SpillFile texts, DocEntry[] docs, Action<string, byte[]> write)
    {
        var chunkCount = 0;
        var pending = new List<TextChunk>();
        for (var from = 0; from < reports.Count; from += TextBatch)
        {
            var to = Math.Min(reports.Count, from + TextBatch);
            var chunkLists = new List<TextChunk>[to - from];
            var points = new int[to - from][];
            Parallel.For(from, to, doc =>
            {
                var text = SearchableText.Of(reports[doc]);
                points[doc - from] = CodePoints(text.Normalized.Text);
                chunkLists[doc - from] = Chunker.Split(doc, text.Blocks, Overlap);
            });

            for (var doc = from; doc < to; doc++)
            {
                var chunks = chunkLists[doc - from];
                texts.Append(doc, points[doc - from].AsSpan());
                docs[doc] = new DocEntry(reports[doc], bureauOf(reports[doc]), LengthCode.Of(points[doc - from].Length), chunkCount, chunks.Count);
                chunkCount += chunks.Count;
                pending.AddRange(chunks);
            }

            // Whole packs only; the rest waits for the next batch (or the end).
            var firstPack = (chunkCount - pending.Count) / PackChunks;
            var packs = to == reports.Count ? (pending.Count + PackChunks - 1) / PackChunks : pending.Count / PackChunks;
            var batch = pending;
            Parallel.For(0, packs, pack => write(
                $"{Folder}text/{firstPack + pack:D6}.json",
                Pack(batch, pack * PackChunks, Math.Min(batch.Count, (pack + 1) * PackChunks))));
            pending = batch.GetRange(packs * PackChunks, batch.Count - packs * PackChunks);
        }

        return chunkCount;
    }

    private static int[] CodePoints(string text)
    {
        var points = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            points.Add(char.IsHighSurrogate(text[i]) ? char.ConvertToUtf32(text[i], text[++i]) : text[i]);
        }

        return [.. points];
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

    private static byte[] Manifest(int docCount, int chunkCount, double averageLength, int minDf, int keyShards) =>
        Json(json =>
        {
            json.WriteStartObject();
            json.WriteString("format", "archive-search");
            json.WriteNumber("version", FormatVersion);
            json.WriteNumber("normalization", TextNormalizer.Version);
            json.WriteNumber("docCount", docCount);
            json.WriteNumber("avgDocLength", averageLength);
            json.WriteNumber("chunkCount", chunkCount);
            json.WriteNumber("overlap", Overlap);
            json.WriteNumber("maxGram", GramIndex.MaxGram);
            json.WriteNumber("minDf", minDf);
            json.WriteNumber("keyShards", keyShards);
            json.WriteNumber("docBlock", DocBlock);
            json.WriteNumber("bureauBlock", BureauBlock);
            json.WriteNumber("packChunks", PackChunks);
            json.WriteEndObject();
        });

    /// <summary>
    /// What every query needs of bureaus and regions, and no more (FORMAT.md §4.2): bureau ids, their doc counts in
    /// doc order and their regions; region codes and parents, with names only for provinces and cities (the region
    /// filter's levels). Names and links of bureaus are in blocks, fetched for the results shown.
    /// </summary>
    private static byte[] Catalog(List<Bureau> bureaus, List<int> docCounts, List<(Division Division, string? Parent)> regions)
    {
        var regionIndex = regions.Select((r, i) => (r.Division.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        var depth = regions.ToDictionary(r => r.Division.Code, r => 0, StringComparer.Ordinal);
        foreach (var (division, parent) in regions)
        {
            for (var up = parent; up is not null; up = regions[regionIndex[up]].Parent)
            {
                depth[division.Code]++;
            }
        }

        return Json(json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("bureaus");
            json.WriteStartArray("ids");
            bureaus.ForEach(b => json.WriteStringValue(b.Id));
            json.WriteEndArray();
            json.WriteStartArray("docs");
            docCounts.ForEach(json.WriteNumberValue);
            json.WriteEndArray();
            json.WriteStartArray("regions");
            bureaus.ForEach(b => json.WriteNumberValue(regionIndex[ReportOrder.RegionOf(b).Leaf.Code]));
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartArray("regions");
            foreach (var (division, parent) in regions)
            {
                json.WriteStartObject();
                json.WriteString("code", division.Code);
                if (parent is null)
                {
                    json.WriteNull("parent");
                }
                else
                {
                    json.WriteNumber("parent", regionIndex[parent]);
                }

                if (depth[division.Code] < 2)
                {
                    json.WriteString("name", division.Name);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static byte[] BureauBlockJson(List<Bureau> bureaus, int from, int to) =>
        Json(json =>
        {
            json.WriteStartArray();
            for (var i = from; i < to; i++)
            {
                json.WriteStartObject();
                json.WriteString("name", bureaus[i].Name);
                json.WriteString("url", SitePaths.Bureau(bureaus[i].Id));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });

    /// <summary>Years, then length codes: columns, so that each compresses on its own.</summary>
    private static byte[] DocsTable(DocEntry[] docs)
    {
        using var table = new MemoryStream();
        table.Write(DocsMagic);
        foreach (var doc in docs)
        {
            Varint.Write(table, doc.Report.Year);
        }

        foreach (var doc in docs)
        {
            table.WriteByte(doc.LengthCode);
        }

        return table.ToArray();
    }

    /// <summary>Published dates as days since 1970 plus one (0 = unknown), fetched only to sort by date.</summary>
    private static byte[] DatesTable(DocEntry[] docs)
    {
        using var table = new MemoryStream();
        table.Write(DatesMagic);
        foreach (var doc in docs)
        {
            Varint.Write(table, doc.Report.Published is { } published ? published.DayNumber - Epoch.DayNumber + 1 : 0);
        }

        return table.ToArray();
    }

    private static byte[] DocBlockJson(DocEntry[] docs, int from, int to) =>
        Json(json =>
        {
            json.WriteStartArray();
            for (var i = from; i < to; i++)
            {
                var report = docs[i].Report;
                json.WriteStartObject();
                json.WriteString("id", report.Id);
                json.WriteString("title", report.Title);
                json.WriteString("url", SitePaths.Report(report.Id));
                if (report.Published is { } published)
                {
                    json.WriteString("published", published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }
                else
                {
                    json.WriteNull("published");
                }

                // The bureau's name and page with each doc: a result shown needs them, and its doc block is fetched
                // anyway (the bureau blocks would be one more request per result).
                json.WriteString("bureau", docs[i].Bureau.Name);
                json.WriteString("bureauUrl", SitePaths.Bureau(docs[i].Bureau.Id));
                json.WriteNumber("firstChunk", docs[i].FirstChunk);
                json.WriteNumber("chunkCount", docs[i].ChunkCount);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });

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

    private sealed record DocEntry(Report Report, Bureau Bureau, byte LengthCode, int FirstChunk, int ChunkCount);
}
