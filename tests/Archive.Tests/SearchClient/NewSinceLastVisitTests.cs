using Archive.Build;
using Archive.Tests.Support;
using Microsoft.Playwright;

namespace Archive.Tests.SearchClient;

/// <summary>
/// Following a search without an account: the search page remembers, in this browser only, which reports a search
/// found, and after the archive gains a report it marks that one as new, and only that one.
/// </summary>
public sealed class NewSinceLastVisitTests
{
    [Fact]
    public async Task After_a_rebuild_with_one_more_report_only_that_report_is_marked_new()
    {
        using var temp = new TempFolder();
        var input = FixtureReports.WriteCorpus(temp.Combine("input"), 14, seed: 9, ["440303-hrss", "120102-hrss", "330502-hrss"], 3, 6);
        var output = temp.Combine("output");
        new SiteBuilder().Build(new BuildPaths(input, RepoPaths.Theme, output, temp.Combine("cache")));
        await using var chromium = await DebianChromium.ServeAsync(output);
        await using var search = await SearchPage.OpenAsync(chromium.Browser, chromium.Address, "search.html?q=" + Uri.EscapeDataString("依法行政"));
        await search.WaitForResultsAsync();
        Assert.Equal(0, await search.Page.Locator(".result .badge.new").CountAsync());
        Assert.Equal("", await search.Page.Locator("#search-new").TextContentAsync());

        // Remembered once shown for a moment; a visit is a browser session: a new one (a new page of the same context
        // keeps localStorage, and a cleared sessionStorage stands for a new session) compares with the last.
        await search.Page.WaitForTimeoutAsync(2000);
        await NewSessionAsync(search);
        Assert.StartsWith("自上次在本浏览器中进行这项检索", await search.Page.Locator("#search-new").TextContentAsync());
        Assert.Contains("新增 0 份报告", await search.Page.Locator("#search-new").TextContentAsync());

        // One more report, of a bureau and year that already have one: it sorts among the others, not after them.
        var first = Directory.GetFiles(Path.Combine(input, "reports")).Order(StringComparer.Ordinal).First();
        var added = Path.Combine(input, "reports", "r9999.md");
        var text = File.ReadAllText(first);
        var id = System.Text.RegularExpressions.Regex.Match(text, @"\nid: ([^\n]+)").Groups[1].Value.Trim().Trim('"') + "-b";
        File.WriteAllText(added, System.Text.RegularExpressions.Regex.Replace(text, @"\nid: [^\n]+", "\nid: " + id).Replace("依法行政", "依法行政、新增报告", StringComparison.Ordinal));
        new SiteBuilder().Build(new BuildPaths(input, RepoPaths.Theme, output, temp.Combine("cache")));
        await search.Page.WaitForTimeoutAsync(2000);
        await NewSessionAsync(search);

        Assert.Contains("新增 1 份报告", await search.Page.Locator("#search-new").TextContentAsync());
        // Within the same visit a reload keeps the marks.
        await search.Page.WaitForTimeoutAsync(2000);
        await search.Page.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await search.WaitForResultsAsync();
        Assert.Contains("新增 1 份报告", await search.Page.Locator("#search-new").TextContentAsync());
        while (await search.Page.Locator("#search-more").IsVisibleAsync())
        {
            await search.Page.Locator("#search-more").ClickAsync();
        }

        var marked = search.Page.Locator(".result.new");
        await Assertions.Expect(marked).ToHaveCountAsync(1);
        Assert.Equal(id, await marked.GetAttributeAsync("data-id"));
        Assert.Empty(search.Errors);
    }

    // A new visit: the browser session's storage is gone, the site's localStorage stays.
    private static async Task NewSessionAsync(SearchPage search)
    {
        await search.Page.EvaluateAsync("() => sessionStorage.clear()");
        await search.Page.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await search.WaitForResultsAsync();
    }
}
