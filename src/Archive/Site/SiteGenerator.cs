using System.Collections.Concurrent;
using System.Text;
using Archive.Core;
using Archive.Corpus;
using Archive.Reading.Comparison;
using Archive.Reading.Figures;
using Archive.Site.Assets;
using Archive.Site.Figures;
using Archive.Site.Views;

namespace Archive.Site;

/// <summary>Renders every page, feed and download of the site into an output folder.</summary>
public sealed class SiteGenerator(Theme theme)
{
    public const string GeneratorName = "archive";

    /// <summary>Hands every file of the site to <paramref name="output"/>; <paramref name="progress"/> is told each page path.</summary>
    public void Generate(SiteModel model, ISiteOutput output, Action<string>? progress = null, StageClock? clock = null)
    {
        clock ??= new StageClock();
        // The sitemap lists every page (it sorts them), the reports' and bureaus' own pages too.
        var pages = new ConcurrentBag<string>(model.Corpus.Reports.Select(r => SitePaths.Report(r.Id)).Concat(model.BureausWithReports.Select(b => SitePaths.Bureau(b.Id))));
        // First what shows nothing of other reports' texts, while that is still being found (SiteModel.SharedTextFound
        // and KeyTermsFound).
        GenerateAllButReportPages(model, output, pages, progress, clock);
        WriteOpenDataByYear(model, output, clock);
        clock.Time("render pages › wait for shared text and key terms", model.WaitForReadingAcross);
        // Bureaus are independent, and so are reports: render and compress them on every core. A bureau's page comes
        // right after its reports' pages, so that the figures its charts are drawn from are extracted once and held for
        // one bureau at a time.
        clock.Time("render pages › reports and bureaus", () => Parallel.ForEach(model.BureausWithReports, bureau => WriteBureau(model, output, bureau, progress)));
        clock.Time("render pages › shared paragraphs", () =>
        {
            // Made from places, not texts: digested from them (17 MB of text at 50,000 reports, made only when it changed).
            var digest = SharedTextData.Digest(model);
            output.Write(SitePaths.DataSharedParagraphs, MadeFrom.Metadata(() => digest) with { Across = digest }, _ => SharedTextData.Csv(model));
        });
    }

    /// <summary>A bureau's reports' pages, then its own page and feed.</summary>
    private void WriteBureau(SiteModel model, ISiteOutput output, Bureau bureau, Action<string>? progress)
    {
        var reports = model.ReportsOf(bureau);
        var read = new BureauTexts();
        Parallel.ForEach(reports, report => WriteReportPage(model, output, report, read, progress));

        // Its charts show figures of its reports' texts: a changed report makes the page again.
        var path = SitePaths.Bureau(bureau.Id);
        WritePage(model, output, path, reports, "bureau", bureau.Name, texts => model.BureauPageDigestView(bureau, texts), texts =>
            model.BureauPage(bureau, report => read.Figures.Of(report, texts)), model.AcrossOf(bureau));
        progress?.Invoke(path);
        WriteFeed(model, output, $"{bureau.Name} · {model.Corpus.Settings.Title}", SitePaths.BureauFeed(bureau.Id), path, reports);
    }

    /// <summary>
    /// The figures of the reports whose text a pass read, so that the pass's other files take them instead of
    /// extracting them again; a report whose text it did not read (its file was kept) has its figures read from its text.
    /// </summary>
    private sealed class KnownFigures
    {
        private readonly ConcurrentDictionary<Report, IReadOnlyList<KeyFigure>> _figures = new(ReferenceEqualityComparer.Instance);

        public IReadOnlyList<KeyFigure> Extract(Report report, ReportBody body) => _figures[report] = KeyFigure.AllOf(body);

        public IReadOnlyList<KeyFigure> Of(Report report, ShownTexts texts) =>
            _figures.TryGetValue(report, out var known) ? known : KeyFigure.AllOf(texts.Of(report));
    }

