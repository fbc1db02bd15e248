using Archive.Core;
using Archive.Search.StaticIndex;

namespace Archive.Incremental;

/// <summary>
/// Whether a build writes the static search index whole or adds an update to the base the last full export left
/// (FORMAT.md §4.6): an update when that base is still whole in output/ and few reports changed, were added or were
/// removed since; the whole index otherwise.
/// </summary>
public static class IndexExport
{
    /// <summary>Writes the index into <paramref name="output"/>; returns the new base to keep, or null when an update was written.</summary>
    public static SearchIndexBase? Write(SearchIndexExporter exporter, Corpus.Corpus corpus, ReusingOutput output, SearchIndexBase? last, StageClock clock)
    {
        if (last is not null && exporter.UpdateFrom(last, corpus) is { } delta
            && clock.Time("export search index › keep base", () => output.KeepAll(last.Files, last.FilesDigest)))
        {
            clock.Time("export search index › update", () => exporter.WriteUpdate(corpus, last, delta, (path, bytes) => output.Write(path, bytes)));
            return null;
        }

        return exporter.Write(corpus, (path, bytes) => output.Write(path, bytes), clock);
    }
}
