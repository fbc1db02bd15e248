using Archive.Core;
using Archive.Corpus;
using Archive.Incremental;
using Archive.Output;
using Archive.Reading.KeyTerms;
using Archive.Reading.SharedText;
using Archive.Regions;
using Archive.Search.Lucene;
using Archive.Search.StaticIndex;
using Archive.Site;

namespace Archive.Build;

/// <summary>What a build did, for the one-line summary, with the time each stage took.</summary>
public sealed record BuildSummary(int Reports, int Bureaus, int Files, long Bytes, TimeSpan Elapsed, string Output, IReadOnlyList<(string Stage, TimeSpan Time, TimeSpan Ended)> Stages, int ReusedFiles = 0)
{
    /// <summary>True when nothing had changed since the last build, so nothing was done.</summary>
    public bool UpToDate { get; init; }

    /// <summary>What the build first finished or cleared of an earlier build that was killed, one sentence each.</summary>
    public IReadOnlyList<string> Recovered { get; init; } = [];
}

/// <summary>
/// Where a build reads and writes. With a cache folder, the build keeps a manifest of output/, so that an unchanged
/// file is linked, not written again, and keeps the Lucene index of `archive search` current (updated, not rebuilt)
/// once that command has created it.
/// </summary>
/// <param name="Precompress">Which compressed copies to write, overriding site.yml's precompress; null: as site.yml says.</param>
public sealed record BuildPaths(string Input, string Theme, string Output, string? Cache = null, Precompress? Precompress = null);

/// <summary>The pipeline: read input/ → validate → render the site → replace output/ as a whole.</summary>
public sealed class SiteBuilder
{
    public BuildSummary Build(BuildPaths paths, Action<string>? progress = null)
    {
        var clock = new StageClock();
        // input/ listed once, for the check and for the read that follows it.
        var listing = paths.Cache is null ? null : clock.Time("check for changes", () => InputListing.Of(paths.Input));
        var sources = listing is null ? null : clock.Time("check for changes › theme", () => BuildStamp.Of(listing, paths.Theme, paths.Precompress is { } option ? $"--precompress {option.Name()}" : ""));
        if (paths.Cache is { } cached && sources is not null && UpToDate(paths, cached, sources) is { } last)
        {
            return new BuildSummary(last.Reports, last.Bureaus, last.Files, last.Bytes, clock.Elapsed, paths.Output, clock.Stages, last.Files) { UpToDate = true };
        }

        // The searches across reports start from their caches and SmartCn's dictionary (at 50,000 reports ~1 s of one
        // core in all): these load while the input is read, which waits on the disk much of the time.
        var sharedTextCache = SharedTextSearch.OpenCache(paths.Cache is { } sharedCache ? SharedTextSearch.PathFor(sharedCache, paths.Input) : null, clock);
        var keyTermsCache = KeyTermsSearch.OpenCache(paths.Cache is { } termsCache ? KeyTermsSearch.PathFor(termsCache, paths.Input) : null, clock);
        // The static index a full export made, to which a rebuild adds an update instead of making it again.
        var basePath = paths.Cache is { } baseCache ? IndexBaseFile.PathFor(baseCache, paths.Output) : null;
        Corpus.Corpus? read = null;
        Theme? theme = null;
        SearchIndexBase? lastBase = null;
        ReusingOutput? opened = null;
        ReportCache? reports = null;
        try
        {
            // Side by side: at 50,000 reports the report cache and the output manifest (460,000 files) each take most
            // of a second to load.
            Together(
                () => read = clock.Time("read input", () => new CorpusReader().ReadValid(paths.Input, () => reports = paths.Cache is { } reportCache ? ReportCache.Open(ReportCache.PathFor(reportCache, paths.Input), saveAside: true) : null, listing)),
                () => theme = clock.Time("load theme", () => Theme.Load(paths.Theme)),
                () => lastBase = basePath is null ? null : clock.Time("load index base", () => IndexBaseFile.Load(basePath)),
                () => opened = clock.Time("load output manifest", () => new ReusingOutput(paths.Output, paths.Cache is { } cacheFolder ? OutputManifest.PathFor(cacheFolder, paths.Output) : null)));
        }
        catch
        {
            // Invalid input: the output folder's lock and staging folder go at once.
            opened?.Dispose();
            reports?.Saved.GetAwaiter().GetResult();
            throw;
        }

        using var output = opened!;
        var corpus = read!;
        output.UsePrecompression(paths.Precompress ?? corpus.Settings.Precompress);
        // The reports each saved search of input/watch.yml finds, for its feed: every text is read, unless the cache
        // knows it (none of this when there is no watch.yml).
        var savedSearches = corpus.SavedSearches.Count == 0
            ? []
            : clock.Time("saved searches", () => SavedSearchMatches.Find(corpus, paths.Cache is { } savedCache ? SavedSearchMatches.PathFor(savedCache, paths.Input) : null));
        SiteModel? model = null;
        SearchIndexBase? newBase = null;
        var yearLinesPath = paths.Cache is { } linesCache ? YearLines.PathFor(linesCache, paths.Output) : null;
        var yearLines = yearLinesPath is null ? null : YearLines.Load(yearLinesPath);
        // Rendering, the search export and the Lucene index only read the corpus: they run side by side, so that the
        // export's single-threaded gram counting overlaps with the others' work on every core. Each reads the texts
        // it needs on its own (bench/README.md, issue 17: one pass that read each text once for all three was 6%
        // slower at 10,000 reports, since the report pages then came before the gram counting could start).
        Together(
            () => clock.Time("render pages", () =>
            {
                // What each report shares with other bureaus' reports, which its page shows: every text is read,
                // unless the cache knows it; and each report's key terms and similar reports, against the whole
                // archive. Both are found while the pages that show neither are made (at 50,000 reports a one-change
                // rebuild's searches take as long as those pages), beside the search export. Each on a thread of its
                // own: on the thread pool they held its few threads, and the pages' parallel loops waited for them.
                var sharedText = Aside.Run(() => (SharedText?)clock.Time("shared text", () => SharedTextSearch.Find(corpus, sharedTextCache, clock)));
                var keyTerms = Aside.Run(() => clock.Time("key terms", () => KeyTermsSearch.Start(corpus, keyTermsCache, clock, progress)));
                model = new SiteModel(corpus, DivisionTable.Default) { SavedSearchResults = savedSearches, SharedTextFound = sharedText, KeyTermsFound = TermsOf(keyTerms) };
                var inputs = clock.Time("render pages › view inputs", () => new ViewInputs(corpus, theme!, savedSearches));
                new SiteGenerator(theme!).Generate(model, new SiteOutput(output, inputs, yearLines), progress, clock);
                // Their caches are saved while the pages are made.
                keyTerms.GetAwaiter().GetResult().Saved.GetAwaiter().GetResult();
                sharedText.GetAwaiter().GetResult();
                sharedTextCache.Saved.GetAwaiter().GetResult();
            }),
            () => newBase = clock.Time("export search index", () => IndexExport.Write(new SearchIndexExporter(), corpus, output, lastBase, clock)),
            () =>
            {
                // The Lucene index serves `archive search` only, which creates it on first use: a site that is only
                // published never pays for it (at 50,000 reports, a third of the build's work). Once it exists, each
                // build brings it up to date, so the next search starts at once.
                if (paths.Cache is { } cache && SearchIndexBuilder.Exists(cache))
                {
                    progress?.Invoke(SearchIndexBuilder.IndexFolder(cache));
                    clock.Time("lucene index", () => new SearchIndexBuilder().Build(corpus, cache, sources?.Input));
                }
            });
        clock.Time("replace output", output.Commit);
        if (basePath is not null && newBase is not null)
        {
            clock.Time("save index base", () => SaveBase(output, newBase, basePath));
        }

        // The index base's folders (texts, keys, postings) hold most of the site's files, and nothing but a full export
        // or an update writes there: the next build takes them as the manifest names them while their folders are
        // unchanged.
        output.StampFoldersOf((newBase ?? lastBase)?.Files ?? []);
        if (yearLinesPath is not null)
        {
            yearLines!.Save(yearLinesPath);
        }

        // The report cache is written while the site is made.
        reports?.Saved.GetAwaiter().GetResult();

        var summary = new BuildSummary(corpus.Reports.Count, model!.BureausWithReports.Count(), output.FileCount, output.ByteCount, clock.Elapsed, paths.Output, clock.Stages, output.ReusedCount)
        {
            Recovered = output.Recovered,
        };
        if (paths.Cache is { } stampCache && sources is not null)
        {
            (sources with { Reports = summary.Reports, Bureaus = summary.Bureaus, Files = summary.Files, Bytes = summary.Bytes })
                .Save(BuildStamp.PathFor(stampCache, paths.Output));
        }

        return summary;
    }