    /// <summary>
    /// What a bureau's report pages read, held while its pages are made: each text is read and made ready for
    /// comparison once though the next year's page compares with it, and the figures its page shows are the bureau
    /// page's too.
    /// </summary>
    private sealed class BureauTexts
    {
        private readonly ConcurrentDictionary<Report, Lazy<ReportBody>> _bodies = new(ReferenceEqualityComparer.Instance);
        private readonly ConcurrentDictionary<Report, Lazy<ComparableText>> _comparable = new(ReferenceEqualityComparer.Instance);

        public KnownFigures Figures { get; } = new();

        // The page asking must show the report (ShownTexts checks it): its own, or the one it compares with.
        public ReportBody BodyOf(Report report, ShownTexts texts) => _bodies.GetOrAdd(report, r => new Lazy<ReportBody>(() => texts.Of(r))).Value;

        public YearComparison Compare(Report older, Report newer, ShownTexts texts) => YearComparison.Of(ComparableOf(older, texts), ComparableOf(newer, texts));

        private ComparableText ComparableOf(Report report, ShownTexts texts) =>
            _comparable.GetOrAdd(report, r => new Lazy<ComparableText>(() => ComparableText.Of(BodyOf(r, texts)))).Value;
    }

    /// <summary>
    /// A report's own page, which shows its text and its comparison with the bureau's previous year, and its original
    /// file. The figures of a page that is made are kept for the bureau page.
    /// </summary>
    private void WriteReportPage(SiteModel model, ISiteOutput output, Report report, BureauTexts read, Action<string>? progress = null)
    {
        // Its digest view leaves the texts out: an unchanged report's file is not even read again.
        var path = SitePaths.Report(report.Id);
        var previous = model.PreviousYearOf(report);
        WritePage(model, output, path, previous is null ? [report] : [report, previous], "report", report.Title, texts => model.ReportPageDigestView(report, texts), texts =>
        {
            var body = read.BodyOf(report, texts);
            return model.ReportPage(report, body, read.Figures.Extract(report, body), previous is null ? null : read.Compare(previous, report, texts));
        }, model.AcrossOf(report));
        progress?.Invoke(path);
        if (report.Original is { } original)
        {
            output.CopyOriginal(Path.Combine(model.Corpus.InputDirectory, original.Path), SitePaths.Original(report.Id, original.Path), original.Sha256);
        }
    }

    /// <summary>
    /// The full texts by year, as JSON Lines, and the key figures by year and province, as CSV and JSON. Digested without the texts:
    /// a year none of whose reports changed is kept, not read again. One year at a time (each reads its reports on
    /// every core): at 50,000 reports a year's file is 76 MB, and all of them at once took a full build's peak memory
    /// from 2.6 to 4.9 GB. The figures files take the figures of the texts the full texts' file read, so a text is read
    /// once for all three.
    /// </summary>
    private static void WriteOpenDataByYear(SiteModel model, ISiteOutput output, StageClock? clock = null)
    {
        var data = new OpenData(model);
        var figureData = new FigureData(model, data);
        (clock ?? new StageClock()).Time("render pages › open data by year", () =>
        {
            foreach (var year in model.Years)
            {
                foreach (var province in data.ReportsOf(year).GroupBy(r => model.ProvinceOf(r)))
                {
                    var shown = province.ToList();
                    var figures = new KnownFigures();
                    output.WriteLines(SitePaths.DataJsonLines(year, province.Key), new MadeFrom(shown, texts => data.LinesDigest(OpenData.JsonLinesKind, shown, texts)), (texts, last) =>
                        data.JsonLines(shown, texts, last, (report, body) => figures.Extract(report, body)));
                    output.WriteLines(SitePaths.DataFiguresCsv(year, province.Key), new MadeFrom(shown, texts => figureData.Digest(FigureData.CsvKind, shown, texts)), (texts, last) =>
                        figureData.Csv(shown, report => figures.Of(report, texts), last));
                    output.WriteLines(SitePaths.DataFiguresJson(year, province.Key), new MadeFrom(shown, texts => figureData.Digest(FigureData.JsonKind, shown, texts)), (texts, last) =>
                        figureData.Json(shown, report => figures.Of(report, texts), last));
                }
            }
        });
    }

