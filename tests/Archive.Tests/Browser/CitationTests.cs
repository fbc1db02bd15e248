using System.Text;
using System.Text.RegularExpressions;
using Archive.Corpus;
using Archive.Site;
using Archive.Tests.SearchClient;
using Archive.Tests.Support;
using Microsoft.Playwright;

namespace Archive.Tests.Browser;

/// <summary>
/// Citing a report: the Highwire meta tags reference managers read, the RIS and BibTeX downloads (read back by
/// Citation.js, tests/js/cite-parse.mjs), and a paragraph's GB/T 7714 citation and exact text from its ¶ link.
/// </summary>
public partial class CitationTests(SiteInBrowser browser) : IClassFixture<SiteInBrowser>
{
    private static readonly Archive.Corpus.Corpus Shipped = new CorpusReader().Read(RepoPaths.Input).Corpus;

    [Fact]
    public void Every_report_page_carries_its_citation_in_meta_tags_and_as_RIS_and_BibTeX_a_real_parser_reads()
    {
        foreach (var report in Shipped.Reports)
        {
            var bureau = Shipped.BureauOf(report);
            var html = File.ReadAllText(Path.Combine(browser.Output, "reports", report.Id + ".html"));
            var url = $"https://example.org/reports/{report.Id}.html";
            Assert.Equal(report.Title, Meta(html, "citation_title"));
            Assert.Equal(bureau.Name, Meta(html, "citation_author"));
            Assert.Equal(report.Published?.ToString("yyyy'/'MM'/'dd", System.Globalization.CultureInfo.InvariantCulture), Meta(html, "citation_publication_date"));
            Assert.Equal(url, Meta(html, "citation_public_url"));

            var parsed = NodeScript.Run<Parsed>("cite-parse.mjs", new { ris = Download(html, ".ris"), bibtex = Download(html, ".bib") });
            foreach (var item in new[] { Assert.Single(parsed.Ris), Assert.Single(parsed.Bibtex) })
            {
                Assert.Equal(report.Title, item.Title);
                Assert.Equal(bureau.Name, Assert.Single(item.Author).Family);
                Assert.Equal(url, item.Url);
                Assert.Equal("report", item.Type);
                int[]? expected = report.Published is { } p ? [p.Year, p.Month, p.Day] : null;
                Assert.Equal(expected, item.Issued?.DateParts.Single());
            }

            Assert.Equal(report.Id, parsed.Bibtex[0].Id);
        }
    }

    [Fact]
    public void A_title_with_TeX_special_characters_comes_back_from_BibTeX_as_written()
    {
        var report = Shipped.Reports[0] with { Title = "关于{2020}年度50%目标与_#~^&$\\报告的说明", Published = null };
        var bureau = Shipped.BureauOf(report);

        var parsed = NodeScript.Run<Parsed>("cite-parse.mjs", new { ris = Citation.Ris(report, bureau, "深圳市", "https://example.org/r.html"), bibtex = Citation.Bibtex(report, bureau, "深圳市", "https://example.org/r.html") });

        Assert.Equal(report.Title, Assert.Single(parsed.Bibtex).Title);
        Assert.Equal(report.Title, Assert.Single(parsed.Ris).Title);
        Assert.Null(parsed.Bibtex[0].Issued);
    }

    [Fact]
    public async Task A_paragraphs_link_gives_its_GB_T_7714_citation_and_exact_text_to_copy_by_keyboard()
    {
        var report = Shipped.Reports.First(r => r.Published is not null);
        var bureau = Shipped.BureauOf(report);
        var (page, errors) = await browser.OpenAsync($"reports/{report.Id}.html", 375);
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var paragraph = page.Locator("article.report .body p").Nth(2);
        var anchor = await paragraph.GetAttributeAsync("id");
        var text = (await paragraph.TextContentAsync())!.TrimEnd('¶').Trim();
        var link = paragraph.Locator("a.cite");

        await link.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var panel = page.Locator(".cite-panel");
        await panel.WaitForAsync();
        var citation = await panel.Locator(".cite-text").TextContentAsync();
        var expected = $"{bureau.Name}. {report.Title}[EB/OL]. ({report.Published:yyyy-MM-dd})[";
        Assert.StartsWith(expected, citation);
        Assert.Matches(AccessDate(), citation![expected.Length..]);
        Assert.EndsWith($"]. https://example.org/reports/{report.Id}.html#{anchor}.", citation);
        Assert.Equal(text, await panel.Locator("blockquote").TextContentAsync());
        Assert.Equal("#" + anchor, await page.EvaluateAsync<string>("() => location.hash"));
        Assert.Equal("复制引文", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));

        await page.Keyboard.PressAsync("Enter");
        Assert.Equal(citation, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal(text, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(SiteInBrowser.ScreenshotFolder, "citation-375.png") });
        await page.Keyboard.PressAsync("Escape");
        Assert.Equal(0, await panel.CountAsync());
        Assert.Equal(anchor, await page.EvaluateAsync<string>("() => document.activeElement.closest('p')?.id"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_open_citation_panel_has_no_accessibility_violations()
    {
        var report = Shipped.Reports[0];
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, BypassCSP = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{browser.Address}reports/{report.Id}.html", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await page.Locator("article.report .body p a.cite").First.ClickAsync();
        await page.Locator(".cite-panel").WaitForAsync();
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Path.Combine(RepoPaths.Root, "tests", "js", "node_modules", "axe-core", "axe.min.js") });

        var violations = await page.EvaluateAsync<string[]>("async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })).violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))");

        Assert.Empty(violations);
        await context.CloseAsync();
    }

    private static string? Meta(string html, string name) =>
        Regex.Match(html, $"<meta name=\"{name}\" content=\"([^\"]*)\">") is { Success: true } m ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    private static string Download(string html, string extension)
    {
        var match = Regex.Match(html, $"<a href=\"data:[^;]+;charset=utf-8;base64,([A-Za-z0-9+/=]+)\" download=\"[^\"]+{Regex.Escape(extension)}\"");
        Assert.True(match.Success, $"no {extension} download on the page");
        return Encoding.UTF8.GetString(Convert.FromBase64String(match.Groups[1].Value));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}\]")]
    private static partial Regex AccessDate();

    private sealed record Parsed(Item[] Ris, Item[] Bibtex);

    private sealed record Item(string Id, string Title, string Type, Name[] Author, string? Url, Issued? Issued);

    private sealed record Name(string Family);

    private sealed record Issued([property: System.Text.Json.Serialization.JsonPropertyName("date-parts")] int[][] DateParts);
}
