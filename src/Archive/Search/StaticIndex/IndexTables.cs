using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Archive.Core;
using Archive.Corpus;
using Archive.Regions;
using Archive.Search.Contract;

namespace Archive.Search.StaticIndex;

/// <summary>
/// The tables of the static index (FORMAT.md §4.1–4.2): the manifest, the catalog of bureaus and regions, the per-doc
/// tables of lengths and dates, and the doc and bureau blocks. Written the same way by a full export and an update.
/// </summary>
internal static class IndexTables
{
    private const string Folder = SearchIndexExporter.Folder;
    private const int DocBlock = SearchIndexExporter.DocBlock;
    private const int BureauBlock = SearchIndexExporter.BureauBlock;

    internal static readonly byte[] DocsMagic = "ASD2"u8.ToArray();

    internal static readonly byte[] BlocksMagic = "ASB4"u8.ToArray();

    internal static readonly byte[] DatesMagic = "ASP2"u8.ToArray();

    internal static readonly DateOnly Epoch = new(1970, 1, 1);

    internal static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>
    /// Bureaus in doc order with the number of docs each owns contiguously (the base's), then the bureaus of docs added
    /// after them that are not among those; and for each added doc, the index of its bureau.
    /// </summary>
    internal static (List<Bureau> Bureaus, List<int> DocCounts, List<int> Added) BureausInDocOrder(IEnumerable<Bureau> baseDocs, int baseCount, IReadOnlyList<Bureau> addedDocs)
    {
        var bureaus = new List<Bureau>();
        var docCounts = new List<int>();
        foreach (var bureau in baseDocs.Take(baseCount))
        {
            if (bureaus.Count == 0 || bureaus[^1].Id != bureau.Id)
            {
                bureaus.Add(bureau);
                docCounts.Add(0);
            }

            docCounts[^1]++;
        }

        var index = bureaus.Select((b, i) => (b.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var added = new List<int>();
        foreach (var bureau in addedDocs)
        {
            if (!index.TryGetValue(bureau.Id, out var i))
            {
                index[bureau.Id] = i = bureaus.Count;
                bureaus.Add(bureau);
                docCounts.Add(0);
            }

            added.Add(i);
        }

        return (bureaus, docCounts, added);
    }

    /// <summary>The catalog, the per-doc tables and the doc and bureau blocks (FORMAT.md §4.2); returns the doc blocks' slot size.</summary>
    internal static int WriteTables(DocEntry?[] docs, List<Bureau> bureaus, List<int> docCounts, List<int> added, IndexLayout layout, Action<string, byte[]> write)
    {
        var regions = RegionsOf(bureaus.Select(ReportOrder.RegionOf));
        write(Folder + "catalog.json", Catalog(bureaus, docCounts, added, regions));
        write(Folder + "docs.bin", DocsTable(docs));
        write(Folder + "dates.bin", DatesTable(docs));
        for (var block = 0; block * BureauBlock < bureaus.Count; block++)
        {
            write($"{Folder}bureaus/{block:D4}.json", BureauBlockJson(bureaus, block * BureauBlock, Math.Min(bureaus.Count, (block + 1) * BureauBlock)));
        }

        // Blocks are fetched as ranges, which no server compresses: each is deflated on its own.
        var blocks = new byte[(docs.Length + DocBlock - 1) / DocBlock][];
        Parallel.For(0, blocks.Length, block => blocks[block] = Deflated(DocBlockJson(docs, block * DocBlock, Math.Min(docs.Length, (block + 1) * DocBlock))));
        return SlottedPacks.Write(Folder + "docs/", BlocksMagic, blocks, layout.BlocksPerPack, write);
    }

    /// <summary>The regions of all paths, sorted by code, each with the index of the region above it in its path.</summary>
    internal static List<(Division Division, string? Parent)> RegionsOf(IEnumerable<RegionPath> paths)
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

    // avgdl over the docs in the archive (removed ones are not).
    internal static double AverageLength(DocEntry?[] docs)
    {
        var live = docs.Where(d => d is not null).ToList();
        return live.Count == 0 ? 0 : live.Sum(d => (long)LengthCode.Length(d!.LengthCode)) / (double)live.Count;
    }

    internal static byte[] Manifest(DocEntry?[] docs, int chunkCount, int minDf, int keyShards, IndexLayout layout, int blockBytes, UpdateManifest? update) =>
        Json(json =>
        {
            var average = AverageLength(docs);
            json.WriteStartObject();
            json.WriteString("format", "archive-search");
            json.WriteNumber("version", SearchIndexExporter.FormatVersion);
            json.WriteNumber("normalization", TextNormalizer.Version);
            json.WriteNumber("docCount", docs.Length);
            json.WriteNumber("avgDocLength", average);
            json.WriteNumber("chunkCount", chunkCount);
            json.WriteNumber("overlap", SearchIndexExporter.Overlap);
            json.WriteNumber("maxGram", GramIndex.MaxGram);
            json.WriteNumber("minDf", minDf);
            json.WriteNumber("keyShards", keyShards);
            json.WriteNumber("shardsPerPack", layout.ShardsPerPack);
            json.WriteNumber("docBlock", DocBlock);
            json.WriteNumber("blocksPerPack", layout.BlocksPerPack);
            json.WriteNumber("blockBytes", blockBytes);
            json.WriteNumber("bureauBlock", BureauBlock);
            if (update is not null)
            {
                json.WriteStartObject("update");
                json.WriteNumber("baseDocCount", update.BaseDocCount);
                json.WriteStartArray("void");
                update.Void.ForEach(json.WriteNumberValue);
                json.WriteEndArray();
                json.WriteStartArray("removed");
                update.Removed.ForEach(json.WriteNumberValue);
                json.WriteEndArray();
                json.WriteNumber("keyShards", update.KeyShards);
                json.WriteNumber("shardsPerPack", layout.ShardsPerPack);
                json.WriteNumber("minDf", SearchIndexExporter.UpdateMinDf);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        });

    /// <summary>
    /// What every query needs of bureaus and regions, and no more (FORMAT.md §4.2): bureau ids, their doc counts in
    /// doc order and their regions; region codes and parents, with names only for provinces and cities (the region
    /// filter's levels). Names and links of bureaus are in blocks, fetched for the results shown. Ids and codes are
    /// front-coded and indexes written as differences: every query's first fetch, 19.4 KB under brotli at 50,000
    /// reports as plain arrays of objects, is 12.5 KB so.
    /// </summary>
    internal static byte[] Catalog(List<Bureau> bureaus, List<int> docCounts, List<int> added, List<(Division Division, string? Parent)> regions)
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
            CompactJson.WriteFrontCoded(json, "ids", bureaus.Select(b => b.Id));
            json.WriteStartArray("docs");
            docCounts.ForEach(json.WriteNumberValue);
            json.WriteEndArray();
            CompactJson.WriteDifferences(json, "regions", bureaus.Select(b => regionIndex[ReportOrder.RegionOf(b).Leaf.Code]));
            // The kind of department of each bureau (人力资源和社会保障, 司法 …), for the search page's department
            // filter: the kinds in ordinal order, then each bureau's index among them.
            var kinds = bureaus.Select(b => b.Kind).Distinct().Order(StringComparer.Ordinal).ToList();
            json.WriteStartArray("kindNames");
            kinds.ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteStartArray("kinds");
            foreach (var bureau in bureaus)
            {
                json.WriteNumberValue(kinds.BinarySearch(bureau.Kind, StringComparer.Ordinal));
            }

            json.WriteEndArray();
            if (added.Count > 0)
            {
                json.WriteStartArray("added");
                added.ForEach(json.WriteNumberValue);
                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteStartObject("regions");
            CompactJson.WriteFrontCoded(json, "codes", regions.Select(r => r.Division.Code));
            // 0: no parent; else the region's index minus its parent's.
            json.WriteStartArray("parents");
            for (var i = 0; i < regions.Count; i++)
            {
                json.WriteNumberValue(regions[i].Parent is { } parent ? i - regionIndex[parent] : 0);
            }

            json.WriteEndArray();
            json.WriteStartArray("names");
            foreach (var (division, _) in regions)
            {
                if (depth[division.Code] < 2)
                {
                    json.WriteStringValue(division.Name);
                }
                else
                {
                    json.WriteNumberValue(0);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    internal static byte[] BureauBlockJson(List<Bureau> bureaus, int from, int to) =>
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
    internal static byte[] DocsTable(DocEntry?[] docs)
    {
        using var table = new MemoryStream();
        table.Write(DocsMagic);
        foreach (var doc in docs)
        {
            Varint.Write(table, doc?.Report.Year ?? 0);
        }

        foreach (var doc in docs)
        {
            table.WriteByte(doc?.LengthCode ?? 0);
        }

        return table.ToArray();
    }

    /// <summary>Published dates as days since 1970 plus one (0 = unknown), fetched only to sort by date.</summary>
    internal static byte[] DatesTable(DocEntry?[] docs)
    {
        using var table = new MemoryStream();
        table.Write(DatesMagic);
        foreach (var doc in docs)
        {
            Varint.Write(table, doc?.Report.Published is { } published ? published.DayNumber - Epoch.DayNumber + 1 : 0);
        }

        return table.ToArray();
    }

    internal static byte[] DocBlockJson(DocEntry?[] docs, int from, int to) =>
        Json(json =>
        {
            json.WriteStartArray();
            for (var i = from; i < to; i++)
            {
                // A doc removed since the base keeps its number and matches nothing (FORMAT.md §4.6).
                if (docs[i] is null)
                {
                    json.WriteNullValue();
                    continue;
                }

                var report = docs[i]!.Report;
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
                json.WriteString("bureau", docs[i]!.Bureau.Name);
                json.WriteString("bureauUrl", SitePaths.Bureau(docs[i]!.Bureau.Id));
                // Where its text is (FORMAT.md §4.4): the number of its first chunk, its pack and offset, and each
                // chunk's length there.
                json.WriteNumber("firstChunk", docs[i]!.FirstChunk);
                json.WriteStartArray("text");
                json.WriteNumberValue(docs[i]!.TextPack);
                json.WriteNumberValue(docs[i]!.TextOffset);
                json.WriteEndArray();
                json.WriteStartArray("chunks");
                foreach (var length in docs[i]!.ChunkBytes)
                {
                    json.WriteNumberValue(length);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });

    private static byte[] Deflated(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new System.IO.Compression.DeflateStream(buffer, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(bytes);
        }

        return buffer.ToArray();
    }

    internal static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            write(json);
        }

        return buffer.ToArray();
    }
}
