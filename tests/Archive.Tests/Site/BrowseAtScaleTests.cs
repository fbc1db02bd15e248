using System.Globalization;
using System.Text;
using AngleSharp.Html.Parser;
using Archive.Core;
using Archive.Corpus;
using Archive.Regions;
using Archive.Site;
using Archive.Site.Views;
using Archive.Tests.Support;

namespace Archive.Tests.Site;

/// <summary>
/// Lists that grow with the archive are split by province and paged (issue 21, item 9). With limits small enough that
/// ten bureaus overflow them: every report, bureau and matrix row is on exactly one page of its province, in order;
/// the overviews count what the pages list; region pages list their own level only; every link of every page resolves;
/// and the template engine never cuts a page short.
/// </summary>
public class BrowseAtScaleTests
{
    private static readonly BrowseLimits Small = new(ReportsPerPage: 2, BureausPerPage: 2, MatrixCellsPerPage: 10, RegionsInIndex: 5);
    private static readonly HtmlParser Parser = new();

    private const string Bureaus = """
        - { id: 440000-hrss, name: "广东省人力资源和社会保障厅", aliases: [], division: "440000", kind: "人力资源和社会保障" }
        - { id: 440300-hrss, name: "深圳市人力资源和社会保障局", aliases: [], division: "440300", kind: "人力资源和社会保障" }
        - { id: 440303-hrss, name: "深圳市罗湖区人力资源局", aliases: [], division: "440303", kind: "人力资源和社会保障" }
        - { id: 440304-hrss, name: "深圳市福田区人力资源局", aliases: [], division: "440304", kind: "人力资源和社会保障" }
        - { id: 440304-justice, name: "深圳市福田区司法局", aliases: [], division: "440304", kind: "司法行政" }
        - { id: 440105-hrss, name: "广州市海珠区人力资源和社会保障局", aliases: [], division: "440105", kind: "人力资源和社会保障" }
        - { id: 440106-hrss, name: "广州市天河区人力资源和社会保障局", aliases: [], division: "440106", kind: "人力资源和社会保障" }
        - { id: 120102-hrss, name: "天津市河东区人力资源和社会保障局", aliases: [], division: "120102", kind: "人力资源和社会保障" }
        - { id: 120103-hrss, name: "天津市河西区人力资源和社会保障局", aliases: [], division: "120103", kind: "人力资源和社会保障" }
        - { id: 330502-hrss, name: "湖州市吴兴区人力资源和社会保障局", aliases: [], division: "330502", kind: "人力资源和社会保障" }
        """;

    [Fact]
    public void Every_report_bureau_and_matrix_row_is_on_exactly_one_page_of_its_province_in_order()
    {
        using var temp = new TempFolder();
        var model = Model(temp);
        var corpus = model.Corpus;
        string Province(Report r) => corpus.BureauOf(r).DivisionCode[..2] + "0000";

        foreach (var year in model.Years)
        {
            var page = model.YearPage(year);
            var ofYear = corpus.Reports.Where(r => r.Year == year).ToList();
            Assert.Equal(ofYear.Count, page.Total);
            Assert.True(ofYear.Count > Small.ReportsPerPage);
            Assert.Empty(page.Reports);
            Assert.Equal(ofYear.Count, page.Provinces.Sum(p => p.Reports));
            Assert.Equal(page.OnTime + page.Late + page.Undated, page.Total);

            var pages = model.YearProvincePages(year);
            foreach (var province in page.Provinces)
            {
                var its = pages.Where(p => p.Page.Code == province.Code).ToList();
                var expected = ofYear.Where(r => Province(r) == province.Code)
                    .OrderBy(r => corpus.BureauOf(r).DivisionCode, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => r.Id);
                Assert.Equal(expected, its.SelectMany(p => p.Page.Reports.Select(r => r.Id)));
                Assert.Equal(province.Url, its[0].Path);
                Assert.Equal(province.Reports, its[0].Page.Total);
                AssertPaged(its.Select(p => (p.Path, p.Page.Pager, p.Page.Reports.Count)).ToList(), Small.ReportsPerPage);
            }
        }

        var index = model.BureauIndex();
        Assert.Empty(index.Bureaus);
        Assert.Equal(model.BureausWithReports.Count, index.Provinces.Sum(p => p.Bureaus));
        var listed = model.ProvinceCodes.SelectMany(code =>
        {
            var pages = model.ProvinceBureauPages(code);
            AssertPaged(pages.Select(p => (p.Path, p.Page.Pager, p.Page.Bureaus.Count)).ToList(), Small.BureausPerPage);
            return pages.SelectMany(p => p.Page.Bureaus.Select(b => b.Id));
        });
        Assert.Equal(model.BureausWithReports.Select(b => b.Id), listed);

        var matrix = model.Matrix();
        var rows = model.MatrixRows();
        Assert.Empty(matrix.Groups);
        Assert.Equal(rows.Count, matrix.Provinces.Sum(p => p.Bureaus));
        var perPage = Small.MatrixRowsPerPage(matrix.Years.Count);
        var paged = model.ProvinceCodes.SelectMany(code =>
        {
            var pages = model.ProvinceMatrixPages(code);
            AssertPaged(pages.Select(p => (p.Path, p.Page.Pager, p.Page.Groups.Sum(g => g.Rows.Count))).ToList(), perPage);
            return pages.SelectMany(p => p.Page.Groups.SelectMany(g => g.Rows));
        }).ToList();
        Assert.Equal(rows.Select(r => r.Url), paged.Select(r => r.Url));
        // The overview counts, per province and year, the cells of its bureaus' rows.
        foreach (var province in matrix.Provinces)
        {
            var its = model.ProvinceMatrixPages(province.Code).SelectMany(p => p.Page.Groups.SelectMany(g => g.Rows)).ToList();
            for (var i = 0; i < matrix.Years.Count; i++)
            {
                Assert.Equal(its.Count(r => r.Cells[i].ReportUrl is not null), province.Cells[i].Reports);
                Assert.Equal(its.Count(r => r.Cells[i].State == "missing"), province.Cells[i].Missing);
            }
        }
    }

