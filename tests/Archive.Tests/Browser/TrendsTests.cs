using System.Globalization;
using System.Text;
using Archive.Corpus;
using Archive.Search.Contract;
using Archive.Tests.Search;
using Archive.Tests.Support;
using Microsoft.Playwright;

namespace Archive.Tests.Browser;

/// <summary>
/// The trends page: for each term and year, the share of that year's reports that contain the term, as a brute-force
/// scan counts it; within a province too; every point and cell links to the search that lists those reports; the CSV
/// holds the same numbers.
/// </summary>
public class TrendsTests(SiteInBrowser browser) : IClassFixture<SiteInBrowser>
{
    private static readonly string[] Terms = ["欠薪", "农民工", "仲裁"];
    private readonly Archive.Corpus.Corpus _corpus = new CorpusReader().ReadValid(RepoPaths.Input);

    [Theory]
    [InlineData(1280, "")]
    [InlineData(375, "440000")]
    public async Task Each_terms_share_of_each_years_reports_is_what_a_scan_counts_and_links_to_those_reports(int width, string region)
    {
        var inScope = _corpus.Reports.Where(r => region.Length == 0 || _corpus.BureauOf(r).DivisionCode.StartsWith(region[..2], StringComparison.Ordinal)).ToList();
        var query = string.Join('&', Terms.Select(t => "t=" + Uri.EscapeDataString(t))) + (region.Length > 0 ? "&region=" + region : "");
        var (page, errors) = await browser.OpenAsync("trends.html?" + query, width);
        await page.WaitForFunctionAsync("() => document.getElementById('trends-app').dataset.shown === new URLSearchParams(location.search).toString()");

        var years = Enumerable.Range(inScope.Min(r => r.Year), inScope.Max(r => r.Year) - inScope.Min(r => r.Year) + 1).ToList();
        var rows = await page.Locator("#trend-table tbody tr").AllAsync();
        Assert.Equal(years.Count, rows.Count);
        var csv = new List<string[]>();
        foreach (var (year, row) in years.Zip(rows))
        {
            var total = inScope.Count(r => r.Year == year);
            var cells = await row.Locator("td").AllTextContentsAsync();
            Assert.Equal(total.ToString(CultureInfo.InvariantCulture), cells[0]);
            foreach (var (term, i) in Terms.Select((t, i) => (t, i)))
            {
                var count = new BruteForceSearch(inScope.Where(r => r.Year == year).ToList()).Match(SearchQuery.Parse($"\"{term}\"")).Count;
                Assert.Equal(total == 0 ? "—" : $"{count}（{(double)count / total:P1}）".Replace(" ", "", StringComparison.Ordinal), cells[i + 1]);
                if (total > 0)
                {
                    csv.Add([year.ToString(CultureInfo.InvariantCulture), total.ToString(CultureInfo.InvariantCulture), term, count.ToString(CultureInfo.InvariantCulture), ((double)count / total).ToString("0.0000", CultureInfo.InvariantCulture)]);
                }
            }
        }

        // A point per term and year with reports, each linking to the search for those reports.
        var withReports = years.Count(y => inScope.Any(r => r.Year == y));
        var points = page.Locator("#trend-chart svg a");
        Assert.Equal(withReports * Terms.Length, await points.CountAsync());
        var href = await points.First.GetAttributeAsync("href");
        var firstYear = years.First(y => inScope.Any(r => r.Year == y));
        Assert.Equal($"search.html?q=%22{Uri.EscapeDataString(Terms[0])}%22&year={firstYear}" + (region.Length > 0 ? "&region=" + region : ""), href);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#trend-csv").ClickAsync());
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var parsed = StrictCsv.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        Assert.Equal(["year", "total", "term", "reports", "share"], parsed[0]);
        Assert.Equal(csv, parsed.Skip(1).ToList());

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(SiteInBrowser.ScreenshotFolder, $"trends-{width}.png"), FullPage = true });

        // Following a point lands on the search page listing exactly those reports.
        await points.First.ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('search-app')?.dataset.shown === new URLSearchParams(location.search).toString()");
        var expected = new BruteForceSearch(inScope.Where(r => r.Year == firstYear).ToList()).Match(SearchQuery.Parse($"\"{Terms[0]}\""));
        Assert.StartsWith($"找到 {expected.Count} 份报告", await page.Locator("#search-status").TextContentAsync());
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }
}
