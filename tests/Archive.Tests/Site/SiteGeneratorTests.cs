using Archive.Tests.Support;
using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Archive.Core;
using Archive.Corpus;

namespace Archive.Tests.Site;

public class SiteGeneratorTests(BuiltSite site) : IClassFixture<BuiltSite>
{
    private static readonly HtmlParser Parser = new();
    private readonly Archive.Corpus.Corpus _corpus = new CorpusReader().ReadValid(RepoPaths.Input);

    [Fact]
    public void Every_shipped_report_bureau_region_and_year_has_its_page()
    {
        Assert.NotEmpty(_corpus.Reports);
        foreach (var report in _corpus.Reports)
        {
            Assert.True(File.Exists(Path.Combine(site.Output, SitePaths.Report(report.Id))), report.Id);
            Assert.True(File.Exists(Path.Combine(site.Output, SitePaths.Bureau(report.BureauId))), report.BureauId);
            Assert.True(File.Exists(Path.Combine(site.Output, SitePaths.Year(report.Year))), report.Year.ToString(CultureInfo.InvariantCulture));
            Assert.True(File.Exists(Path.Combine(site.Output, SitePaths.Region(_corpus.BureauOf(report).DivisionCode))));
        }

        foreach (var page in new[] { SitePaths.Home, SitePaths.Search, SitePaths.Matrix, SitePaths.Regions, SitePaths.Years, SitePaths.Bureaus, SitePaths.NotFound })
        {
            Assert.True(File.Exists(Path.Combine(site.Output, page)), page);
        }
    }

    [Fact]
    public void No_internal_link_or_anchor_is_broken()
    {
        var (checkedLinks, broken) = SiteLinks.Check(site.Output);

        Assert.True(checkedLinks > 100, $"only {checkedLinks} links checked");
        Assert.Empty(broken);
    }

    [Fact]
    public void Feeds_and_sitemap_are_valid_xml_listing_every_report()
    {
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(site.Read(SitePaths.Feed));
        Assert.Equal(atom + "feed", feed.Root!.Name);
        Assert.Equal(_corpus.Reports.Count, feed.Root.Elements(atom + "entry").Count());
        Assert.All(feed.Root.Elements(atom + "entry"), e => Assert.NotNull(e.Element(atom + "updated")));

        foreach (var bureau in _corpus.Bureaus.Where(b => _corpus.Reports.Any(r => r.BureauId == b.Id)))
        {
            var bureauFeed = XDocument.Parse(site.Read(SitePaths.BureauFeed(bureau.Id)));
            Assert.Equal(_corpus.Reports.Count(r => r.BureauId == bureau.Id), bureauFeed.Root!.Elements(atom + "entry").Count());
        }

        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var sitemap = XDocument.Parse(site.Read(SitePaths.Sitemap));
        var locations = sitemap.Root!.Elements(sm + "url").Select(u => u.Element(sm + "loc")!.Value).ToList();
        Assert.All(_corpus.Reports, r => Assert.Contains(_corpus.Settings.AbsoluteRoot + SitePaths.Report(r.Id), locations));
        Assert.All(locations, l => Assert.True(Uri.IsWellFormedUriString(l, UriKind.Absolute), l));
        Assert.Contains("Sitemap: " + _corpus.Settings.AbsoluteRoot + SitePaths.Sitemap, site.Read(SitePaths.Robots));
    }

    [Fact]
    public void Open_data_downloads_parse_and_list_every_report()
    {
        var csvLines = site.Read(SitePaths.DataCsv).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,title,bureau_id", csvLines[0]);
        Assert.Equal(_corpus.Reports.Count, csvLines.Length - 1);
        Assert.All(_corpus.Reports, r => Assert.Contains(csvLines, l => l.StartsWith(r.Id + ",", StringComparison.Ordinal)));

        using var json = JsonDocument.Parse(site.Read(SitePaths.DataJson));
        Assert.Equal(_corpus.Reports.Select(r => r.Id), json.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()));

