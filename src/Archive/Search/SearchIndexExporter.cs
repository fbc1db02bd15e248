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
/// tables, gram keys with exact postings, and text files. Deterministic: the same input gives the same bytes
/// (everything sorted, no timestamps).
/// </summary>
/// <param name="inlineLimit">
/// Postings and positions longer than this go to files of their own (FORMAT.md §4.3); tests lower it to exercise
/// those files on small corpora.
/// </param>
public sealed class SearchIndexExporter(int inlineLimit = SearchIndexExporter.InlinePostingsLimit)
{
    public const string Folder = "search/";
    public const int FormatVersion = 3;
    public const int Overlap = 64;
    // A query fetches the title block of each result it shows, scattered over the archive: small blocks keep that
    // small. Under brotli at 50,000 reports: 64 docs ≈ 4 KB, 16 docs 0.67 KB, 8 docs 0.43 KB, 4 docs 0.31 KB a block;
    // 8 saves a query 2.4 KB against 16 for 9,400 more files (3,000 more for 4 would save 1.2 KB more).
    public const int DocBlock = 8;
    public const int BureauBlock = 64;
    public const int ShardTargetBytes = 8_192;
    public const int InlinePostingsLimit = 1_024;

    // An update indexes every gram of its docs (FORMAT.md §4.6), some 700 KB of key shards per report: past this many
    // reports changed or added since the base, a full export costs less than carrying the update.
    public const int MaxUpdateDocs = 64;
    // Every query term fetches a shard of the update beside the base's: an update of a few reports gets shards as much
    // smaller as it has fewer reports (one report: ~1 KB, not 8 KB, for about 1,000 files instead of ~90), so that
    // carrying an update costs a query next to nothing.
    private const int SmallestUpdateShardBytes = 1_024;
    private const int UpdateMinDf = 1;
    private const string UpdateFolder = "update/";

    private static readonly byte[] DocsMagic = "ASD2"u8.ToArray();
    private static readonly byte[] DatesMagic = "ASP2"u8.ToArray();
    private static readonly DateOnly Epoch = new(1970, 1, 1);

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    // Reports are normalized and their text files written this many at a time, so that the chunks' text is never
    // all in memory at once (at 50,000 reports it is ~1.7 GB as strings).
    private const int TextBatch = 2_048;

    /// <summary>
    /// Writes the index into the output folder (which adds the .gz and .br copies). With the base a full export left
    /// (<paramref name="last"/>) still whole in output/, and few reports changed, added or removed since, only an
    /// update for those is written beside it (FORMAT.md §4.6) and null is returned; otherwise the whole index is
    /// written, and returned is the base to keep for the next builds.
    /// </summary>
    public SearchIndexBase? Export(Corpus.Corpus corpus, OutputFolder output, SearchIndexBase? last = null, StageClock? clock = null)
    {
        clock ??= new StageClock();
        var reports = ReportOrder.Sort(corpus);
        if (last is not null && last.InlineLimit == inlineLimit && IndexDelta.Between(last, reports, corpus) is { } delta
            && delta.Indexed.Count <= MaxUpdateDocs && clock.Time("export search index › keep base", () => output.KeepAll(last.Files, last.FilesDigest)))
        {
            clock.Time("export search index › update", () => WriteUpdate(corpus, last, delta, (path, bytes) => output.Write(path, bytes)));
            return null;
        }

        return WriteFull(corpus, reports, (path, bytes) => output.Write(path, bytes), clock);
    }

