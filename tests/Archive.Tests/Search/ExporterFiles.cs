using System.Collections.Concurrent;
using Archive.Core;
using Archive.Incremental;
using Archive.Search.Contract;
using Archive.Search.StaticIndex;

namespace Archive.Tests.Search;

/// <summary>The static index as lists of files, for tests that read it back without an output folder.</summary>
internal static class ExporterFiles
{
    /// <summary>The index as (path under output/, bytes), ordered by path.</summary>
    public static List<(string Path, byte[] Bytes)> Files(this SearchIndexExporter exporter, Archive.Corpus.Corpus corpus)
    {
        var files = new ConcurrentBag<(string Path, byte[] Bytes)>();
        exporter.Write(corpus, (path, bytes) => files.Add((path, bytes)));
        return [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The files of the update of <paramref name="last"/> that brings it to <paramref name="corpus"/> (FORMAT.md §4.6),
    /// or null when the corpus has changed in ways an update cannot say (a report moved to another bureau).
    /// </summary>
    public static List<(string Path, byte[] Bytes)>? UpdateFiles(this SearchIndexExporter exporter, Archive.Corpus.Corpus corpus, SearchIndexBase last)
    {
        if (IndexDelta.Between(last, ReportOrder.Sort(corpus), corpus) is not { } delta)
        {
            return null;
        }

        var files = new ConcurrentBag<(string Path, byte[] Bytes)>();
        exporter.WriteUpdate(corpus, last, delta, (path, bytes) => files.Add((path, bytes)));
        return [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)];
    }

    /// <summary>Writes the index into an output folder as a build does (whole, or as an update of <paramref name="last"/>).</summary>
    public static SearchIndexBase? Export(this SearchIndexExporter exporter, Archive.Corpus.Corpus corpus, ReusingOutput output, SearchIndexBase? last = null) =>
        IndexExport.Write(exporter, corpus, output, last, new StageClock());
}