        // A file per year and province (the bureau's division's first two digits), its reports in id order.
        var files = _corpus.Reports.GroupBy(r => (r.Year, Province: _corpus.BureauOf(r).DivisionCode[..2] + "0000")).ToList();
        Assert.True(files.Count > 1);
        foreach (var file in files)
        {
            var lines = site.Read(SitePaths.DataJsonLines(file.Key.Year, file.Key.Province)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(file.Count(), lines.Length);
            foreach (var (line, report) in lines.Zip(file.OrderBy(r => r.Id, StringComparer.Ordinal)))
            {
                using var record = JsonDocument.Parse(line);
                Assert.Equal(report.Id, record.RootElement.GetProperty("id").GetString());
                Assert.Equal(report.ReadBody().PlainText, record.RootElement.GetProperty("text").GetString());
            }
        }
    }

    [Fact]
    public void Each_year_page_links_the_full_texts_of_each_of_its_provinces()
    {
        foreach (var year in _corpus.Reports.GroupBy(r => r.Year))
        {
            var page = Parser.ParseDocument(site.Read(SitePaths.Year(year.Key)));
            var linked = page.QuerySelectorAll("a[href$='.jsonl']").Select(a => new Uri(new Uri("http://site/" + SitePaths.Year(year.Key)), a.GetAttribute("href")!).AbsolutePath.TrimStart('/')).Order().ToList();
            var expected = year.Select(r => SitePaths.DataJsonLines(year.Key, _corpus.BureauOf(r).DivisionCode[..2] + "0000")).Distinct().Order().ToList();
            Assert.Equal(expected, linked);
            Assert.All(linked, path => Assert.True(File.Exists(Path.Combine(site.Output, path)), path));
        }
    }

    [Fact]
    public void Report_pages_carry_a_table_of_contents_and_an_anchor_on_every_paragraph()
    {
        foreach (var report in _corpus.Reports)
        {
            var document = Parser.ParseDocument(site.Read(SitePaths.Report(report.Id)));
            Assert.Equal("zh-CN", document.DocumentElement.GetAttribute("lang"));
            Assert.Equal(report.Title, document.QuerySelector("h1")!.TextContent);
            foreach (var paragraph in report.ReadBody().AllParagraphs)
            {
                var element = document.GetElementById(paragraph.Anchor);
                Assert.NotNull(element);
                Assert.StartsWith(paragraph.Text, element.TextContent, StringComparison.Ordinal);
            }

            Assert.Equal(report.ReadBody().AllSections.Count(), document.QuerySelectorAll(".toc li").Length);
        }
    }

    [Fact]
    public void Partials_render_as_markup_so_lists_and_timelines_are_real_elements()
    {
        var home = Parser.ParseDocument(site.Read(SitePaths.Home));
        Assert.Equal(Math.Min(10, _corpus.Reports.Count), home.QuerySelectorAll("ol.reports > li > a.title").Length);
        Assert.DoesNotContain("&lt;", home.QuerySelector("main")!.InnerHtml, StringComparison.Ordinal);

        var bureau = _corpus.BureauOf(_corpus.Reports[0]);
        var page = Parser.ParseDocument(site.Read(SitePaths.Bureau(bureau.Id)));
        Assert.NotEmpty(page.QuerySelectorAll("ol.timeline > li.cell"));
    }

    [Fact]
    public void Text_files_have_gzip_and_brotli_copies_that_decompress_to_the_original()
    {
        var home = Path.Combine(site.Output, SitePaths.Home);
        using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(home + ".gz"), System.IO.Compression.CompressionMode.Decompress);
        using var brotli = new System.IO.Compression.BrotliStream(File.OpenRead(home + ".br"), System.IO.Compression.CompressionMode.Decompress);
        var original = File.ReadAllText(home);
        Assert.Equal(original, new StreamReader(gzip).ReadToEnd());
        Assert.Equal(original, new StreamReader(brotli).ReadToEnd());
    }

    [Fact]
    public void The_sitemap_and_feeds_are_well_formed_for_a_strict_xml_reader()
    {
        foreach (var file in Directory.EnumerateFiles(site.Output, "*.xml", SearchOption.AllDirectories))
        {
            using var reader = XmlReader.Create(file, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
            while (reader.Read())
            {
            }

            Assert.Contains("encoding=\"utf-8\"", File.ReadLines(file).First(), StringComparison.OrdinalIgnoreCase);
        }
    }
}