    /// <summary>The index as (path under output/, bytes), ordered by path.</summary>
    public List<(string Path, byte[] Bytes)> Files(Corpus.Corpus corpus)
    {
        var files = new System.Collections.Concurrent.ConcurrentBag<(string Path, byte[] Bytes)>();
        Write(corpus, (path, bytes) => files.Add((path, bytes)));
        return [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Hands every file of the index to <paramref name="write"/> as soon as it is made, from several threads at once
    /// (compressing the .gz/.br copies is the costly part, so it runs on every core); returns the index as a base for
    /// updates.
    /// </summary>
    public SearchIndexBase Write(Corpus.Corpus corpus, Action<string, byte[]> write) => WriteFull(corpus, ReportOrder.Sort(corpus), write);

    /// <summary>
    /// The files of the update of <paramref name="last"/> that brings it to <paramref name="corpus"/> (FORMAT.md §4.6),
    /// or null when the corpus has changed too much or in ways an update cannot say (a report moved to another bureau).
    /// </summary>
    public List<(string Path, byte[] Bytes)>? UpdateFiles(Corpus.Corpus corpus, SearchIndexBase last)
    {
        if (IndexDelta.Between(last, ReportOrder.Sort(corpus), corpus) is not { } delta)
        {
            return null;
        }

        var files = new System.Collections.Concurrent.ConcurrentBag<(string Path, byte[] Bytes)>();
        WriteUpdate(corpus, last, delta, (path, bytes) => files.Add((path, bytes)));
        return [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)];
    }

    private SearchIndexBase WriteFull(Corpus.Corpus corpus, List<Report> reports, Action<string, byte[]> write, StageClock? clock = null)
    {
        clock ??= new StageClock();
        var baseFiles = new System.Collections.Concurrent.ConcurrentBag<string>();
        void Write(string path, byte[] bytes)
        {
            write(path, bytes);
            if (IsBaseFile(path))
            {
                baseFiles.Add(path);
            }
        }

        using var texts = new SpillFile();
        var docs = new DocEntry?[reports.Count];
        var chunkCount = clock.Time("export search index › texts", () => WriteText(reports, 0, corpus.BureauOf, texts, docs, [], Write));
        var (bureaus, docCounts, _) = BureausInDocOrder(docs.Select(d => d!.Bureau), reports.Count, []);
        WriteTables(docs, bureaus, docCounts, [], Write);

        var minDf = GramIndex.MinDocFrequency(reports.Count);
        using var collected = new GramPostings();
        var grams = clock.Time("export search index › grams", () => GramIndex.Build(texts, reports.Count, minDf, collected));
        var hints = HintsOf(docs);
        var shardCount = clock.Time("export search index › keys and postings", () => KeyShards.Write(grams, collected, inlineLimit, ShardTargetBytes, hints, reports.Count, Folder, Write));
        write(Folder + "manifest.json", Manifest(docs, chunkCount, minDf, shardCount, null));
        return new SearchIndexBase(
            inlineLimit,
            chunkCount,
            minDf,
            shardCount,
            [.. docs.Select(d => new BaseDoc(d!.Report.Id, d.Bureau.Id, d.Report.SourceHash, d.LengthCode, d.FirstChunk, d.ChunkBytes))],
            [.. baseFiles.Order(StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The update of FORMAT.md §4.6: the base's keys, postings, positions and texts stay as they are (the caller keeps
    /// them); written are the tables and blocks of every doc, the texts of the docs changed or added, and a gram
    /// index of those docs alone in update/, in which every gram of up to maxGram code points is a key.
    /// </summary>
    private void WriteUpdate(Corpus.Corpus corpus, SearchIndexBase last, IndexDelta delta, Action<string, byte[]> write)
    {
        var docCount = delta.Reports.Length;
        var docs = new DocEntry?[docCount];
        var voided = delta.Void.ToHashSet();
        for (var d = 0; d < last.Docs.Length; d++)
        {
            if (delta.Reports[d] is { } report && !voided.Contains(d))
            {
                var was = last.Docs[d];
                docs[d] = new DocEntry(report, corpus.BureauOf(report), was.LengthCode, was.FirstChunk, was.ChunkBytes);
            }
        }

        using var texts = new SpillFile();
        var indexed = delta.Indexed.Select(d => delta.Reports[d]!).ToList();
        var chunkCount = WriteText(indexed, last.ChunkCount, corpus.BureauOf, texts, docs, delta.Indexed, write);

        // Base bureaus keep their places (their docs are contiguous in the base); bureaus new with an added report
        // follow, and every added doc names its bureau.
        var baseBureaus = last.Docs.Select(d => corpus.FindBureau(d.BureauId)!);
        var (bureaus, docCounts, added) = BureausInDocOrder(baseBureaus, last.Docs.Length, [.. delta.Reports.Skip(last.Docs.Length).Select(r => corpus.BureauOf(r!))]);
        WriteTables(docs, bureaus, docCounts, added, write);

        using var collected = new GramPostings();
        var grams = GramIndex.Build(texts, docCount, UpdateMinDf, collected);
        var target = Math.Max(SmallestUpdateShardBytes, ShardTargetBytes * indexed.Count / MaxUpdateDocs);
        var shardCount = KeyShards.Write(grams, collected, inlineLimit, target, HintsOf(docs), docCount, Folder + UpdateFolder, write);
        var update = new UpdateManifest(last.Docs.Length, delta.Void, delta.Removed, shardCount);
        write(Folder + "manifest.json", Manifest(docs, chunkCount, last.MinDf, last.KeyShards, update));
    }

    // The files of a full export that an update keeps as they are.
    private static bool IsBaseFile(string path) =>
        path.StartsWith(Folder + "keys/", StringComparison.Ordinal) || path.StartsWith(Folder + "postings/", StringComparison.Ordinal)
        || path.StartsWith(Folder + "positions/", StringComparison.Ordinal) || path.StartsWith(Folder + "text/", StringComparison.Ordinal);

    /// <summary>
    /// Bureaus in doc order with the number of docs each owns contiguously (the base's), then the bureaus of docs added
    /// after them that are not among those; and for each added doc, the index of its bureau.
    /// </summary>
    private static (List<Bureau> Bureaus, List<int> DocCounts, List<int> Added) BureausInDocOrder(IEnumerable<Bureau> baseDocs, int baseCount, IReadOnlyList<Bureau> addedDocs)
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

    /// <summary>The catalog, the per-doc tables and the doc and bureau blocks (FORMAT.md §4.2).</summary>
    private static void WriteTables(DocEntry?[] docs, List<Bureau> bureaus, List<int> docCounts, List<int> added, Action<string, byte[]> write)
    {
        var regions = RegionsOf(bureaus.Select(ReportOrder.RegionOf));
        write(Folder + "catalog.json", Catalog(bureaus, docCounts, added, regions));
        write(Folder + "docs.bin", DocsTable(docs));
        write(Folder + "dates.bin", DatesTable(docs));
        Parallel.For(0, (docs.Length + DocBlock - 1) / DocBlock, block =>
            write($"{Folder}docs/{block:D4}.json", DocBlockJson(docs, block * DocBlock, Math.Min(docs.Length, (block + 1) * DocBlock))));
        for (var block = 0; block * BureauBlock < bureaus.Count; block++)
        {
            write($"{Folder}bureaus/{block:D4}.json", BureauBlockJson(bureaus, block * BureauBlock, Math.Min(bureaus.Count, (block + 1) * BureauBlock)));
        }
    }

    /// <summary>
    /// Normalizes <paramref name="reports"/> into <paramref name="texts"/> (their code points, record = doc number),
    /// fills in their <paramref name="docs"/>, and writes their text files, a batch of reports at a time; chunks are
    /// numbered from <paramref name="firstChunk"/>, and a report's text file by its first chunk. The docs are 0, 1, …
    /// or, given, <paramref name="docNumbers"/>. Returns the number after the last chunk.
    /// </summary>
    private static int WriteText(List<Report> reports, int firstChunk, Func<Report, Bureau> bureauOf, SpillFile texts, DocEntry?[] docs, IReadOnlyList<int> docNumbers, Action<string, byte[]> write)
    {
        int DocOf(int i) => docNumbers.Count > 0 ? docNumbers[i] : i;
        var chunkCount = firstChunk;
        for (var from = 0; from < reports.Count; from += TextBatch)
        {
            var to = Math.Min(reports.Count, from + TextBatch);
            var packs = new TextPack[to - from];
            var points = new int[to - from][];
            Parallel.For(from, to, i =>
            {
                var text = SearchableText.Of(reports[i]);
                points[i - from] = CodePoints(text.Normalized.Text);
                packs[i - from] = TextPack.Of(Chunker.Split(DocOf(i), text.Blocks, Overlap));
            });

            var first = new int[to - from];
            for (var i = from; i < to; i++)
            {
                var doc = DocOf(i);
                texts.Append(doc, points[i - from].AsSpan());
                first[i - from] = chunkCount;
                docs[doc] = new DocEntry(reports[i], bureauOf(reports[i]), LengthCode.Of(points[i - from].Length), chunkCount, packs[i - from].ChunkBytes);
                chunkCount += packs[i - from].ChunkBytes.Length;
            }

            Parallel.For(0, to - from, k => write(TextPath(first[k]), packs[k].Bytes));
        }

        return chunkCount;
    }

    /// <summary>The text file of the report whose chunks start at <paramref name="firstChunk"/> (FORMAT.md §4.4).</summary>
    public static string TextPath(int firstChunk) => $"{Folder}text/{firstChunk:D6}.bin";

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

    /// <summary>The ranking of a search for one key (FORMAT.md §3) over the docs in the archive (removed ones are not).</summary>
    private static TitleHints HintsOf(DocEntry?[] docs) =>
        new([.. docs.Select(d => d?.LengthCode ?? 0)], [.. docs.Select(d => d?.Report.Year ?? 0)], AverageLength(docs));

    // avgdl over the docs in the archive (removed ones are not).
    private static double AverageLength(DocEntry?[] docs)
    {
        var live = docs.Where(d => d is not null).ToList();
        return live.Count == 0 ? 0 : live.Sum(d => (long)LengthCode.Length(d!.LengthCode)) / (double)live.Count;
    }

    private static byte[] Manifest(DocEntry?[] docs, int chunkCount, int minDf, int keyShards, UpdateManifest? update) =>
        Json(json =>
        {
            var average = AverageLength(docs);
            json.WriteStartObject();
            json.WriteString("format", "archive-search");
            json.WriteNumber("version", FormatVersion);
            json.WriteNumber("normalization", TextNormalizer.Version);
            json.WriteNumber("docCount", docs.Length);
            json.WriteNumber("avgDocLength", average);
            json.WriteNumber("chunkCount", chunkCount);
            json.WriteNumber("overlap", Overlap);
            json.WriteNumber("maxGram", GramIndex.MaxGram);
            json.WriteNumber("minDf", minDf);
            json.WriteNumber("keyShards", keyShards);
            json.WriteNumber("docBlock", DocBlock);
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
                json.WriteNumber("minDf", UpdateMinDf);
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
    private static byte[] Catalog(List<Bureau> bureaus, List<int> docCounts, List<int> added, List<(Division Division, string? Parent)> regions)
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
            WriteFrontCoded(json, "ids", bureaus.Select(b => b.Id));
            json.WriteStartArray("docs");
            docCounts.ForEach(json.WriteNumberValue);
            json.WriteEndArray();
            WriteDifferences(json, "regions", bureaus.Select(b => regionIndex[ReportOrder.RegionOf(b).Leaf.Code]));
            if (added.Count > 0)
            {
                json.WriteStartArray("added");
                added.ForEach(json.WriteNumberValue);
                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteStartObject("regions");
            WriteFrontCoded(json, "codes", regions.Select(r => r.Division.Code));
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

    /// <summary>
    /// Strings front-coded (FORMAT.md §4.2): { "shared": [...], "rest": [...] }, each string being the first shared[i]
    /// UTF-16 units of the one before and then rest[i]. A shared prefix never ends inside a surrogate pair.
    /// </summary>
    private static void WriteFrontCoded(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        var shared = new List<int>();
        var rest = new List<string>();
        var previous = "";
        foreach (var value in values)
        {
            var common = 0;
            while (common < value.Length && common < previous.Length && value[common] == previous[common])
            {
                common++;
            }

            if (common > 0 && char.IsHighSurrogate(value[common - 1]))
            {
                common--;
            }

            shared.Add(common);
            rest.Add(value[common..]);
            previous = value;
        }

        json.WriteStartObject(name);
        json.WriteStartArray("shared");
        shared.ForEach(json.WriteNumberValue);
        json.WriteEndArray();
        json.WriteStartArray("rest");
        rest.ForEach(json.WriteStringValue);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Integers as their differences to the one before (the first to 0).</summary>
    private static void WriteDifferences(Utf8JsonWriter json, string name, IEnumerable<int> values)
    {
        json.WriteStartArray(name);
        var previous = 0;
        foreach (var value in values)
        {
            json.WriteNumberValue(value - previous);
            previous = value;
        }

        json.WriteEndArray();
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
    private static byte[] DocsTable(DocEntry?[] docs)
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
    private static byte[] DatesTable(DocEntry?[] docs)
    {
        using var table = new MemoryStream();
        table.Write(DatesMagic);
        foreach (var doc in docs)
        {
            Varint.Write(table, doc?.Report.Published is { } published ? published.DayNumber - Epoch.DayNumber + 1 : 0);
        }

        return table.ToArray();
    }

    private static byte[] DocBlockJson(DocEntry?[] docs, int from, int to) =>
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
                // Where its text is (FORMAT.md §4.4): the file of its first chunk, and each chunk's length in it.
                json.WriteNumber("firstChunk", docs[i]!.FirstChunk);
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

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            write(json);
        }

        return buffer.ToArray();
    }

    private sealed record DocEntry(Report Report, Bureau Bureau, byte LengthCode, int FirstChunk, int[] ChunkBytes);

    private sealed record UpdateManifest(int BaseDocCount, List<int> Void, List<int> Removed, int KeyShards);
}
