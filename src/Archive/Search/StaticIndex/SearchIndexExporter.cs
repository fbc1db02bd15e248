using Archive.Core;
using Archive.Corpus;
using Archive.Search.Contract;

namespace Archive.Search.StaticIndex;

/// <summary>
/// Writes the static search index the browser reads (output/search/, FORMAT.md §4): manifest, catalog, document
/// tables, gram keys with exact postings, and texts, in packs. Deterministic: the same input gives the same bytes
/// (everything sorted, no timestamps).
/// </summary>
/// <param name="layout">Inline limit and pack sizes (default: <see cref="IndexLayout.Default"/>); tests make them tiny.</param>
public sealed class SearchIndexExporter(IndexLayout? layout = null)
{
    public IndexLayout Layout { get; } = layout ?? IndexLayout.Default;

    public const string Folder = "search/";
    public const int FormatVersion = 4;
    public const string TextFolder = "text/";
    public const int Overlap = 64;
    // A query fetches the title block of each result it shows, scattered over the archive: small blocks keep that
    // small. At 50,000 reports a block of 8 docs is 477–689 bytes deflated (brotli gave 4 KB for 64 docs, 0.67 KB
    // for 16, 0.31 KB for 4 when each block was a file); packed in slots, their number costs no files.
    public const int DocBlock = 8;
    public const int BureauBlock = 64;
    // Shards are fetched as ranges, which no server compresses: 2 KB raw is less on the wire than the 8 KB files
    // (4.7 KB under brotli) of format version 3, and more shards cost nothing but 4 bytes each in the packs' tables.
    public const int ShardTargetBytes = 2_048;

    // An update indexes every gram of its docs (FORMAT.md §4.6), some 700 KB of key shards per report: past this many
    // reports changed or added since the base, a full export costs less than carrying the update.
    public const int MaxUpdateDocs = 64;
    // Every query term fetches a shard of the update beside the base's: an update of a few reports gets shards as much
    // smaller as it has fewer reports (one report: 512 bytes, not 2 KB), so that carrying an update costs a query next
    // to nothing.
    private const int SmallestUpdateShardBytes = 512;
    internal const int UpdateMinDf = 1;
    private const string UpdateFolder = "update/";

    // Reports are normalized and their texts packed this many at a time, so that the chunks' text is never
    // all in memory at once (at 50,000 reports it is ~1.7 GB as strings).
    private const int TextBatch = 2_048;

    /// <summary>
    /// Hands every file of the index to <paramref name="write"/> as soon as it is made, from several threads at once
    /// (compressing the .gz/.br copies is the costly part, so it runs on every core); returns the index as a base for
    /// updates (FORMAT.md §4.6).
    /// </summary>
    public SearchIndexBase Write(Corpus.Corpus corpus, Action<string, byte[]> write, StageClock? clock = null)
    {
        clock ??= new StageClock();
        using var export = new FullExport(this, corpus, ReportOrder.Sort(corpus), write);
        clock.Time("export search index › texts", () =>
        {
            while (export.Added < export.Reports.Count)
            {
                export.AddTexts(Math.Min(TextBatch, export.Reports.Count - export.Added), SearchableText.Of);
            }
        });
        return export.Finish(clock);
    }

    /// <summary>
    /// What an update of <paramref name="last"/> would index to bring it to <paramref name="corpus"/>, when an update
    /// can say the change (no report moved to another bureau, the base laid out as this exporter lays out) and it is
    /// small enough to carry (at most <see cref="MaxUpdateDocs"/> reports); null when only a full export will do.
    /// </summary>
    public IndexDelta? UpdateFrom(SearchIndexBase last, Corpus.Corpus corpus) =>
        last.Layout == Layout && IndexDelta.Between(last, ReportOrder.Sort(corpus), corpus) is { } delta && delta.Indexed.Count <= MaxUpdateDocs
            ? delta
            : null;

    /// <summary>
    /// The update of FORMAT.md §4.6: the base's key, postings and text packs stay as they are (the caller keeps them);
    /// written are the tables and blocks of every doc, the texts of the docs changed or added (in packs after the
    /// base's), and a gram index of those docs alone in update/, in which every gram of up to maxGram code points is a key.
    /// </summary>
    public void WriteUpdate(Corpus.Corpus corpus, SearchIndexBase last, IndexDelta delta, Action<string, byte[]> write)
    {
        var docCount = delta.Reports.Length;
        var docs = new DocEntry?[docCount];
        var voided = delta.Void.ToHashSet();
        for (var d = 0; d < last.Docs.Length; d++)
        {
            if (delta.Reports[d] is { } report && !voided.Contains(d))
            {
                var was = last.Docs[d];
                docs[d] = new DocEntry(report, corpus.BureauOf(report), was.LengthCode, was.FirstChunk, was.TextPack, was.TextOffset, was.ChunkBytes);
            }
        }

        using var texts = new SpillFile();
        var indexed = delta.Indexed.Select(d => delta.Reports[d]!).ToList();
        var stage = new TextStage(texts, docs, corpus.BureauOf, Layout.PackBytes, write, last.ChunkCount, last.TextPacks);
        stage.Add(delta.Indexed, indexed, SearchableText.Of);
        stage.Finish();
        var chunkCount = stage.ChunkCount;

        // Base bureaus keep their places (their docs are contiguous in the base); bureaus new with an added report
        // follow, and every added doc names its bureau.
        var baseBureaus = last.Docs.Select(d => corpus.FindBureau(d.BureauId)!);
        var (bureaus, docCounts, added) = IndexTables.BureausInDocOrder(baseBureaus, last.Docs.Length, [.. delta.Reports.Skip(last.Docs.Length).Select(r => corpus.BureauOf(r!))]);
        var blockBytes = IndexTables.WriteTables(docs, bureaus, docCounts, added, Layout, write);
        if (delta.Indexed.Count == 0 && delta.Void.Count == 0)
        {
            // No text changed (only metadata, or nothing): the base answers every query as it is, and the manifest is
            // the one a full export writes, so the site is byte for byte what a build from scratch makes.
            write(Folder + "manifest.json", IndexTables.Manifest(docs, chunkCount, last.MinDf, last.KeyShards, Layout, blockBytes, null));
            return;
        }

        using var collected = new GramPostings();
        var grams = GramIndex.Build(texts, docCount, UpdateMinDf, collected);
        var target = Math.Max(SmallestUpdateShardBytes, ShardTargetBytes * indexed.Count / MaxUpdateDocs);
        var shardCount = KeyShards.Write(grams, collected, Layout, target, HintsOf(docs), docCount, Folder + UpdateFolder, write);
        var update = new UpdateManifest(last.Docs.Length, delta.Void, delta.Removed, shardCount);
        write(Folder + "manifest.json", IndexTables.Manifest(docs, chunkCount, last.MinDf, last.KeyShards, Layout, blockBytes, update));
    }

    // The files of a full export that an update keeps as they are.
    internal static bool IsBaseFile(string path) =>
        path.StartsWith(Folder + "keys/", StringComparison.Ordinal) || path.StartsWith(Folder + "postings/", StringComparison.Ordinal)
        || path.StartsWith(Folder + TextFolder, StringComparison.Ordinal);

    /// <summary>The ranking of a search for one key (FORMAT.md §3) over the docs in the archive (removed ones are not).</summary>
    internal static TitleHints HintsOf(DocEntry?[] docs) =>
        new([.. docs.Select(d => d?.LengthCode ?? 0)], [.. docs.Select(d => d?.Report.Year ?? 0)], IndexTables.AverageLength(docs));
}
