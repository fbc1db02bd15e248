using Archive.Tests.Support;
using System.Text.Json;
using Microsoft.Playwright;
using Archive.Core;

namespace Archive.Tests.Browser;

/// <summary>
/// Every kind of page, at desktop and phone widths, with search results and the 404 page, has no accessibility
/// violation axe-core (4.14, the npm package test.sh installs) finds under WCAG 2.1 A and AA and its best practices.
/// </summary>
public class AccessibilityTests(SiteInBrowser browser) : IClassFixture<SiteInBrowser>
{
    private static readonly string Axe = Path.Combine(RepoPaths.Root, "tests", "js", "node_modules", "axe-core", "axe.min.js");

    public static TheoryData<string> Pages() =>
        new([.. PageRenderingTests.PagePaths(), SitePaths.Search + "?q=" + Uri.EscapeDataString("欠薪"), PageRenderingTests.PagePaths().ElementAt(1) + "?q=" + Uri.EscapeDataString("法治"), SitePaths.Trends + "?t=" + Uri.EscapeDataString("欠薪") + "&t=" + Uri.EscapeDataString("农民工"), "404.html"]);

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_has_no_accessibility_violations_on_desktop_or_phone(string path)
    {
        foreach (var width in new[] { 1280, 375 })
        {
            var violations = await ViolationsAsync(browser, path, width);
            Assert.True(violations.Count == 0, $"{path} at {width}px:\n{string.Join('\n', violations)}");
        }
    }

    /// <summary>What axe-core finds on the page at the width, one line per rule broken, with where.</summary>
    internal static Task<List<string>> ViolationsAsync(SiteInBrowser browser, string path, int width) =>
        ViolationsAsync(browser.Browser, browser.Address, path, width);

    /// <summary>
    /// What axe-core finds on the page of the site served at <paramref name="address"/>, after <paramref name="prepare"/>
    /// (opening a closed part, say), one line per rule broken, with where.
    /// </summary>
    internal static async Task<List<string>> ViolationsAsync(IBrowser browser, string address, string path, int width, Func<IPage, Task>? prepare = null)
    {
        Assert.True(File.Exists(Axe), $"{Axe} is missing: run test.sh, which installs the npm packages of tests/js");
        // axe is injected as a script of its own, which the pages' Content-Security-Policy would refuse.
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 }, Locale = "zh-CN", BypassCSP = true });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(address + path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            if (prepare is not null)
            {
                await prepare(page);
            }

            if (path.StartsWith(SitePaths.Search + "?q=", StringComparison.Ordinal))
            {
                await page.WaitForFunctionAsync("() => document.getElementById('search-app').dataset.shown === new URLSearchParams(location.search).toString()");
            }
            else if (path.StartsWith(SitePaths.Trends + "?", StringComparison.Ordinal))
            {
                await page.WaitForFunctionAsync("() => document.getElementById('trends-app').dataset.shown === new URLSearchParams(location.search).toString()");
            }
            else if (path.Contains("?q=", StringComparison.Ordinal))
            {
                // A report opened from a search: its hits marked and the bar to step through them.
                await page.WaitForFunctionAsync("() => document.querySelector('article.report')?.dataset.hits > 0");
            }

            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Axe });
            var json = await page.EvaluateAsync<string>(
                "async () => JSON.stringify((await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })).violations.map(v => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })))");
            using var violations = JsonDocument.Parse(json);
            return [.. violations.RootElement.EnumerateArray().Select(v => $"{v.GetProperty("id").GetString()}: {v.GetProperty("help").GetString()} at {string.Join(", ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))}")];
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
