using Archive.Tests.Search;
using Archive.Tests.Support;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Archive.Corpus;
using Archive.Search.Contract;

namespace Archive.Tests.SearchClient;

/// <summary>The search page in headless Chromium: typing, counts, filters, URL state, passages, safety, layout.</summary>
public class SearchPageTests(SiteInBrowser browser) : IClassFixture<SiteInBrowser>
{
    private const string Term = "欠薪";
    private readonly Archive.Corpus.Corpus _corpus = new CorpusReader().ReadValid(RepoPaths.Input);

    [Fact]
    public async Task Typing_shows_results_without_Enter_and_the_status_counts_what_a_brute_force_scan_finds()
    {
        await using var search = await SearchPage.OpenAsync(browser);

        await search.TypeAsync(Term);

        var expected = Expected(Term);
        Assert.Equal($"找到 {expected.Count} 份报告，共 {expected.Values.Sum()} 处", await search.Status.TextContentAsync());
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), (await Attributes(search.Results, "data-id")).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Keys.Select(k => expected[k].ToString(CultureInfo.InvariantCulture)).Order(), (await Attributes(search.Results, "data-hits")).Order());
        Assert.Equal("polite", await search.Status.GetAttributeAsync("aria-live"));
        Assert.Contains("q=" + Uri.EscapeDataString(Term), search.Page.Url, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(search.Errors);
    }

    [Fact]
    public async Task Enter_searches_without_reloading_the_page()
    {
        await using var search = await SearchPage.OpenAsync(browser);
        await search.Page.EvaluateAsync("() => window.notReloaded = true");

        await search.Page.Locator("#q").FillAsync("民工");
        await search.Page.Locator("#q").PressAsync("Enter");
        await search.WaitForResultsAsync();

        Assert.True(await search.Page.EvaluateAsync<bool>("() => window.notReloaded === true"));
        Assert.StartsWith("找到", await search.Status.TextContentAsync());
    }

    [Fact]
    public async Task Year_and_bureau_filters_update_counts_and_address_and_survive_reload_and_back()
    {
        var expected = Expected(Term);
        var reports = _corpus.Reports.Where(r => expected.ContainsKey(r.Id)).ToList();
        var year = reports.GroupBy(r => r.Year).OrderByDescending(g => g.Count()).First().Key;
        var bureau = reports.First(r => r.Year == year).BureauId;
        await using var search = await SearchPage.OpenAsync(browser, "search.html?q=" + Uri.EscapeDataString(Term));
        await search.WaitForResultsAsync();

        await search.Page.CheckAsync($"#f-year input[value='{year}']");
        await search.WaitForResultsAsync();
        var inYear = reports.Where(r => r.Year == year).ToList();
        Assert.Equal($"找到 {inYear.Count} 份报告，共 {inYear.Sum(r => expected[r.Id])} 处", await search.Status.TextContentAsync());
        Assert.Contains($"year={year}", search.Page.Url, StringComparison.Ordinal);
        Assert.Equal(inYear.Count(r => r.BureauId == bureau).ToString(CultureInfo.InvariantCulture), await search.Page.Locator($"#f-bureau input[value='{bureau}'] + label .count").TextContentAsync());

        await search.Page.CheckAsync($"#f-bureau input[value='{bureau}']");
        await search.WaitForResultsAsync();
        var both = inYear.Where(r => r.BureauId == bureau).ToList();
        var status = $"找到 {both.Count} 份报告，共 {both.Sum(r => expected[r.Id])} 处";
        Assert.Equal(status, await search.Status.TextContentAsync());
        Assert.Contains($"bureau={bureau}", search.Page.Url, StringComparison.Ordinal);
        // Checking a box redraws the list: the focus stays on the box, for a keyboard user going on down the list.
        Assert.Equal(bureau, await search.Page.EvaluateAsync<string>("() => document.activeElement.value"));

        await search.Page.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await search.WaitForResultsAsync();
        Assert.Equal(status, await search.Status.TextContentAsync());
        Assert.Equal(Term, await search.Page.InputValueAsync("#q"));
        Assert.True(await search.Page.IsCheckedAsync($"#f-year input[value='{year}']"));
        Assert.True(await search.Page.IsCheckedAsync($"#f-bureau input[value='{bureau}']"));

        await search.Page.GoBackAsync();
        await search.WaitForResultsAsync();
        Assert.False(await search.Page.IsCheckedAsync($"#f-bureau input[value='{bureau}']"));
        Assert.Equal($"找到 {inYear.Count} 份报告，共 {inYear.Sum(r => expected[r.Id])} 处", await search.Status.TextContentAsync());
        Assert.Empty(search.Errors);
    }

    [Fact]
    public async Task A_year_bar_pressed_by_keyboard_keeps_the_focus_after_the_redraw()
    {
        var reports = _corpus.Reports.Where(r => Expected(Term).ContainsKey(r.Id)).ToList();
        var year = reports.Max(r => r.Year).ToString(CultureInfo.InvariantCulture);
        await using var search = await SearchPage.OpenAsync(browser, "search.html?q=" + Uri.EscapeDataString(Term));
        await search.WaitForResultsAsync();

        await search.Page.Locator($"#year-bars button[data-year='{year}']").FocusAsync();
        await search.Page.Keyboard.PressAsync("Enter");
        await search.Page.WaitForFunctionAsync($"() => new URLSearchParams(location.search).getAll('year').includes('{year}')");
        await search.WaitForResultsAsync();

        Assert.Equal(year, await search.Page.EvaluateAsync<string>("() => document.activeElement.dataset.year"));
        Assert.Equal("true", await search.Page.Locator($"#year-bars button[data-year='{year}']").GetAttributeAsync("aria-pressed"));
    }

    [Fact]
    public async Task Several_values_of_a_facet_are_any_of_them_facets_together_all_and_a_year_range_narrows_the_years()
    {
        var expected = Expected(Term);
        var reports = _corpus.Reports.Where(r => expected.ContainsKey(r.Id)).ToList();
        var years = reports.Select(r => r.Year).Distinct().Order().ToList();
        Assert.True(years.Count >= 3, "the shipped corpus has matches in three years at least");
        var provinces = reports.Select(r => _corpus.BureauOf(r).DivisionCode[..2] + "0000").Distinct().Order().ToList();
        Assert.True(provinces.Count >= 2, "and in two provinces at least");
        await using var search = await SearchPage.OpenAsync(browser, "search.html?q=" + Uri.EscapeDataString(Term));
        await search.WaitForResultsAsync();
        string Status(IEnumerable<Archive.Corpus.Report> found) => $"找到 {found.Count()} 份报告，共 {found.Sum(r => expected[r.Id])} 处";

        await search.Page.CheckAsync($"#f-year input[value='{years[0]}']");
        await search.WaitForResultsAsync();
        await search.Page.CheckAsync($"#f-year input[value='{years[^1]}']");
        await search.WaitForResultsAsync();
        var twoYears = reports.Where(r => r.Year == years[0] || r.Year == years[^1]).ToList();
        Assert.Equal(Status(twoYears), await search.Status.TextContentAsync());
        Assert.Contains($"year={years[0]}&year={years[^1]}", search.Page.Url, StringComparison.Ordinal);

        await search.Page.CheckAsync($"#f-region input[value='{provinces[0]}']");
        await search.WaitForResultsAsync();
        bool InProvince(Archive.Corpus.Report r) => _corpus.BureauOf(r).DivisionCode.StartsWith(provinces[0][..2], StringComparison.Ordinal);
        Assert.Equal(Status(twoYears.Where(InProvince)), await search.Status.TextContentAsync());
        // The year facet counts what passes the region filter alone: every year of the province is offered.
        foreach (var y in years)
        {
            var count = reports.Count(r => r.Year == y && InProvince(r));
            var label = search.Page.Locator($"#f-year input[value='{y}'] + label .count");
            if (count == 0 && y != years[0] && y != years[^1])
            {
                Assert.Equal(0, await label.CountAsync());
            }
            else
            {
                // A chosen year stays listed, with 0 when the province has no match in it.
                Assert.Equal(count.ToString(CultureInfo.InvariantCulture), await label.TextContentAsync());
            }
        }

        await search.Page.UncheckAsync($"#f-region input[value='{provinces[0]}']");
        await search.WaitForResultsAsync();
        await search.Page.UncheckAsync($"#f-year input[value='{years[0]}']");
        await search.WaitForResultsAsync();
        await search.Page.UncheckAsync($"#f-year input[value='{years[^1]}']");
        await search.WaitForResultsAsync();
        await search.Page.SelectOptionAsync("#f-from", years[1].ToString(CultureInfo.InvariantCulture));
        await search.WaitForResultsAsync();
        Assert.Equal(Status(reports.Where(r => r.Year >= years[1])), await search.Status.TextContentAsync());
        await search.Page.SelectOptionAsync("#f-to", years[1].ToString(CultureInfo.InvariantCulture));
        await search.WaitForResultsAsync();
        Assert.Equal(Status(reports.Where(r => r.Year == years[1])), await search.Status.TextContentAsync());
        Assert.Contains($"from={years[1]}&to={years[1]}", search.Page.Url, StringComparison.Ordinal);
        await search.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(SiteInBrowser.ScreenshotFolder, "search-filters-1280.png"), FullPage = true });
        Assert.Empty(search.Errors);
    }

    [Theory]
    [InlineData("法治")]
    [InlineData("农民工")]
    public async Task A_result_expands_to_every_passage_with_every_hit_marked(string query)
    {
        var expected = Expected(query);
        await using var search = await SearchPage.OpenAsync(browser, "search.html?q=" + Uri.EscapeDataString(query));
        await search.WaitForResultsAsync();
        await search.WaitForPassagesAsync();
        var first = search.Results.First;
        var id = (await first.GetAttributeAsync("data-id"))!;
        Assert.True(expected[id] > 3, $"{query} has more hits in {id} than three passages show");
        var button = first.Locator("button.all-passages");
        Assert.Equal($"显示全部 {expected[id]} 处命中", await button.TextContentAsync());

        await button.FocusAsync();
        await search.Page.Keyboard.PressAsync("Enter");
        await first.Locator("ol.kwic.all").WaitForAsync();

        // Every block with a hit, whole: the marks are the report's hits, as a brute-force scan counts them.
        Assert.Equal(expected[id], await first.Locator("ol.kwic.all mark").CountAsync());
        Assert.Equal(0, await button.CountAsync());
        Assert.Equal(await first.Locator("ol.kwic.all a").First.GetAttributeAsync("href"), await search.Page.EvaluateAsync<string>("() => document.activeElement.getAttribute('href')"));
        var anchors = await first.Locator("ol.kwic.all a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href').split('#')[1])");
        Assert.Equal(anchors.Distinct().Count(), anchors.Length);
        Assert.Empty(search.Errors);
    }

    [Fact]
    public async Task Passages_of_results_below_the_window_are_fetched_only_when_they_come_into_view()
    {
        const string query = "法治政府";
        Assert.True(Expected(query).Count >= 4, "the shipped corpus has results enough to fill more than a short window");
        await using var search = await SearchPage.OpenAsync(browser, width: 1280, height: 420);
        await search.TypeAsync(query);
        var first = search.Results.First;
        var last = search.Results.Last;
        await Assertions.Expect(first.Locator("ol.kwic mark").First).ToBeVisibleAsync();
        Assert.Equal(await search.Results.CountAsync(), Expected(query).Count);

        Assert.Equal(0, await last.Locator("ol.kwic").CountAsync());
        Assert.Contains("awaiting-passages", await last.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        var textsBefore = TextRequests(search);

        await last.ScrollIntoViewIfNeededAsync();
        var mark = last.Locator("ol.kwic mark").First;
        await Assertions.Expect(mark).ToBeVisibleAsync();
        Assert.Equal(TextNormalizer.NormalizeToString(query), TextNormalizer.NormalizeToString(await mark.TextContentAsync() ?? ""));
        Assert.DoesNotContain("awaiting-passages", await last.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        Assert.True(TextRequests(search) > textsBefore, "scrolling to the last result fetched its text");
        Assert.Empty(search.Errors);

        static int TextRequests(SearchPage search) => search.Responses.Count(r => r.Url.Contains("/search/text/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_passage_link_opens_the_report_at_the_paragraph_that_holds_the_term()
    {
        await using var search = await SearchPage.OpenAsync(browser);
        await search.TypeAsync(Term);
        var passage = search.Page.Locator("ol.kwic a").First;
        Assert.Equal(Term, await passage.Locator("mark").First.TextContentAsync());

        await passage.ClickAsync();
        // Not WaitForURLAsync: once the URL has committed it waits for the 'load' event, which Playwright can miss
        // when the report page loads quickly (a 30 s timeout seen in CI). The locator waits for the new document.
        await Assertions.Expect(search.Page).ToHaveURLAsync(new Regex(@"/reports/[^/]+\.html#.+$"));

        var target = await search.Page.Locator(":target").TextContentAsync();
        Assert.NotNull(target);
        Assert.Contains(Term, TextNormalizer.NormalizeToString(target));
    }

    [Fact]
    public async Task Year_bars_show_how_many_matching_reports_each_year_has()
    {
        var expected = Expected("法治");
        var perYear = _corpus.Reports.Where(r => expected.ContainsKey(r.Id)).GroupBy(r => r.Year).ToDictionary(g => g.Key, g => g.Count());
        await using var search = await SearchPage.OpenAsync(browser);
        await search.TypeAsync("法治");

        var bars = search.Page.Locator(".year-bar");
        var years = await Attributes(bars, "data-year");
        var counts = await Attributes(bars, "data-count");

        Assert.Equal(Enumerable.Range(perYear.Keys.Min(), perYear.Keys.Max() - perYear.Keys.Min() + 1).Reverse().Select(y => y.ToString(CultureInfo.InvariantCulture)), years);
        for (var i = 0; i < years.Count; i++)
        {
            Assert.Equal(perYear.GetValueOrDefault(int.Parse(years[i], CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture), counts[i]);
        }
    }

    [Fact]
    public async Task A_query_without_matches_says_so()
    {
        await using var search = await SearchPage.OpenAsync(browser);

        await search.TypeAsync("没有这个词组合就不会出现");

        Assert.StartsWith("没有找到", await search.Status.TextContentAsync());
        Assert.Equal(0, await search.Results.CountAsync());
        Assert.Empty(search.Errors);
    }

    [Fact]
    public async Task A_hostile_query_is_shown_as_text_and_runs_nothing()
    {
        const string hostile = "<img src=x onerror=alert(1)>\"<script>alert(2)</script>";
        await using var search = await SearchPage.OpenAsync(browser, "search.html?q=" + Uri.EscapeDataString(hostile));
        var dialogs = new List<string>();
        search.Page.Dialog += (_, dialog) => dialogs.Add(dialog.Message);
        await search.WaitForResultsAsync();

        await search.Page.Locator("#q").FillAsync("");
        await search.TypeAsync("<img src=x onerror=alert(1)>");

        Assert.Empty(dialogs);
        Assert.Equal(0, await search.Page.Locator("main img, main script:not([src])").CountAsync());
        Assert.Equal("<img src=x onerror=alert(1)>", await search.Page.InputValueAsync("#q"));
        Assert.StartsWith("没有找到", await search.Status.TextContentAsync());
        Assert.Empty(search.Errors);
    }

    [Fact]
    public async Task Results_read_well_on_desktop_and_phone()
    {
        foreach (var width in new[] { 1280, 375 })
        {
            await using var search = await SearchPage.OpenAsync(browser, "search.html?q=" + Uri.EscapeDataString(Term), width, 900);
            await search.WaitForResultsAsync();

            var overflow = await search.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"the search page is {overflow}px wider than a {width}px screen");
            foreach (var control in new[] { "#q", "#f-from", "#f-to", "#f-sort" })
            {
                var id = control[1..];
                Assert.Equal(1, await search.Page.Locator($"label[for='{id}']").CountAsync());
            }

            // Every checkbox of the facets has its own label, and each facet list sits in a fieldset with a legend.
            var boxes = await search.Page.Locator("#search-filters input[type=checkbox]").AllAsync();
            Assert.NotEmpty(boxes);
            foreach (var box in boxes)
            {
                Assert.Equal(1, await search.Page.Locator($"label[for='{await box.GetAttributeAsync("id")}']").CountAsync());
            }

            Assert.Equal(4, await search.Page.Locator("#search-filters fieldset > legend").CountAsync());

            await search.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(SiteInBrowser.ScreenshotFolder, $"search-results-{width}.png"), FullPage = true });
            Assert.Empty(search.Errors);
        }
    }

    [Fact]
    public async Task Without_JavaScript_the_page_says_search_needs_it()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.Address + "search.html?q=" + Uri.EscapeDataString(Term));

        Assert.Contains("需要浏览器启用 JavaScript", await page.InnerTextAsync("main"));
        Assert.False(await page.Locator("#search-app").IsVisibleAsync());
        await context.CloseAsync();
    }

    [Theory]
    [InlineData("欠薪")]
    [InlineData("双随机一公开")]
    [InlineData("民工 OR 仲裁")]
    public async Task A_report_opened_from_a_result_marks_every_hit_the_search_counted_and_steps_through_them(string query)
    {
        await using var search = await SearchPage.OpenAsync(browser);
        await search.TypeAsync(query);
        var expected = Expected(query);
        Assert.NotEmpty(expected);
        var first = search.Results.First;
        var id = await first.GetAttributeAsync("data-id");

        await first.Locator("h2 a").ClickAsync();
        await search.Page.WaitForFunctionAsync("() => document.querySelector('article.report')?.dataset.hits !== undefined");

        Assert.Equal(expected[id!].ToString(CultureInfo.InvariantCulture), await search.Page.GetAttributeAsync("article.report", "data-hits"));
        var marks = await search.Page.Locator("mark.hit").AllTextContentsAsync();
        // Each mark is a hit as search reads it: a term, a stretch of overlapping ones, or its part in one text node.
        var terms = query.Split(" OR ").Select(Archive.Tests.Search.SpecSearch.Normalize).ToList();
        Assert.All(marks, mark => Assert.Contains(terms, term => Archive.Tests.Search.SpecSearch.Normalize(mark) is { Length: > 0 } n && (n.Contains(term, StringComparison.Ordinal) || term.Contains(n, StringComparison.Ordinal))));
        await search.Page.GetByRole(AriaRole.Button, new() { Name = "下一处" }).ClickAsync();
        Assert.StartsWith("第 1 处，共 ", await search.Page.InnerTextAsync(".hit-nav [aria-live]"));
        await search.Page.GetByRole(AriaRole.Button, new() { Name = "上一处" }).ClickAsync();
        Assert.StartsWith($"第 {expected[id!]} 处", await search.Page.InnerTextAsync(".hit-nav [aria-live]"));
        Assert.Equal(1, await search.Page.Locator("mark.hit.current").CountAsync());
    }

    [Fact]
    public async Task Opened_from_a_file_the_search_page_says_search_needs_a_web_server_and_served_it_does_not()
    {
        var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Path.Combine(browser.Output, "search.html")).AbsoluteUri + "?q=" + Uri.EscapeDataString(Term));

        // The notice appears after a moment (it is invisible while the script may still start).
        var notice = page.Locator("#search-needs-server");
        await notice.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        Assert.Contains("archive serve", await notice.InnerTextAsync());
        Assert.False(await page.Locator("#search-app").IsVisibleAsync());

        var served = await context.NewPageAsync();
        await served.GotoAsync(browser.Address + "search.html?q=" + Uri.EscapeDataString(Term));
        await served.WaitForFunctionAsync("() => document.getElementById('search-status').textContent.startsWith('找到')");
        Assert.Equal(0, await served.Locator("#search-needs-server").CountAsync());
        await context.CloseAsync();
    }

    [Fact]
    public async Task Search_works_when_the_site_is_served_from_a_sub_folder()
    {
        await using var server = await Archive.Cli.StaticSiteServer.StartAsync(browser.Output, "/archive/sub/");
        var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.Address + "search.html?q=" + Uri.EscapeDataString(Term));
        await page.WaitForFunctionAsync("() => document.getElementById('search-status').textContent.startsWith('找到')");

        var expected = Expected(Term);
        Assert.Equal($"找到 {expected.Count} 份报告，共 {expected.Values.Sum()} 处", await page.InnerTextAsync("#search-status"));
        await page.Locator("ol.kwic a").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/archive/sub/reports/[^/]+\.html#.+$"));
        Assert.False(string.IsNullOrWhiteSpace(await page.Locator(":target").TextContentAsync()));
        await context.CloseAsync();
    }

    private IReadOnlyDictionary<string, int> Expected(string query) => new BruteForceSearch(_corpus.Reports).Match(SearchQuery.Parse(query));

    private static async Task<List<string>> Attributes(ILocator items, string name)
    {
        var values = new List<string>();
        foreach (var item in await items.AllAsync())
        {
            values.Add(await item.GetAttributeAsync(name) ?? "");
        }

        return values;
    }
}
