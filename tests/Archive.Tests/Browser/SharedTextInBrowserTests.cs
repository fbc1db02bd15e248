using Archive.Build;
using Archive.Core;
using Archive.Tests.Support;
using Microsoft.Playwright;

namespace Archive.Tests.Browser;

/// <summary>
/// Shared text as a reader meets it, in Chromium at desktop and phone widths (<see cref="SharedTextCorpus"/>): a
/// report page with its shared paragraphs marked and listed and the flag of a report it mostly shares its text with,
/// and the bureau page that flags it. A mark leads to the paragraph's entry in the list, and the entry's link to the
/// same paragraph in the other bureau's report.
/// </summary>
public sealed class SharedTextInBrowserTests : IAsyncLifetime
{
    private readonly TempFolder _temp = new();
    private DebianChromium? _chromium;

    public async Task InitializeAsync()
    {
        SharedTextCorpus.Write(_temp);
        new SiteBuilder().Build(new BuildPaths(_temp.Combine("input"), RepoPaths.Theme, _temp.Combine("output")));
        _chromium = await DebianChromium.ServeAsync(_temp.Combine("output"));
        Directory.CreateDirectory(SiteInBrowser.ScreenshotFolder);
    }

    public static TheoryData<string> Pages() => new(SitePaths.Report("luohu-2021"), SitePaths.Bureau("120102-hrss"));

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_renders_without_errors_fits_a_phone_and_has_no_accessibility_violations(string path)
    {
        foreach (var width in new[] { 1280, 375 })
        {
            var page = await SiteInBrowser.OpenCheckedAsync(_chromium!.Browser, _chromium.Address, path, width, "shared");
            // The flag is visible: on the report, above its text; on the bureau page, its section.
            var flag = page.Locator(path.StartsWith("bureaus/", StringComparison.Ordinal) ? "section.overlaps li" : "p.overlap-note");
            Assert.True(await flag.First.IsVisibleAsync(), $"{path}: no visible flag");
            await page.Context.CloseAsync();

            var violations = await AccessibilityTests.ViolationsAsync(_chromium.Browser, _chromium.Address, path, width);
            Assert.True(violations.Count == 0, $"{path} at {width}px:\n{string.Join('\n', violations)}");
        }
    }

    [Fact]
    public async Task A_mark_leads_to_its_entry_and_the_entry_to_the_same_paragraph_in_the_other_report()
    {
        var page = await _chromium!.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 375, Height = 800 }, Locale = "zh-CN" });
        await page.GotoAsync(_chromium.Address + SitePaths.Report("luohu-2021"));
        Assert.Equal(8, await page.Locator("a.shared-mark").CountAsync());

        await page.Locator("#p9 a.shared-mark").ClickAsync();
        Assert.EndsWith("#shared-p9", page.Url, StringComparison.Ordinal);
        var entry = page.Locator("#shared-p9");
        Assert.True(await entry.IsVisibleAsync());
        Assert.Contains("另见于 1 份其他部门的报告", await entry.InnerTextAsync(), StringComparison.Ordinal);
        var quoted = (await entry.Locator("q").InnerTextAsync()).TrimEnd('…');

        await entry.Locator("a", new LocatorLocatorOptions { HasText = "吴兴区" }).ClickAsync();
        await page.WaitForURLAsync("**/wuxing-2021.html#p2");
        // The paragraph it lands on is the one copied: its text starts as the entry quoted it.
        Assert.StartsWith(quoted, await page.EvaluateAsync<string>("() => document.getElementById('p2').firstChild.textContent"), StringComparison.Ordinal);
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
