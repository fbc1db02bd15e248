using Archive.Core;
using Archive.Corpus;
using Archive.Search.Contract;

namespace Archive.Search.StaticIndex;

/// <summary>
/// A full export of the static index in progress: the texts of <see cref="Reports"/> come in doc order, a batch at a
/// time; <see cref="Finish"/> then writes the tables, the gram keys with their postings, and the manifest, and returns
/// the base for later updates.
/// </summary>
internal sealed class FullExport : IDisposable
{
    private readonly SearchIndexExporter _exporter;
    private readonly Action<string, byte[]> _write;
    private readonly System.Collections.Concurrent.ConcurrentBag<string> _baseFiles = [];
    private readonly SpillFile _texts = new();
    private readonly DocEntry?[] _docs;
    private readonly TextStage _stage;

    internal FullExport(SearchIndexExporter exporter, Corpus.Corpus corpus, List<Report> reports, Action<string, byte[]> write)
    {
        _exporter = exporter;
        _write = write;
        Reports = reports;
        _docs = new DocEntry?[reports.Count];

        _stage = new TextStage(_texts, _docs, corpus.BureauOf, exporter.Layout.PackBytes, Write, 0, 0);
    }

    /// <summary>The reports in doc order (<see cref="ReportOrder"/>).</summary>
    public IReadOnlyList<Report> Reports { get; }

    /// <summary>Adds the texts of the next <paramref name="count"/> reports in doc order.</summary>
    public void AddTexts(int count, Func<Report, SearchableText> textOf)
    {
        _stage.Add(Enumerable.Range(Added, count).ToList(), Reports.Skip(Added).Take(count).ToList(), textOf);
        Added += count;
    }

    /// <summary>How many docs have their texts.</summary>
    public int Added { get; private set; }

    /// <summary>Writes what follows from the texts: tables, gram keys, postings and manifest.</summary>
    public SearchIndexBase Finish(StageClock clock)
    {
        if (Added != Reports.Count)
        {
            throw new InvalidOperationException($"{Reports.Count - Added} docs have no text yet");
        }

        var textPacks = _stage.Finish();
        var (bureaus, docCounts, _) = IndexTables.BureausInDocOrder(_docs.Select(d => d!.Bureau), Reports.Count, []);
        var blockBytes = IndexTables.WriteTables(_docs, bureaus, docCounts, [], _exporter.Layout, Write);

        var minDf = _exporter.Layout.MinDfFor(Reports.Count);
        using var collected = new GramPostings();
        var grams = clock.Time("export search index › grams", () => GramIndex.Build(_texts, Reports.Count, minDf, collected));
        var hints = SearchIndexExporter.HintsOf(_docs);
        var shardCount = clock.Time("export search index › keys and postings", () =>
            KeyShards.Write(grams, collected, _exporter.Layout, SearchIndexExporter.ShardTargetBytes, hints, Reports.Count, SearchIndexExporter.Folder, Write));
        _write(SearchIndexExporter.Folder + "manifest.json", IndexTables.Manifest(_docs, _stage.ChunkCount, minDf, shardCount, _exporter.Layout, blockBytes, null));
        return new SearchIndexBase(
            _exporter.Layout,
            _stage.ChunkCount,
            textPacks,
            minDf,
            shardCount,
            [.. _docs.Select(d => new BaseDoc(d!.Report.Id, d.Bureau.Id, d.Report.SourceHash, d.LengthCode, d.FirstChunk, d.TextPack, d.TextOffset, d.ChunkBytes))],
            [.. _baseFiles.Order(StringComparer.Ordinal)]);
    }

    public void Dispose() => _texts.Dispose();

    private void Write(string path, byte[] bytes)
    {
        _write(path, bytes);
        if (SearchIndexExporter.IsBaseFile(path))
        {
            _baseFiles.Add(path);
        }
    }
}
