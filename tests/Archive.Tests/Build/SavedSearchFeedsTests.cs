using System.Xml.Linq;
using Archive.Build;
using Archive.Corpus;
using Archive.Search.Contract;
using Archive.Tests.Search;
using Archive.Tests.Support;
using Microsoft.Playwright;

namespace Archive.Tests.Build;

/// <summary>
/// Saved searches (input/watch.yml): each gets an Atom feed of exactly the reports a brute-force scan finds within its
/// filters; a rebuild after a report changes finds it again (the matches of unchanged reports come from the cache) and
/// writes what a build from scratch writes; the search page lists them and links the feed of the search it shows.
/// </summary>
public sealed class SavedSearchFeedsTests : IAsyncLifetime
{
    private const string Watch = """
        # 测试用的订阅检索
        - id: qianxin
          name: 欠薪
          query: 欠薪
        - id: gd-2020
          name: 广东2020年农民工与欠薪
          query: 农民工 OR 欠薪 -口罩
          regions: ["440000"]
          years: [2020]
        """;

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private readonly TempFolder _temp = new();

    private string Input => _temp.Combine("input");

    public Task InitializeAsync()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.Input, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Input, Path.GetRelativePath(RepoPaths.Input, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.WriteAllText(Path.Combine(Input, SavedSearches.FileName), Watch);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Each_feed_holds_what_a_scan_finds_a_rebuild_matches_changed_reports_again_and_the_page_links_the_feed()
    {
        var output = _temp.Combine("output");
        var cache = _temp.Combine("cache");
        new SiteBuilder().Build(new BuildPaths(Input, RepoPaths.Theme, output, cache));
        AssertFeeds(output);
        Assert.Contains("qianxin", File.ReadAllText(Path.Combine(output, "watch.json")));

        // A report that did not say 欠薪 now does: the rebuild must read it again, not take its old matches.
        var corpus = new CorpusReader().ReadValid(Input);
        var silent = corpus.Reports.First(r => !new BruteForceSearch([r]).Match("欠薪").ContainsKey(r.Id));
        File.AppendAllText(Path.Combine(Input, "reports", silent.Id + ".md"), "\n持续开展根治欠薪专项行动。\n");
        new SiteBuilder().Build(new BuildPaths(Input, RepoPaths.Theme, output, cache));
        var ids = AssertFeeds(output);
        Assert.Contains(silent.Id, ids["qianxin"]);

        var fresh = _temp.Combine("fresh");
        new SiteBuilder().Build(new BuildPaths(Input, RepoPaths.Theme, fresh, _temp.Combine("fresh-cache")));
        foreach (var path in new[] { "watch/qianxin.xml", "watch/gd-2020.xml", "watch.json", "search.html" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(fresh, path)), File.ReadAllBytes(Path.Combine(output, path)));
        }

        await using var chromium = await DebianChromium.ServeAsync(output);
        var page = await chromium.Browser.NewPageAsync();
        await page.GotoAsync(chromium.Address + "search.html", new() { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.Equal(2, await page.Locator(".saved-searches li").CountAsync());
        await page.Locator(".saved-searches li a").Nth(2).ClickAsync();
        // The click loads a new document: wait for it, since the old page (no query) already shows what its URL asks.
        await page.WaitForURLAsync(url => url.Contains('?', StringComparison.Ordinal));
        await page.WaitForFunctionAsync("() => document.getElementById('search-app')?.dataset.shown === new URLSearchParams(location.search).toString()");
        Assert.True(await page.Locator("#search-feed").IsVisibleAsync());
        Assert.EndsWith("watch/gd-2020.xml", await page.Locator("#search-feed-link").GetAttributeAsync("href"));
        Assert.Equal(ids["gd-2020"].Count, int.Parse((await page.Locator("#search-status").TextContentAsync())!.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));

        await page.GotoAsync(chromium.Address + "search.html?q=" + Uri.EscapeDataString("法治"), new() { WaitUntil = WaitUntilState.NetworkIdle });
        await page.WaitForFunctionAsync("() => document.getElementById('search-app')?.dataset.shown === new URLSearchParams(location.search).toString()");
        Assert.False(await page.Locator("#search-feed").IsVisibleAsync());
    }

    [Fact]
    public void A_filter_that_can_match_nothing_is_named()
    {
        File.WriteAllText(Path.Combine(Input, SavedSearches.FileName), """
            - id: bad
              name: 错误的筛选
              query: 欠薪
              regions: ["999999"]
              kinds: ["公安"]
              bureaus: ["nobody-hrss"]
            - id: bad
              name: 重复
              query: 欠薪
            """);

        var problems = new CorpusReader().Read(Input).Problems.Where(p => p.File == "input/watch.yml").Select(p => p.Message).ToList();

        Assert.Contains(problems, m => m.Contains("region '999999'", StringComparison.Ordinal));
        Assert.Contains(problems, m => m.Contains("kind '公安'", StringComparison.Ordinal) && m.Contains("人力资源和社会保障", StringComparison.Ordinal));
        Assert.Contains(problems, m => m.Contains("bureau 'nobody-hrss'", StringComparison.Ordinal));
        Assert.Contains(problems, m => m.Contains("id 'bad' is used twice", StringComparison.Ordinal));
    }

    // Each feed's entries are the reports a brute-force scan finds within the saved search's filters; returns their ids.
    private Dictionary<string, List<string>> AssertFeeds(string output)
    {
        var corpus = new CorpusReader().ReadValid(Input);
        var all = new Dictionary<string, List<string>>();
        foreach (var saved in corpus.SavedSearches)
        {
            // The filters of the two saved searches above, written out here rather than taken from SavedSearch.Passes.
            var inScope = saved.Id == "gd-2020"
                ? corpus.Reports.Where(r => r.Year == 2020 && corpus.BureauOf(r).DivisionCode.StartsWith("44", StringComparison.Ordinal)).ToList()
                : [.. corpus.Reports];
            var expected = new BruteForceSearch(inScope).Match(SearchQuery.Parse(saved.Query)).Keys.Order(StringComparer.Ordinal).ToList();
            var feed = XDocument.Parse(File.ReadAllText(Path.Combine(output, "watch", saved.Id + ".xml")));
            var ids = feed.Root!.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value.Split('/')[^1].Replace(".html", "", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, ids);
            all[saved.Id] = ids;
        }

        Assert.NotEmpty(all["qianxin"]);
        Assert.NotEmpty(all["gd-2020"]);
        Assert.True(all["gd-2020"].Count < corpus.Reports.Count);
        return all;
    }
}
