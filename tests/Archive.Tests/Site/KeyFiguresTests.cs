using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Archive.Build;
using Archive.Core;
using Archive.Corpus;
using Archive.Tests.Support;

namespace Archive.Tests.Site;

/// <summary>
/// The key figures in the site (issue 20): each report page's table, the open data of each year (CSV and JSON, which
/// must agree and point at paragraphs that state each figure), and the bureau page's chart of each measure its reports
/// state in several years.
/// </summary>
public sealed class KeyFiguresTests
{
    private static readonly HtmlParser Parser = new();
    private static readonly string[] Columns = ["report_id", "year", "bureau", "measure", "text", "value", "unit", "anchor"];

    [Fact]
    public void Every_figure_of_the_open_data_parses_agrees_with_its_report_page_and_points_at_a_paragraph_that_states_it()
    {
        using var temp = new TempFolder();
        var input = FixtureReports.WriteCorpus(temp.Combine("input"), 40, seed: 5, ["440303-hrss", "120102-hrss", "330502-hrss"], 3, 9);
        var output = temp.Combine("output");
        new SiteBuilder().Build(new BuildPaths(input, RepoPaths.Theme, output));
        var corpus = new CorpusReader().ReadValid(input);
        var pages = new Dictionary<string, IDocument>();
        IDocument PageOf(string id) => pages.TryGetValue(id, out var page)
            ? page
            : pages[id] = Parser.ParseDocument(File.ReadAllText(Path.Combine(output, SitePaths.Report(id))));

        var byReport = new Dictionary<string, List<string>>();
        // A CSV and a JSON file per year and province with reports, and no others.
        var files = corpus.Reports.Select(r => (r.Year, Province: corpus.BureauOf(r).DivisionCode[..2] + "0000")).Distinct().ToList();
        Assert.Equal(
            files.SelectMany(f => new[] { SitePaths.DataFiguresCsv(f.Year, f.Province), SitePaths.DataFiguresJson(f.Year, f.Province) }).Order(StringComparer.Ordinal),
            Directory.EnumerateFiles(Path.Combine(output, "data", "figures"), "*", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(".gz", StringComparison.Ordinal) && !f.EndsWith(".br", StringComparison.Ordinal))
                .Select(f => Path.GetRelativePath(output, f).Replace('\\', '/')).Order(StringComparer.Ordinal));
        foreach (var (year, province) in files)
        {
            var csv = StrictCsv.Parse(File.ReadAllText(Path.Combine(output, SitePaths.DataFiguresCsv(year, province))));
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, SitePaths.DataFiguresJson(year, province))));
            // The JSON groups the figures by report; flattened, it is the CSV's rows in the same order.
            var objects = json.RootElement.EnumerateArray()
                .SelectMany(report => report.GetProperty("figures").EnumerateArray().Select(figure => (Report: report, Figure: figure)))
                .ToList();
            Assert.All(json.RootElement.EnumerateArray(), report => Assert.NotEqual(0, report.GetProperty("figures").GetArrayLength()));
            Assert.Equal(Columns, csv[0]);
            Assert.Equal(csv.Count - 1, objects.Count);
            for (var i = 1; i < csv.Count; i++)
            {
                var row = Columns.Zip(csv[i]).ToDictionary(p => p.First, p => p.Second);
                var (owner, item) = objects[i - 1];
                Assert.Equal(row["report_id"], owner.GetProperty("report_id").GetString());
                Assert.Equal(year, owner.GetProperty("year").GetInt32());
                Assert.Equal(row["bureau"], owner.GetProperty("bureau").GetString());
                Assert.Equal(row["year"], year.ToString(CultureInfo.InvariantCulture));
                Assert.Equal(decimal.Parse(row["value"], CultureInfo.InvariantCulture), item.GetProperty("value").GetDecimal());
                foreach (var column in new[] { "measure", "text", "unit", "anchor" })
                {
                    Assert.Equal(row[column], item.GetProperty(column).GetString());
                }

                var report = Assert.Single(corpus.Reports, r => r.Id == row["report_id"]);
                Assert.Equal(year, report.Year);
                Assert.StartsWith(province[..2], corpus.BureauOf(report).DivisionCode);
                Assert.Equal(corpus.BureauOf(report).Name, row["bureau"]);
                Assert.Equal(corpus.Settings.AbsoluteRoot + SitePaths.Report(report.Id), owner.GetProperty("url").GetString());
                var paragraph = PageOf(report.Id).GetElementById(row["anchor"]);
                Assert.True(paragraph is { LocalName: "p" }, $"{report.Id}#{row["anchor"]}: no paragraph with that anchor");
                Assert.Contains(row["text"], paragraph!.TextContent);
                Assert.True(decimal.Parse(row["value"], CultureInfo.InvariantCulture) >= 0);
                (byReport.TryGetValue(report.Id, out var texts) ? texts : byReport[report.Id] = []).Add(row["text"]);
            }
        }

        // Each report page's table lists the same figures, in the same order, with the same links.
        foreach (var report in corpus.Reports)
        {
            var cells = PageOf(report.Id).QuerySelectorAll("table.figures tbody tr").Select(tr => tr.Children[1].TextContent).ToList();
            Assert.Equal(byReport.GetValueOrDefault(report.Id) ?? [], cells);
            Assert.All(PageOf(report.Id).QuerySelectorAll("table.figures tbody a"), a => Assert.NotNull(PageOf(report.Id).GetElementById(a.GetAttribute("href")![1..])));
        }

        Assert.True(byReport.Values.Sum(t => t.Count) > 100, $"only {byReport.Values.Sum(t => t.Count)} figures in the corpus");
        Assert.True(byReport.Count > corpus.Reports.Count / 2, $"only {byReport.Count} of {corpus.Reports.Count} reports have figures");
    }

    [Fact]
    public void A_bureau_page_charts_each_measure_its_reports_state_in_two_years_and_links_each_value_to_its_paragraph()
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(
            temp,
            ("a.md", SampleInput.Report("luohu-2019", year: "2019", body: "我局认真开展了年度法治政府建设工作。\n全年办理行政复议案件58件，新增就业岗位3000个。\n")),
            ("b.md", SampleInput.Report("luohu-2020", year: "2020", body: "我局认真开展了年度法治政府建设工作。\n全年办理行政复议案件61件。\n")),
            ("c.md", SampleInput.Report("luohu-2022", year: "2022", body: "我局认真开展了年度法治政府建设工作。\n组织培训2场。\n全年办理行政复议案件1.2万件。\n")),
            ("d.md", SampleInput.Report("hedong-2020", bureau: "120102-hrss", year: "2020", body: "全年办理行政复议案件9件。\n")));
        var output = temp.Combine("output");
        new SiteBuilder().Build(new BuildPaths(input, RepoPaths.Theme, output));

        var page = Parser.ParseDocument(File.ReadAllText(Path.Combine(output, SitePaths.Bureau("440303-hrss"))));
        var series = Assert.Single(page.QuerySelectorAll("figure.series"));
        Assert.Equal("办理行政复议案件（件）", series.QuerySelector("figcaption")!.TextContent);
        var values = series.QuerySelectorAll("ul.series-values li").Select(li => li.TextContent).ToList();
        Assert.Equal(["2019年 58件", "2020年 61件", "2022年 1.2万件"], values);
        // A column per year stated, a label per year of the span (2021 has no column: its report is missing).
        Assert.Equal(3, series.QuerySelectorAll("svg.chart rect").Length);
        Assert.Equal(["2019", "2020", "2021", "2022"], series.QuerySelectorAll("svg.chart text.year").Select(t => t.TextContent));
        Assert.Equal("true", series.QuerySelector("svg.chart")!.GetAttribute("aria-hidden"));
        var heights = series.QuerySelectorAll("svg.chart rect").Select(r => int.Parse(r.GetAttribute("height")!, CultureInfo.InvariantCulture)).ToList();
        Assert.True(heights[2] > heights[1] && heights[1] >= heights[0], string.Join(", ", heights));

        foreach (var (link, expected) in series.QuerySelectorAll("ul.series-values a").Zip(new[] { "58件", "61件", "1.2万件" }))
        {
            var href = link.GetAttribute("href")!;
            var target = Parser.ParseDocument(File.ReadAllText(Path.GetFullPath(Path.Combine(output, "bureaus", href.Split('#')[0]))));
            Assert.Contains(expected, target.GetElementById(href.Split('#')[1])!.TextContent);
        }

        // A measure of one year only is no series; a bureau of one report has none.
        Assert.DoesNotContain("新增就业岗位", page.QuerySelector("section.series-list")!.TextContent);
        var other = Parser.ParseDocument(File.ReadAllText(Path.Combine(output, SitePaths.Bureau("120102-hrss"))));
        Assert.Null(other.QuerySelector("section.series-list"));
    }

    [Fact]
    public void A_changed_figure_reaches_its_bureau_chart_and_its_year_open_data_and_leaves_other_years_files_alone()
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(
            temp,
            ("a.md", SampleInput.Report("luohu-2019", year: "2019", body: "全年办理行政复议案件58件。\n")),
            ("b.md", SampleInput.Report("luohu-2020", year: "2020", body: "全年办理行政复议案件61件。\n")));
        var paths = new BuildPaths(input, RepoPaths.Theme, temp.Combine("output"), temp.Combine("cache"));
        new SiteBuilder().Build(paths);
        var csv2019 = File.ReadAllBytes(Path.Combine(paths.Output, SitePaths.DataFiguresCsv(2019, "440000")));
        var written2019 = File.GetLastWriteTimeUtc(Path.Combine(paths.Output, SitePaths.DataFiguresCsv(2019, "440000")));

        File.WriteAllText(Path.Combine(input, "reports", "b.md"), SampleInput.Report("luohu-2020", year: "2020", body: "全年办理行政复议案件64件。\n"));
        var rebuilt = new SiteBuilder().Build(paths);

        Assert.True(rebuilt.ReusedFiles > 0);
        var bureau = File.ReadAllText(Path.Combine(paths.Output, SitePaths.Bureau("440303-hrss")));
        Assert.Contains("2020年</a> 64件", bureau);
        Assert.DoesNotContain("61件", bureau);
        Assert.Contains(",64件,64,件,", File.ReadAllText(Path.Combine(paths.Output, SitePaths.DataFiguresCsv(2020, "440000"))));
        Assert.Contains("\"value\":64", File.ReadAllText(Path.Combine(paths.Output, SitePaths.DataFiguresJson(2020, "440000"))));
        Assert.Equal(csv2019, File.ReadAllBytes(Path.Combine(paths.Output, SitePaths.DataFiguresCsv(2019, "440000"))));
        Assert.Equal(written2019, File.GetLastWriteTimeUtc(Path.Combine(paths.Output, SitePaths.DataFiguresCsv(2019, "440000"))));
    }
}