    private static void WriteFeed(SiteModel model, ISiteOutput output, string title, string feedPath, string pagePath, IReadOnlyList<Report> reports, IReadOnlyList<MissingReport>? missing = null) =>
        output.Write(feedPath, MadeFrom.Metadata(() => AtomFeed.Digest(model, title, feedPath, pagePath, reports, missing)), _ => Encoding.UTF8.GetBytes(AtomFeed.Write(model, title, feedPath, pagePath, reports, missing)));

    /// <summary>Every page, feed and table of the site that shows no report's text.</summary>
    private void GenerateAllButReportPages(SiteModel model, ISiteOutput output, ConcurrentBag<string> pages, Action<string>? progress = null, StageClock? clock = null)
    {
        clock ??= new StageClock();
        void Part(string name, Action work) => clock.Time("render pages › " + name, work);
        var corpus = model.Corpus;

        void Page(string path, string template, string title, Func<object> view)
        {
            // Made once, for the digest or the page or both.
            var made = new Lazy<object>(view);
            WritePage(model, output, path, [], template, title, _ => made.Value, _ => made.Value);
            pages.Add(path);
            progress?.Invoke(path);
        }

        void Feed(string title, string feedPath, string pagePath, IReadOnlyList<Corpus.Report> reports, IReadOnlyList<MissingReport>? missing = null) =>
            WriteFeed(model, output, title, feedPath, pagePath, reports, missing);

        Part("home", () => Page(SitePaths.Home, "home", corpus.Settings.Title, model.Home));

        Page(SitePaths.Bureaus, "bureaus", "部门", model.BureauIndex);
        Part("bureaus by province", () => Parallel.ForEach(model.ProvinceCodes, code =>
        {
            foreach (var (path, page) in model.ProvinceBureauPages(code))
            {
                Page(path, "province-bureaus", OfPage($"{page.Name}的部门", page.Pager), () => page);
            }
        }));
        Page(SitePaths.Regions, "regions", "按地区浏览", model.RegionIndex);
        // Thousands of region pages, each digested from its whole view when it is not kept: on every core too.
        Part("regions", () => Parallel.ForEach(model.RegionCodes, code =>
        {
            Page(SitePaths.Region(code), "region", model.RegionTitle(code), () => model.RegionPage(code));
        }));

        Page(SitePaths.Years, "years", "按年度浏览", model.YearIndex);
        Part("years", () => Parallel.ForEach(model.Years, year =>
        {
            Page(SitePaths.Year(year), "year", $"{year}年度报告", () => model.YearPage(year));
            foreach (var (path, page) in model.YearProvincePages(year))
            {
                Page(path, "year-province", OfPage($"{page.Name}{year}年度报告", page.Pager), () => page);
            }
        }));

        Part("matrix", () =>
        {
            Page(SitePaths.Matrix, "matrix", "公开情况矩阵", model.Matrix);
            Parallel.ForEach(model.ProvinceCodes, code =>
            {
                foreach (var (path, page) in model.ProvinceMatrixPages(code))
                {
                    Page(path, "province-matrix", OfPage($"{page.Name}公开情况矩阵", page.Pager), () => page);
                }
            });
        });
        Page(SitePaths.Search, "search", "全文检索", () => new SearchPage("全文检索", model.SavedSearchViews()));
        Page(SitePaths.Trends, "trends", "词语趋势", () => new SimplePage("词语趋势"));
        Page(SitePaths.Statistics, "statistics", "公开时效统计", model.Statistics);
        Page(SitePaths.Methods, "methods", "统计方法说明", model.Methods);

        // The 404 page is served for any missing path, so its links cannot be relative: they start at the base path.
        var notFoundSite = new SiteView(corpus.Settings.Title, corpus.Settings.Description, corpus.Settings.BasePath, corpus.Settings.BasePath, corpus.Reports.Count, GeneratorName);
        output.Write(SitePaths.NotFound, theme.RenderPageUtf8("404", "页面不存在", new SimplePage("页面不存在"), notFoundSite));

        var data = new OpenData(model);
        Part("feed, sitemap, open data tables", () =>
        {
            Feed(corpus.Settings.Title, SitePaths.Feed, SitePaths.Home, corpus.Reports);
            var saved = model.SavedSearchViews();
            output.Write(SitePaths.SavedSearches, MadeFrom.Metadata(() => SavedSearchesJson.Digest(saved)), _ => SavedSearchesJson.Write(saved));
            foreach (var result in model.SavedSearchResults)
            {
                var reports = result.Matches.Select(m => m.Report).ToList();
                Feed($"检索“{result.Search.Name}” · {corpus.Settings.Title}", SitePaths.SavedSearchFeed(result.Search.Id), SiteModel.SavedSearchUrl(result.Search), reports);
            }

            foreach (var code in model.ProvinceCodes)
            {
                var (reports, missing) = model.ProvinceFeed(code);
                Feed($"{model.RegionTitle(code)}：新报告、逾期与缺失 · {corpus.Settings.Title}", SitePaths.ProvinceFeed(code), SitePaths.Region(code), reports, missing);
            }

            foreach (var (path, xml) in Sitemap.Files(corpus.Settings.AbsoluteRoot, pages))
            {
                output.Write(path, Encoding.UTF8.GetBytes(xml));
            }

            output.Write(SitePaths.Robots, Encoding.UTF8.GetBytes($"User-agent: *\nAllow: /\n\nSitemap: {corpus.Settings.AbsoluteRoot}{SitePaths.Sitemap}\n"));
            output.Write(SitePaths.DataCsv, MadeFrom.Metadata(() => data.TableDigest("csv")), _ => Encoding.UTF8.GetBytes(data.Csv()));
            output.Write(SitePaths.DataJson, MadeFrom.Metadata(() => data.TableDigest("json")), _ => Encoding.UTF8.GetBytes(data.JsonArray()));
        });
        CopyAssets(output);
    }

