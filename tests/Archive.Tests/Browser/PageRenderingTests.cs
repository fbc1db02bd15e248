using Archive.Tests.Support;
using System.Globalization;
using Microsoft.Playwright;
using Archive.Core;
using Archive.Corpus;

namespace Archive.Tests.Browser;

public class PageRenderingTests(SiteInBrowser browser) : IClassFixture<SiteInBrowser>
{
    private readonly Archive.Corpus.Corpus _corpus = new CorpusReader().ReadValid(RepoPaths.Input);

    public static TheoryData<string> Pages() => new(PagePaths());

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_renders_without_errors_on_desktop_and_phone(string path)
    {
        foreach (var width in new[] { 1280, 375 })
        {
            var (page, errors) = await browser.OpenAsync(path, width);
            Assert.Empty(errors);
            Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
            Assert.False(string.IsNullOrWhiteSpace(await page.InnerTextAsync("h1")));
            // The screenshot first: a page too wide is what one needs to look at.
            var name = path.Replace('/', '_').Replace(".html", "", StringComparison.Ordinal);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(SiteInBrowser.ScreenshotFolder, $"{name}-{width}.png"), FullPage = true });
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{path} is {overflow}px wider than a {width}px screen");
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Report_text_reads_at_16_to_18px_with_generous_line_height_and_a_cjk_font()
    {
        var report = _corpus.Reports[0];
        var (page, _) = await browser.OpenAsync(SitePaths.Report(report.Id));
        var style = await page.EvaluateAsync<string[]>(
            "() => { const s = getComputedStyle(document.querySelector('.body p')); return [s.fontSize, s.lineHeight, s.fontFamily]; }");
        var size = double.Parse(style[0].Replace("px", ""), CultureInfo.InvariantCulture);
        var lineHeight = double.Parse(style[1].Replace("px", ""), CultureInfo.InvariantCulture);

        Assert.InRange(size, 16, 18);
        Assert.InRange(lineHeight / size, 1.7, 1.9);
        Assert.Contains("Noto Sans CJK SC", style[2]);
    }

    [Fact]
    public async Task A_paragraph_link_cites_the_paragraph_and_the_browser_scrolls_to_it()
    {
        var report = _corpus.Reports.OrderByDescending(r => r.ReadBody().AllParagraphs.Count()).First();
        var paragraph = report.ReadBody().AllParagraphs.Last();
        var (page, _) = await browser.OpenAsync(SitePaths.Report(report.Id) + "#" + paragraph.Anchor, 1280, 700);

        // Scrolled to, the paragraph's top is at the window's top up to a pixel: the lines above it are fractions of one
        // (28.8 px at 16 px × 1.8), and the scroll position is whole pixels.
        var inView = await page.EvaluateAsync<bool>(
            $"() => {{ const r = document.getElementById('{paragraph.Anchor}').getBoundingClientRect(); return r.top > -1 && r.top < window.innerHeight; }}");
        Assert.True(inView);
        await page.ClickAsync($"#{paragraph.Anchor} a.cite");
        Assert.EndsWith("#" + paragraph.Anchor, page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bureau_timeline_shows_every_year_from_its_first_report_to_the_archive_newest_with_gaps_marked()
    {
        var bureau = _corpus.Bureaus.First(b => _corpus.Reports.Any(r => r.BureauId == b.Id));
        var years = _corpus.Reports.Where(r => r.BureauId == bureau.Id).Select(r => r.Year).ToHashSet();
        var last = _corpus.Reports.Max(r => r.Year);
        var (page, _) = await browser.OpenAsync(SitePaths.Bureau(bureau.Id));

        var cells = page.Locator("ol.timeline li");
        var texts = await cells.AllInnerTextsAsync();
        var expected = Enumerable.Range(years.Min(), last - years.Min() + 1).ToList();

        Assert.Equal(expected.Select(y => y.ToString(CultureInfo.InvariantCulture)), texts.Select(c => c.Trim()[..4]));
        // A gap is missing once its deadline (1 April after the year) is on or before the archive's date: the latest
        // published date, an undated report counting from 1 January after its year; until then it is pending.
        var archiveDate = _corpus.Reports.Max(r => r.Published is DateOnly p && p > new DateOnly(r.Year + 1, 1, 1) ? p : new DateOnly(r.Year + 1, 1, 1));
        for (var i = 0; i < expected.Count; i++)
        {
            var state = (await cells.Nth(i).GetAttributeAsync("class"))!;
            var gap = !years.Contains(expected[i]);
            Assert.Equal(gap && new DateOnly(expected[i] + 1, 4, 1) <= archiveDate, state.Contains("missing", StringComparison.Ordinal));
            Assert.Equal(gap && new DateOnly(expected[i] + 1, 4, 1) > archiveDate, state.Contains("pending", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_missing_address_gets_the_404_page_with_working_links()
    {
        var (page, _) = await browser.OpenAsync("no/such/page.html");

        Assert.Equal("页面不存在", await page.InnerTextAsync("h1"));
        await page.ClickAsync("text=返回首页");
        Assert.Equal(_corpus.Settings.Title, (await page.InnerTextAsync("h1")).Trim());
    }

    internal static IEnumerable<string> PagePaths()
    {
        var corpus = new CorpusReader().ReadValid(RepoPaths.Input);
        var report = corpus.Reports[0];
        var province = corpus.BureauOf(report).DivisionCode[..2] + "0000";
        return
        [
            SitePaths.Home,
            SitePaths.Report(report.Id),
            SitePaths.Bureau(report.BureauId),
            SitePaths.Regions,
            SitePaths.Region(corpus.BureauOf(report).DivisionCode),
            SitePaths.Years,
            SitePaths.Year(report.Year),
            SitePaths.Bureaus,
            SitePaths.Matrix,
            // The lists of a province: its reports of a year, its bureaus, its part of the matrix.
            SitePaths.YearIn(report.Year, province),
            SitePaths.BureausIn(province),
            SitePaths.MatrixIn(province),
            SitePaths.Search,
            SitePaths.Trends,
            SitePaths.Statistics,
            SitePaths.Methods,
        ];
    }
}
