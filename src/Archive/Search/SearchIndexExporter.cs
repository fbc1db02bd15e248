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
        var regions = RegionsOf(reports.Select(r => ReportOrder.RegionOf(corpus.BureauOf(r))));

        var texts = new int[reports.Count][];
        var docs = new DocEntry[reports.Count];
        var chunkLists = new List<TextChunk>[reports.Count];
        Parallel.For(0, reports.Count, doc =>
        {
            var text = SearchableText.Of(reports[doc]);
            texts[doc] = CodePoints(text.Normalized.Text);
            chunkLists[doc] = Chunker.Split(doc, text.Blocks, Overlap);
        });

        var chunks = new List<TextChunk>();
        long totalLength = 0;
        for (var doc = 0; doc < reports.Count; doc++)
        {
            var code = LengthCode.Of(texts[doc].Length);
            docs[doc] = new DocEntry(reports[doc], code, chunks.Count, chunkLists[doc].Count);
            chunks.AddRange(chunkLists[doc]);
            totalLength += LengthCode.Length(code);
        }

        var minDf = GramIndex.MinDocFrequency(reports.Count);
        var grams = GramIndex.Build(texts, minDf);
        var (postings, positions) = GramPostings.Build(grams, texts);
        var average = reports.Count == 0 ? 0 : (double)totalLength / reports.Count;

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

        var files = new List<(string, byte[])>
        {
            (Folder + "catalog.json", Catalog(bureaus, docCounts, regions)),
            (Folder + "docs.bin", DocsTable(docs)),
            (Folder + "dates.bin", DatesTable(docs)),
        };
        for (var block = 0; block * DocBlock < docs.Length; block++)
        {
            files.Add(($"{Folder}docs/{block:D4}.json", DocBlockJson(docs, block * DocBlock, Math.Min(docs.Length, (block + 1) * DocBlock))));
        }

        for (var block = 0; block * BureauBlock < bureaus.Count; block++)
        {
            files.Add(($"{Folder}bureaus/{block:D4}.json", BureauBlockJson(bureaus, block * BureauBlock, Math.Min(bureaus.Count, (block + 1) * BureauBlock))));
        }

        for (var pack = 0; pack * PackChunks < chunks.Count; pack++)
        {
            files.Add(($"{Folder}text/{pack:D6}.json", Pack(chunks, pack * PackChunks, Math.Min(chunks.Count, (pack + 1) * PackChunks))));
        }

        var shards = KeyShards.Write(grams, postings, positions, inlineLimit, Folder);
        files.AddRange(shards.Files);
        files.Insert(0, (Folder + "manifest.json", Manifest(reports.Count, chunks.Count, average, minDf, shards.Count)));
        return files;
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

    private sealed record DocEntry(Report Report, byte LengthCode, int FirstChunk, int ChunkCount);
}
