using Archive.Build;
using Archive.Core;
using Archive.Tests.Support;
using Microsoft.Playwright;

namespace Archive.Tests.Browser;

/// <summary>
/// Key terms and similar reports as a reader meets them, in Chromium at desktop and phone widths
/// (<see cref="KeyTermsCorpus"/>): the report page with its terms and similar reports, the bureau page with its terms.
/// A term's link opens the search page, which runs the search for it and lists the report.
/// </summary>
public sealed class KeyTermsInBrowserTests : IAsyncLifetime
{
    private readonly TempFolder _temp = new();
    private DebianChromium? _chromium;

    public async Task InitializeAsync()
    {
        KeyTermsCorpus.Write(_temp);
        new SiteBuilder().Build(new BuildPaths(_temp.Combine("input"), RepoPaths.Theme, _temp.Combine("output")));
        _chromium = await DebianChromium.ServeAsync(_temp.Combine("output"));
        Directory.CreateDirectory(SiteInBrowser.ScreenshotFolder);
    }

    public static TheoryData<string> Pages() => new(SitePaths.Report(KeyTermsCorpus.First), SitePaths.Bureau(KeyTermsCorpus.FirstBureau));

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_renders_without_errors_fits_a_phone_and_has_no_accessibility_violations(string path)
    {
        foreach (var width in new[] { 1280, 375 })
        {
            var page = await SiteInBrowser.OpenCheckedAsync(_chromium!.Browser, _chromium.Address, path, width, "terms");
            Assert.True(await page.Locator("ul.terms a").First.IsVisibleAsync(), $"{path}: no visible key term");
            if (path.StartsWith("reports/", StringComparison.Ordinal))
            {
                Assert.Equal(5, await page.Locator("ol.similar-list li").CountAsync());
                Assert.True(await page.Locator("ol.similar-list a").First.IsVisibleAsync());
            }

            await page.Context.CloseAsync();

            var violations = await AccessibilityTests.ViolationsAsync(_chromium.Browser, _chromium.Address, path, width);
            Assert.True(violations.Count == 0, $"{path} at {width}px:\n{string.Join('\n', violations)}");
        }
    }

    [Fact]
    public async Task A_terms_link_opens_the_search_for_it_whose_results_hold_the_report()
    {
        var (page, errors) = await SiteInBrowser.OpenAsync(_chromium!.Browser, _chromium.Address, SitePaths.Report(KeyTermsCorpus.First), 375);
        await page.Locator("ul.terms a", new PageLocatorOptions { HasText = "岩画" }).ClickAsync();
        await page.WaitForURLAsync("**/search.html?q=*");
        Assert.Equal("\"岩画\"", await page.Locator("#q").InputValueAsync());
        var results = page.Locator("#search-results");
        await results.Locator($"a[href*=\"{KeyTermsCorpus.First}\"]").First.WaitForAsync();
        // The two reports that use the word, and no other.
        Assert.Equal(2, await results.Locator("> li").CountAsync());
        Assert.Equal(1, await results.Locator($"a[href*=\"{KeyTermsCorpus.Second}\"]").Locator("nth=0").CountAsync());
        Assert.Empty(errors);
        await page.Context.CloseAsync();
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
