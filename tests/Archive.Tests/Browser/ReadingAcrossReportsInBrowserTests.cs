using Archive.Build;
using Archive.Core;
using Archive.Tests.Support;
using Microsoft.Playwright;

namespace Archive.Tests.Browser;

/// <summary>
/// The pages that read across reports, in Chromium at desktop and phone widths: a bureau page with charts of the
/// measures its reports state year after year, and a report page with its comparison with the previous year and its
/// table of figures opened. The shipped input has no bureau with two years, so this builds a site of its own: one
/// bureau over five years whose reports state the same measures, with real paragraphs around them.
/// </summary>
public sealed class ReadingAcrossReportsInBrowserTests : IAsyncLifetime
{
    private readonly TempFolder _temp = new();
    private DebianChromium? _chromium;

    public async Task InitializeAsync()
    {
        var random = new Random(3);
        var reports = Enumerable.Range(2019, 5).Select(year => ($"r{year}.md", SampleInput.Report($"luohu-{year}", year: year.ToString(System.Globalization.CultureInfo.InvariantCulture), body:
            $"我局认真开展了年度法治政府建设工作。\n一、主要举措和成效\n全年办理行政复议案件{40 + (year % 7 * 9)}件，收到政府信息公开申请{1200 + (year % 5 * 310)}件，组织执法人员培训{year % 4 + 2}场次，农民工追回工资{year % 3 + 1}.{year % 10}亿元。\n"
            + FixtureReports.Paragraphs(random, 6)))).ToArray();
        SampleInput.Create(_temp, reports);
        new SiteBuilder().Build(new BuildPaths(_temp.Combine("input"), RepoPaths.Theme, _temp.Combine("output")));
        _chromium = await DebianChromium.ServeAsync(_temp.Combine("output"));
        Directory.CreateDirectory(SiteInBrowser.ScreenshotFolder);
    }

    public static TheoryData<string> Pages() => new(SitePaths.Bureau("440303-hrss"), SitePaths.Report("luohu-2023"));

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_renders_without_errors_fits_a_phone_and_has_no_accessibility_violations(string path)
    {
        foreach (var width in new[] { 1280, 375 })
        {
            var (page, errors) = await SiteInBrowser.OpenAsync(_chromium!.Browser, _chromium.Address, path, width);
            await OpenFiguresAsync(page);

            Assert.Empty(errors);
            var name = "figures-" + path.Replace('/', '_').Replace(".html", "", StringComparison.Ordinal);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(SiteInBrowser.ScreenshotFolder, $"{name}-{width}.png"), FullPage = true });
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{path} is {overflow}px wider than a {width}px screen");
            // What a reader came for is there and visible: four charts, or the opened table's rows and comparison.
            var shown = path.StartsWith("bureaus/", StringComparison.Ordinal)
                ? await page.Locator("figure.series svg.chart").CountAsync()
                : Math.Min(
                    await page.Locator("table.figures tbody tr").Filter(new LocatorFilterOptions { Visible = true }).CountAsync(),
                    await page.Locator("section.compare .diff > p").Filter(new LocatorFilterOptions { Visible = true }).CountAsync());
            Assert.True(shown >= 4, $"{path}: {shown} charts, rows or compared paragraphs shown");
            await page.Context.CloseAsync();

            var violations = await AccessibilityTests.ViolationsAsync(_chromium.Browser, _chromium.Address, path, width, OpenFiguresAsync);
            Assert.True(violations.Count == 0, $"{path} at {width}px:\n{string.Join('\n', violations)}");
        }
    }

    // A report's comparison and table of figures are closed until the reader opens them.
    private static async Task OpenFiguresAsync(IPage page)
    {
        foreach (var summary in await page.Locator("section.figures summary, section.compare summary").AllAsync())
        {
            await summary.ClickAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        _temp.Dispose();
    }
}