    // A page of a list after its first says which: titles tell pages apart in tabs, history and search engines.
    private static string OfPage(string title, Pager pager) =>
        pager.Pages.FirstOrDefault(p => p.Current) is { Number: > 1 } page ? $"{title}（第 {page.Number} 页）" : title;

    // A page made from what its view (or, cheaper, its digest view) holds, and from the texts it shows; the view made
    // only when the page is rendered. across: what other reports' texts decide of it (MadeFrom.Across).
    private void WritePage(SiteModel model, ISiteOutput output, string path, IReadOnlyList<Report> shows, string template, string title, Func<ShownTexts, object> digestView, Func<ShownTexts, object> view, ContentHash across = default)
    {
        var settings = model.Corpus.Settings;
        var site = new SiteView(settings.Title, settings.Description, SitePaths.RootFrom(path), settings.BasePath, model.Corpus.Reports.Count, GeneratorName);
        // Hashing the view costs a fraction of rendering: an unchanged page is linked from the last build.
        var madeFrom = new MadeFrom(shows, texts => theme.ViewDigest(template, title, digestView(texts), site)) { Across = across };
        output.Write(path, madeFrom, texts => theme.RenderPageUtf8(template, title, view(texts), site));
    }

    /// <summary>
    /// The theme's assets, copied, except scripts: each is minified and has the modules it imports inlined
    /// (<see cref="ModuleBundler"/>), because the search page's chain of 15 small modules cost 14 more requests and
    /// nearly twice the compressed bytes. Modules that other scripts import are written minified only, so a script
    /// that could not be bundled still finds its imports, each once.
    /// </summary>
    private void CopyAssets(ISiteOutput output)
    {
        if (!Directory.Exists(theme.AssetsDirectory))
        {
            return;
        }

        var imported = ModuleBundler.ImportedModules(theme.AssetsDirectory);
        foreach (var file in Directory.EnumerateFiles(theme.AssetsDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var path = SitePaths.Assets + Path.GetRelativePath(theme.AssetsDirectory, file).Replace('\\', '/');
            if (file.EndsWith(".js", StringComparison.Ordinal))
            {
                var script = imported.Contains(Path.GetFullPath(file))
                    ? ScriptMinifier.Minify(File.ReadAllText(file))
                    : ModuleBundler.Bundle(theme.AssetsDirectory, file).Text;
                output.Write(path, Encoding.UTF8.GetBytes(script));
            }
            else
            {
                output.Copy(file, path);
            }
        }
    }
}
