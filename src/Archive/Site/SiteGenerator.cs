using System.Text;
using Archive.Build;
using Archive.Site.Views;

namespace Archive.Site;

/// <summary>Renders every page, feed and download of the site into an output folder.</summary>
public sealed class SiteGenerator(Theme theme)
{
    public const string GeneratorName = "archive";

    /// <summary>Writes the whole site; <paramref name="progress"/> is told each page path as it is written.</summary>
    /// <param name="yearLines">How the last build made the open data by year, updated with how this one does (null: no cache).</param>
    public void Generate(SiteModel model, OutputFolder output, Action<string>? progress = null, StageClock? clock = null, YearLines? yearLines = null)
    {
        clock ??= new StageClock();
        void Part(string name, Action work) => clock.Time("render pages › " + name, work);
        var corpus = model.Corpus;
        var pages = new System.Collections.Concurrent.ConcurrentBag<string>();
        var inputs = clock.Time("render pages › view inputs", () => new ViewInputs(corpus, theme));

        void Page(string path, string template, string title, Func<object> view)
        {
            // Made once, for the key or the page or both.
            var made = new Lazy<object>(view);
            KeyedPage(path, inputs.Of(path), template, title, () => made.Value, () => made.Value);
        }

        // A page kept by its inputs key, else keyed by what its view is made from; the view made only when the page
        // is rendered.
        void KeyedPage(string path, ContentHash inputsKey, string template, string title, Func<object> key, Func<object> view)
        {
            var site = new SiteView(corpus.Settings.Title, corpus.Settings.Description, SitePaths.RootFrom(path), corpus.Settings.BasePath, corpus.Reports.Count, GeneratorName);
            // Hashing the key costs a fraction of rendering: an unchanged page is linked from the last build.
            output.Write(path, inputsKey, () => theme.RenderKey(template, title, key(), site), () => Encoding.UTF8.GetBytes(theme.RenderPage(template, title, view(), site)));

            pages.Add(path);
            progress?.Invoke(path);
        }

        void Feed(string title, string feedPath, string pagePath, IReadOnlyList<Corpus.Report> reports) =>
            output.Write(feedPath, inputs.Of(feedPath), () => AtomFeed.Key(model, title, feedPath, pagePath, reports), () => Encoding.UTF8.GetBytes(AtomFeed.Write(model, title, feedPath, pagePath, reports)));

        Part("home", () => Page(SitePaths.Home, "home", corpus.Settings.Title, model.Home));

        // Reports and bureaus are independent pages: render and compress them on every core. Nothing below depends
        // on the order in which they finish (the sitemap sorts its entries).
        Part("reports", () => Parallel.ForEach(corpus.Reports, report =>
        {
            // Keyed without the text: an unchanged report's file is not even read again.
            var path = SitePaths.Report(report.Id);
            KeyedPage(path, inputs.Showing(path, [report]), "report", report.Title, () => model.ReportPageKey(report), () => model.ReportPage(report));
            if (report.Original is { } original)
            {
                output.Copy(Path.Combine(corpus.InputDirectory, original.Path), SitePaths.Original(report.Id, original.Path));
            }
        }));

        Part("bureaus", () => Parallel.ForEach(model.BureausWithReports, bureau =>
        {
            Page(SitePaths.Bureau(bureau.Id), "bureau", bureau.Name, () => model.BureauPage(bureau));
            Feed($"{bureau.Name} · {corpus.Settings.Title}", SitePaths.BureauFeed(bureau.Id), SitePaths.Bureau(bureau.Id), model.ReportsOf(bureau));
        }));

        Page(SitePaths.Bureaus, "bureaus", "部门", model.BureauIndex);
        Page(SitePaths.Regions, "regions", "按地区浏览", model.RegionIndex);
        // Thousands of region pages, each keyed by its whole view when it is not kept: on every core too.
        Part("regions", () => Parallel.ForEach(model.RegionCodes, code =>
        {
            Page(SitePaths.Region(code), "region", model.RegionTitle(code), () => model.RegionPage(code));
        }));

        Page(SitePaths.Years, "years", "按年度浏览", model.YearIndex);
        Part("years", () => Parallel.ForEach(model.Years, year => Page(SitePaths.Year(year), "year", $"{year}年度报告", () => model.YearPage(year))));

        Part("matrix", () => Page(SitePaths.Matrix, "matrix", "公开情况矩阵", model.Matrix));
        Page(SitePaths.Search, "search", "全文检索", () => new SimplePage("全文检索"));

        // The 404 page is served for any missing path, so its links cannot be relative: they start at the base path.
        var notFoundSite = new SiteView(corpus.Settings.Title, corpus.Settings.Description, corpus.Settings.BasePath, corpus.Settings.BasePath, corpus.Reports.Count, GeneratorName);
        output.Write(SitePaths.NotFound, theme.RenderPage("404", "页面不存在", new SimplePage("页面不存在"), notFoundSite));

        var data = new OpenData(model);
        Part("feed, sitemap, open data tables", () =>
        {
            Feed(corpus.Settings.Title, SitePaths.Feed, SitePaths.Home, corpus.Reports);
            foreach (var (path, xml) in Sitemap.Files(corpus.Settings.AbsoluteRoot, pages))
            {
                output.Write(path, xml);
            }

            output.Write(SitePaths.Robots, $"User-agent: *\nAllow: /\n\nSitemap: {corpus.Settings.AbsoluteRoot}{SitePaths.Sitemap}\n");
            output.Write(SitePaths.DataCsv, inputs.Of(SitePaths.DataCsv), () => data.TableKey("csv"), () => Encoding.UTF8.GetBytes(data.Csv()));
            output.Write(SitePaths.DataJson, inputs.Of(SitePaths.DataJson), () => data.TableKey("json"), () => Encoding.UTF8.GetBytes(data.JsonArray()));
        });
        // Keyed without the texts: a year none of whose reports changed is kept, not read again. One year at a time
        // (each reads its reports on every core): at 50,000 reports a year's file is 76 MB, and all of them at once
        // took a full build's peak memory from 2.6 to 4.9 GB.
        Part("open data by year", () =>
        {
            foreach (var year in model.Years)
            {
                var path = SitePaths.DataJsonLines(year);
                var key = default(ContentHash);
                output.Write(path, inputs.Showing(path, model.Corpus.Reports.Where(r => r.Year == year)), () => key = data.JsonLinesKey(year), () =>
                {
                    // The lines of unchanged reports come out of the file the last build wrote, when it is still there.
                    var last = yearLines?.Of(path) is { } record && output.ReadKept(path, record.SourceKey) is { } file ? (file, record) : ((byte[], YearLines.Record)?)null;
                    var (bytes, lines, lengths) = data.JsonLines(year, last);
                    yearLines?.Set(path, new YearLines.Record(key, lines, lengths));
                    return bytes;
                });
            }
        });

        CopyAssets(output);
    }

    private void CopyAssets(OutputFolder output)
    {
        if (!Directory.Exists(theme.AssetsDirectory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(theme.AssetsDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            output.Copy(file, SitePaths.Assets + Path.GetRelativePath(theme.AssetsDirectory, file).Replace('\\', '/'));
        }
    }
}