    [Fact]
    public void A_region_page_lists_the_bureaus_of_its_own_level_and_its_sub_regions_hold_the_rest()
    {
        using var temp = new TempFolder();
        var model = Model(temp);
        var guangdong = model.RegionPage("440000");
        Assert.Equal(["440000-hrss"], guangdong.Bureaus.Select(b => b.Id));
        Assert.Equal(["440100", "440300"], guangdong.Children.Select(c => c.Code));
        Assert.Equal(model.BureausWithReports.Count(b => b.DivisionCode.StartsWith("44", StringComparison.Ordinal)), guangdong.BureausWithin);
        Assert.NotNull(guangdong.Province);

        var shenzhen = model.RegionPage("440300");
        Assert.Equal(["440300-hrss"], shenzhen.Bureaus.Select(b => b.Id));
        Assert.Null(shenzhen.Province);
        var futian = model.RegionPage("440304");
        Assert.Equal(["440304-justice", "440304-hrss"], futian.Bureaus.Select(b => b.Id).OrderDescending(StringComparer.Ordinal));
        Assert.Empty(futian.Children);
        // Newest first, at most a page of them.
        Assert.Equal(Small.ReportsPerPage, futian.Reports.Count);
        Assert.True(futian.ReportsOfBureaus > futian.Reports.Count);
        Assert.True(futian.Reports[0].Year >= futian.Reports[^1].Year);

        // Every bureau is on the page of exactly one region.
        var everywhere = model.RegionCodes.SelectMany(code => model.RegionPage(code).Bureaus.Select(b => b.Id)).Order(StringComparer.Ordinal);
        Assert.Equal(model.BureausWithReports.Select(b => b.Id).Order(StringComparer.Ordinal), everywhere);

        // Eleven regions are more than the index lists districts for; it still lists every province and city.
        var regions = model.RegionIndex();
        Assert.False(regions.ShowsDistricts);
        Assert.Contains(regions.Provinces.SelectMany(p => p.Children), c => c.Code == "440300");
    }

    [Fact]
    public void Every_link_of_every_paged_page_resolves_and_each_pager_marks_its_own_page()
    {
        using var temp = new TempFolder();
        var model = Model(temp);
        var output = new MemoryOutput();
        new SiteGenerator(Theme.Load(RepoPaths.Theme)).Generate(model, output);

        var paged = output.Files.Keys.Where(p => p.StartsWith("years/20", StringComparison.Ordinal) && p.Count(c => c == '/') == 2
            || p.StartsWith("bureaus/in/", StringComparison.Ordinal) || p.StartsWith("matrix/", StringComparison.Ordinal)).ToList();
        Assert.Contains(SitePaths.Paged(SitePaths.BureausIn("440000"), 2), paged);
        Assert.Contains(SitePaths.Paged(SitePaths.MatrixIn("440000"), 2), paged);
        var broken = new List<string>();
        foreach (var (path, bytes) in output.Files.Where(f => f.Key.EndsWith(".html", StringComparison.Ordinal)))
        {
            var document = Parser.ParseDocument(Encoding.UTF8.GetString(bytes));
            foreach (var href in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).Where(h => !h.Contains(':', StringComparison.Ordinal)))
            {
                var target = new Uri(new Uri("http://site/" + path), href).AbsolutePath.TrimStart('/');
                if (!output.Files.ContainsKey(Uri.UnescapeDataString(target)))
                {
                    broken.Add($"{path} → {href}");
                }
            }

            if (paged.Contains(path))
            {
                // A list on one page has no pager; a list on several marks the page it is on.
                var current = document.QuerySelectorAll("nav.pager a[aria-current=page]").ToList();
                var first = System.Text.RegularExpressions.Regex.Replace(path, @"-\d+\.html$", ".html");
                var several = output.Files.ContainsKey(SitePaths.Paged(first, 2));
                Assert.Equal(several ? 1 : 0, current.Count);
                if (several)
                {
                    Assert.Equal(path, new Uri(new Uri("http://site/" + path), current[0].GetAttribute("href")).AbsolutePath.TrimStart('/'));
                }
            }
        }

