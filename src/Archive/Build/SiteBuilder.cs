using System.Diagnostics;
using Archive.Corpus;
using Archive.Regions;
using Archive.Search;
using Archive.Site;

namespace Archive.Build;

/// <summary>What a build did, for the one-line summary.</summary>
public sealed record BuildSummary(int Reports, int Bureaus, int Files, long Bytes, TimeSpan Elapsed, string Output);

/// <summary>Where a build reads and writes; with a cache folder, the build also writes the Lucene index `archive search` uses.</summary>
public sealed record BuildPaths(string Input, string Theme, string Output, string? Cache = null);

/// <summary>The pipeline: read input/ → validate → render the site → replace output/ as a whole.</summary>
public sealed class SiteBuilder
{
    public BuildSummary Build(BuildPaths paths, Action<string>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var corpus = new CorpusReader().ReadValid(paths.Input);
        var theme = Theme.Load(paths.Theme);
        var model = new SiteModel(corpus, DivisionTable.Default);
        using var output = new OutputFolder(paths.Output);
        new SiteGenerator(theme).Generate(model, output, progress);
        if (paths.Cache is { } cache)
        {
            progress?.Invoke(SearchIndexBuilder.IndexFolder(cache));
            new SearchIndexBuilder().Build(corpus, cache);
        }

        output.Commit();
        return new BuildSummary(corpus.Reports.Count, model.BureausWithReports.Count(), output.FileCount, output.ByteCount, clock.Elapsed, paths.Output);
    }
}
