using System.Collections.Concurrent;
using Archive.Core;
using Archive.Corpus;
using Archive.Search.Contract;
using Archive.Search.StaticIndex;

namespace Archive.Incremental;

/// <summary>
/// Whether a build writes the static search index whole or adds an update to the base the last full export left
/// (FORMAT.md §4.6): an update when that base is still whole in output/ and few reports changed, were added or were
/// removed since; the whole index otherwise. The texts of the reports it indexes can be handed in by a caller that
/// read them for something else too (<see cref="Prepare"/>, <see cref="Append"/>), or read by <see cref="Write"/>.
/// </summary>
public sealed class IndexExport : IDisposable
{
    private readonly SearchIndexExporter _exporter;
    private readonly Corpus.Corpus _corpus;
    private readonly ReusingOutput _output;
    private readonly SearchIndexBase? _last;
    private readonly IndexDelta? _delta;
    private readonly FullExport? _full;
    // An update's texts (at most SearchIndexExporter.MaxUpdateDocs), kept until it is written in its own doc order.
    private readonly ConcurrentDictionary<Report, SearchableText> _updateTexts = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Report> _updated = new(ReferenceEqualityComparer.Instance);

    private IndexExport(SearchIndexExporter exporter, Corpus.Corpus corpus, ReusingOutput output, SearchIndexBase? last, IndexDelta? delta)
    {
        (_exporter, _corpus, _output, _last, _delta) = (exporter, corpus, output, last, delta);
        if (delta is null)
        {
            _full = exporter.BeginFull(corpus, Write);
        }
        else
        {
            _updated.UnionWith(delta.Indexed.Select(d => delta.Reports[d]!));
        }
    }

    /// <summary>Decides between an update and a full export; an update keeps the base's files in output/ at once.</summary>
    public static IndexExport Begin(SearchIndexExporter exporter, Corpus.Corpus corpus, ReusingOutput output, SearchIndexBase? last, StageClock clock)
    {
        var delta = last is not null && exporter.UpdateFrom(last, corpus) is { } found
            && clock.Time("export search index › keep base", () => output.KeepAll(last.Files, last.FilesDigest))
            ? found
            : null;
        return new IndexExport(exporter, corpus, output, last, delta);
    }

    /// <summary>Writes the index with texts read here, one batch at a time; returns the new base, or null for an update.</summary>
    public static SearchIndexBase? Write(SearchIndexExporter exporter, Corpus.Corpus corpus, ReusingOutput output, SearchIndexBase? last, StageClock clock)
    {
        using var export = Begin(exporter, corpus, output, last, clock);
        clock.Time("export search index › texts", () =>
        {
            // A full export takes every report's text, in doc order; an update only those it indexes.
            var order = export._full?.Reports ?? [.. export._updated];
            for (var from = 0; from < order.Count; from += SearchIndexExporter.TextBatch)
            {
                var batch = order.Skip(from).Take(SearchIndexExporter.TextBatch).ToList();
                var prepared = new PreparedText?[batch.Count];
                Parallel.For(0, batch.Count, i => prepared[i] = export.Wants(batch[i]) ? export.Prepare(batch[i], SearchableText.Of(batch[i])) : null);
                export.Append(batch, prepared);
            }
        });

        return export.Finish(clock);
    }

    /// <summary>True when the export indexes this report's text (a full export: every report's).</summary>
    public bool Wants(Report report) => _full is not null || _updated.Contains(report);

    /// <summary>
    /// Takes the text of a report it wants, on any thread: for a full export, what it becomes in the index (to be
    /// appended in order, <see cref="Append"/>); an update keeps the text until it is written (null).
    /// </summary>
    public PreparedText? Prepare(Report report, SearchableText text)
    {
        if (_full is not null)
        {
            return _full.Prepare(report, text);
        }

        _updateTexts[report] = text;
        return null;
    }

    /// <summary>Appends the next reports in doc order with what <see cref="Prepare"/> made of their texts (a full export's).</summary>
    public void Append(IReadOnlyList<Report> batch, PreparedText?[] prepared) => _full?.Append(batch.Count, [.. prepared.Select(p => p!)]);

    /// <summary>Writes the rest of the index: the new base when it was a full export, null for an update.</summary>
    public SearchIndexBase? Finish(StageClock clock)
    {
        if (_full is not null)
        {
            return _full.Finish(clock);
        }

        clock.Time("export search index › update", () => _exporter.WriteUpdate(_corpus, _last!, _delta!, Write, report => _updateTexts[report]));
        return null;
    }

    public void Dispose() => _full?.Dispose();

    private void Write(string path, byte[] bytes) => _output.Write(path, bytes);
}