        Assert.Empty(broken);
        // The overviews link each province's first page; the year page lists none of the reports itself.
        var year = Parser.ParseDocument(Encoding.UTF8.GetString(output.Files[SitePaths.Year(2020)]));
        Assert.Empty(year.QuerySelectorAll("ol.reports"));
        Assert.Contains(year.QuerySelectorAll("table.list a"), a => a.GetAttribute("href") == "../" + SitePaths.YearIn(2020, "440000"));
    }

    [Fact]
    public void The_template_engine_never_cuts_a_page_short()
    {
        // Scriban's defaults for untrusted templates cut output at 1 MiB with "..." (the matrix at 50,000 reports).
        using var temp = new TempFolder();
        temp.Write("theme/templates/layout.liquid", "<main>{{ content }}</main>");
        temp.Write("theme/partials/line.liquid", "<p>{{ i }}</p>");
        temp.Write("theme/templates/long.liquid", "{% for i in items %}{% include 'line' %}{% endfor %}<p id=end></p>");
        var items = Enumerable.Range(0, 150_000).Select(i => i.ToString("D6", CultureInfo.InvariantCulture)).ToList();
        var site = new SiteView("t", "", "", "/", 0, "archive");
        var html = Theme.Load(temp.Combine("theme")).RenderPage("long", "t", new { Items = items }, site);
        Assert.True(html.Length > 1_500_000, $"{html.Length} characters");
        Assert.EndsWith("<p id=end></p></main>", html);
        Assert.Equal(items.Count, html.Split("<p>").Length - 1);
    }

    // Each list of pages: addresses x.html, x-2.html …, as few pages as the limit allows, filled evenly (lengths
    // differ by one at most, longer first), each pager marking its own page.
    private static void AssertPaged(List<(string Path, Pager Pager, int Items)> pages, int perPage)
    {
        var total = pages.Sum(p => p.Items);
        Assert.Equal(Math.Max(1, (total + perPage - 1) / perPage), pages.Count);
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Equal(SitePaths.Paged(pages[0].Path, i + 1), pages[i].Path);
            Assert.Equal(pages.Count, pages[i].Pager.Pages.Count);
            Assert.Equal(i + 1, pages[i].Pager.Pages.Single(p => p.Current).Number);
            Assert.InRange(pages[i].Items, 1, perPage);
            Assert.InRange(pages[0].Items - pages[i].Items, 0, 1);
        }
    }

    // Ten bureaus in three provinces, five years each with some missing, published on time, late and undated.
    private static SiteModel Model(TempFolder temp)
    {
        temp.Write("input/bureaus.yml", Bureaus);
        var ids = Bureaus.Split('\n').Select(l => l.Split("id: ")[1].Split(',')[0]).ToList();
        for (var b = 0; b < ids.Count; b++)
        {
            for (var year = 2018; year <= 2022; year++)
            {
                if ((b + year) % 4 == 1 && year != 2018)
                {
                    continue;
                }

                var published = (b + year) % 5 == 0 ? "unknown" : (b + year) % 3 == 0 ? $"{year + 1}-06-01" : $"{year + 1}-03-01";
                temp.Write($"input/reports/{ids[b]}-{year}.md", SampleInput.Report($"{ids[b]}-{year}", ids[b], year.ToString(CultureInfo.InvariantCulture), published));
            }
        }

        return new SiteModel(new CorpusReader().ReadValid(temp.Combine("input")), DivisionTable.Default) { Limits = Small };
    }

    /// <summary>The site's files in memory, each made as it is handed over.</summary>
    private sealed class MemoryOutput : ISiteOutput
    {
        public System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

        public void Write(string relativePath, byte[] bytes) => Files[relativePath] = bytes;

        public void Copy(string sourceFile, string relativePath) => Files[relativePath] = File.ReadAllBytes(sourceFile);

        public void Write(string relativePath, MadeFrom madeFrom, Func<ShownTexts, byte[]> make) =>
            Files[relativePath] = make(new ShownTexts(madeFrom.Shows, r => r.ReadBody()));

        public void WriteLines(string relativePath, MadeFrom madeFrom, Func<ShownTexts, EarlierLines?, LinesFile> make) =>
            Files[relativePath] = make(new ShownTexts(madeFrom.Shows, r => r.ReadBody()), null).Bytes;
    }
}