    // Only once the index is live: a base names files of output/, by their contents.
    // The terms of a key-terms search under way, for the model (which waits for them before the pages that show them).
    private static async Task<KeyTermsOfArchive?> TermsOf(Task<(KeyTermsOfArchive Terms, Task Saved)> search) => (await search).Terms;

    private static void SaveBase(ReusingOutput output, SearchIndexBase newBase, string basePath)
    {
        if (output.DigestOf(newBase.Files) is { } digest)
        {
            IndexBaseFile.Save(basePath, newBase, digest);
        }
        else
        {
            File.Delete(basePath);
        }
    }

    /// <summary>Runs the actions side by side; a failure surfaces as the exception it is (the first, if several fail).</summary>
    private static void Together(params Action[] actions)
    {
        try
        {
            Parallel.Invoke(actions);
        }
        catch (AggregateException e)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.Flatten().InnerExceptions[0]).Throw();
        }
    }

    /// <summary>
    /// The last build's stamp when it was made from the same input/, theme/ and program, output/ holds every file as
    /// that build wrote it, and the Lucene index, if there is one, is current: then this build has nothing to do.
    /// Otherwise null.
    /// </summary>
    private static BuildStamp? UpToDate(BuildPaths paths, string cache, BuildStamp sources)
    {
        var last = BuildStamp.Load(BuildStamp.PathFor(cache, paths.Output));
        // A killed build's leftovers are finished or cleared by opening the folder, which an up-to-date build skips.
        return last is not null && last.HasSameSources(sources) && !OutputFolder.HasUnfinishedWork(paths.Output)
            && (!SearchIndexBuilder.Exists(cache) || SearchIndexBuilder.IsCurrentFor(cache, sources.Input))
            && OutputManifest.Load(OutputManifest.PathFor(cache, paths.Output), paths.Output)
                .IsIntact(paths.Output, FolderStamps.Load(FolderStamps.PathFor(OutputManifest.PathFor(cache, paths.Output))))
            ? last
            : null;
    }
}
