using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Archive.Tests.Support;
using Microsoft.Playwright;
using Archive.Core;
using Archive.Corpus;

namespace Archive.Tests.Hardening;

/// <summary>
/// Hostile report texts and metadata, built and opened page by page in headless Chromium twice: served by nginx with
/// the shipped configuration (its Content-Security-Policy header), and with no policy at all (no header, and the
/// pages' meta policy cut out), where escaping alone must hold. No script from content runs, nothing from content
/// becomes an element, Liquid syntax and entities show literally, and searches for the payloads show them as text.
/// </summary>
public partial class HostileContentStaysInertTests(HostileCorpus site) : IClassFixture<HostileCorpus>
{
    // Installed before any script of the page runs: records every way a payload could show it ran.
    private const string Hooks = """
        (() => {
          const ran = [];
          window.__ran = ran;
          window.__violations = [];
          for (const name of ['alert', 'confirm', 'prompt', 'print']) window[name] = (...args) => ran.push(name + ':' + args.join(','));
          Object.defineProperty(window, 'pwned', { configurable: false, get: () => undefined, set: value => ran.push('pwned=' + value) });
          document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));
        })();
        """;

    // Elements and attributes that only content could have put there: the site has no inline script, no images
    // with handlers, no frames, no javascript: links and no inline style blocks.
    private const string FromContent = "script:not([src]), [onerror], [onload], [onclick], [onmouseover], iframe, object, embed, img[src='x'], "
        + "a[href^='javascript:' i], a[href^='data:' i]:not(" + CitationDownloads + "), iframe[src], body style, meta[http-equiv='refresh'], svg[onload]";

    // The report page's own RIS and BibTeX downloads (data: links the template writes, with the record in base64, and
    // a download attribute content cannot give a link): exactly two per report page, in its provenance footer.
    private const string CitationDownloads = "footer.provenance a[download$='.ris'][href^='data:application/x-research-info-systems;charset=utf-8;base64,'], "
        + "footer.provenance a[download$='.bib'][href^='data:application/x-bibtex;charset=utf-8;base64,']";

    /// <summary>How the site is served: which policy, if any, stands between the content and the browser.</summary>
    public enum Policy
    {
        ShippedNginx,
        None,
    }

    public static TheoryData<string> Queries() => new(HostileCorpus.Markup.Concat(HostileCorpus.Literal).Append("<script>").Append("window.pwned"));

    [Theory]
    [InlineData(Policy.ShippedNginx)]
    [InlineData(Policy.None)]
    public async Task Every_page_opens_without_running_or_rendering_content_and_without_policy_violations(Policy policy)
    {
        var pages = Directory.EnumerateFiles(site.Output, "*.html", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(site.Output, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(pages.Count >= 15, $"only {pages.Count} pages");
        var context = await NewContextAsync(policy);
        foreach (var path in pages)
        {
            var page = await OpenAsync(context, path, policy);
            await AssertInertAsync(page, path);
            await page.CloseAsync();
        }

        await context.CloseAsync();
    }

    [Fact]
    public async Task The_report_page_shows_markup_entities_liquid_and_controls_exactly_as_written()
    {
        var context = await NewContextAsync(Policy.ShippedNginx);
        var page = await OpenAsync(context, SitePaths.Report("440303-hrss-2020"), Policy.ShippedNginx);

        Assert.Equal("标题" + HostileCorpus.All, await page.TextContentAsync("h1"));
        var paragraphs = await page.Locator(".body p").AllTextContentsAsync();
        foreach (var (payload, i) in HostileCorpus.Markup.Concat(HostileCorpus.Literal).Select((p, i) => (p, i)))
        {
            Assert.Contains(paragraphs, p => p.StartsWith($"第{i}段：{payload}", StringComparison.Ordinal));
        }

        Assert.Contains(paragraphs, p => p.StartsWith(HostileCorpus.LongLine, StringComparison.Ordinal));
        Assert.Contains("{{ site.title }}{{ report.id }}", await page.TextContentAsync(".body h2"));
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the 200 KB line makes the page {overflow}px wider than the window");
        Assert.Equal(HostileCorpus.AcceptedSource, await page.GetAttributeAsync(".provenance a[rel~=nofollow]", "href"));
        await AssertInertAsync(page, "report");
        await context.CloseAsync();
    }

    [Fact]
    public void A_saved_page_imported_with_script_keeps_it_as_text_and_drops_its_javascript_and_data_addresses()
    {
        var report = new CorpusReader().ReadValid(site.Input).Reports.Single(r => r.Id == site.ImportedId);
        var text = string.Join("\n", report.ReadBody().AllParagraphs.Select(p => p.Text));

        Assert.Null(site.ImportedSource);
        Assert.Contains(string.Concat(HostileCorpus.Markup), text);
        Assert.Contains(string.Concat(HostileCorpus.Literal).Replace("\uFEFF", "", StringComparison.Ordinal), text.Replace("\uFEFF", "", StringComparison.Ordinal));
        Assert.DoesNotContain("page script", text);
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task A_search_for_a_payload_shows_it_as_text_with_no_policy_in_the_way(string query)
    {
        var context = await NewContextAsync(Policy.None);
        var page = await OpenAsync(context, "search.html?q=" + Uri.EscapeDataString(query), Policy.None);
        await page.WaitForFunctionAsync("() => document.getElementById('search-app').dataset.shown === new URLSearchParams(location.search).toString()");

        Assert.Equal(query, await page.InputValueAsync("#q"));
        var status = await page.TextContentAsync("#search-status") ?? "";
        if (Archive.Search.Contract.SearchQuery.Parse(query).IsEmpty)
        {
            Assert.DoesNotContain("找到", status);
        }
        else
        {
            Assert.StartsWith("找到", status);
            var marks = await page.Locator("#search-results mark").AllTextContentsAsync();
            Assert.NotEmpty(marks);
            // What a passage shows is the report's text as written: a slice of one title or paragraph, with no entity
            // decoded or added, no tag dropped, nothing escaped twice.
            var passages = await page.Locator("#search-results .kwic li").AllTextContentsAsync();
            Assert.NotEmpty(passages);
            var written = site.WrittenTexts;
            foreach (var passage in passages)
            {
                var shown = passage.Trim('…');
                Assert.True(written.Any(t => t.Contains(shown, StringComparison.Ordinal)), $"the passage is not the text as written: {shown[..Math.Min(shown.Length, 200)]}");
            }
        }

        await page.Locator("#q").FillAsync(query + " " + HostileCorpus.Markup[1]);
        await page.Locator("#q").PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.getElementById('search-app').dataset.shown === new URLSearchParams(location.search).toString()");
        await AssertInertAsync(page, "search " + query);
        await context.CloseAsync();
    }

    // On a host that sends no Content-Security-Policy header, a saved page published as originals/*.html would run
    // its scripts on the archive's own origin (the pages' meta policy is not in a file the archive did not write), so
    // the build publishes such originals as .txt.
    [Fact]
    public async Task A_saved_web_page_kept_as_an_original_runs_no_script_even_on_a_host_without_headers()
    {
        var context = await site.Browser.NewContextAsync();
        await context.AddInitScriptAsync(Hooks);
        var page = await context.NewPageAsync();
        var originals = Directory.EnumerateFiles(Path.Combine(site.Output, "originals"))
            .Where(f => !f.EndsWith(".gz", StringComparison.Ordinal) && !f.EndsWith(".br", StringComparison.Ordinal))
            .Select(Path.GetFileName).ToList();
        Assert.Contains(originals, o => o!.EndsWith(".html.txt", StringComparison.Ordinal));
        Assert.DoesNotContain(originals, o => o!.EndsWith(".html", StringComparison.Ordinal));

        foreach (var original in originals)
        {
            await page.GotoAsync(site.Address + "originals/" + original, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            var ran = await page.EvaluateAsync<string[]>("() => window.__ran ?? []");
            Assert.True(ran.Length == 0, $"originals/{original}: {string.Join("; ", ran)}");
        }

        await context.CloseAsync();
    }

    [Fact]
    public void The_feeds_and_the_sitemap_are_strict_xml_that_carries_titles_and_names_as_written()
    {
        var atom = XNamespace.Get("http://www.w3.org/2005/Atom");
        foreach (var path in new[] { SitePaths.Feed, SitePaths.BureauFeed("440303-hrss") })
        {
            var feed = StrictXml(path);
            Assert.Equal(atom + "feed", feed.Root!.Name);
            var entries = feed.Root.Elements(atom + "entry").ToList();
            var entry = entries.Single(e => e.Element(atom + "id")!.Value.EndsWith("/" + SitePaths.Report("440303-hrss-2020"), StringComparison.Ordinal));
            Assert.Equal("标题" + HostileCorpus.All, entry.Element(atom + "title")!.Value);
            Assert.Contains(entries, e => e.Element(atom + "title")!.Value == HostileCorpus.FormulaTitle);
            Assert.Contains("罗湖区人力资源局" + HostileCorpus.All, string.Concat(entries.Select(e => e.Element(atom + "summary")?.Value)) + feed.Root.Element(atom + "title")!.Value);
            Assert.All(feed.Descendants(atom + "link"), link => Assert.Equal("https", new Uri(link.Attribute("href")!.Value, UriKind.Absolute).Scheme));
        }

        var sitemap = StrictXml(SitePaths.Sitemap);
        var locations = sitemap.Descendants(XNamespace.Get("http://www.sitemaps.org/schemas/sitemap/0.9") + "loc").Select(l => new Uri(l.Value, UriKind.Absolute)).ToList();
        Assert.Contains(locations, l => l.AbsolutePath == "/" + SitePaths.Report("440303-hrss-2020"));
        Assert.All(locations, l => Assert.Equal(("https", "example.org"), (l.Scheme, l.Host)));
    }

    [Fact]
    public void The_csv_is_strict_rfc_4180_that_keeps_titles_as_written_and_defuses_a_formula()
    {
        var rows = StrictCsv.Parse(Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(site.Output, SitePaths.DataCsv))));
        var header = rows[0].ToList();
        var byId = rows.Skip(1).ToDictionary(r => r[header.IndexOf("id")]);

        var hostile = byId["440303-hrss-2020"];
        Assert.Equal("标题" + HostileCorpus.All, hostile[header.IndexOf("title")]);
        Assert.Equal("罗湖区人力资源局" + HostileCorpus.All, hostile[header.IndexOf("bureau")]);
        Assert.Equal(HostileCorpus.AcceptedSource, hostile[header.IndexOf("source_url")]);
        // A spreadsheet runs a cell that begins with '=': the cell begins with an apostrophe, which it shows instead.
        Assert.Equal("'" + HostileCorpus.FormulaTitle, byId["440303-hrss-2019"][header.IndexOf("title")]);
        Assert.All(rows.Skip(1).SelectMany(r => r), cell => Assert.False(cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@', cell));
    }

    [Fact]
    public void The_json_and_json_lines_files_are_strict_json_that_carries_titles_and_texts_as_written()
    {
        var strict = new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };
        using var all = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(site.Output, SitePaths.DataJson)), strict);
        var titles = all.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("title").GetString());
        Assert.Equal("标题" + HostileCorpus.All, titles["440303-hrss-2020"]);
        Assert.Equal(HostileCorpus.FormulaTitle, titles["440303-hrss-2019"]);

        var lines = File.ReadAllText(Path.Combine(site.Output, SitePaths.DataJsonLines(2020, "440000")), new UTF8Encoding(false, throwOnInvalidBytes: true)).Split('\n');
        Assert.Equal("", lines[^1]);
        var records = lines[..^1].Select(line => JsonDocument.Parse(line, strict)).ToList();
        var hostile = records.Single(r => r.RootElement.GetProperty("id").GetString() == "440303-hrss-2020").RootElement;
        Assert.Equal("标题" + HostileCorpus.All, hostile.GetProperty("title").GetString());
        var text = hostile.GetProperty("text").GetString()!;
        Assert.All(HostileCorpus.Markup.Concat(HostileCorpus.Literal), payload => Assert.Contains(payload, text));
        Assert.Contains(HostileCorpus.LongLine, text);
        records.ForEach(r => r.Dispose());
    }

    // XML 1.0 as a strict reader takes it: no DTD, no character outside the allowed ranges, one document.
    private XDocument StrictXml(string path)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, CheckCharacters = true, ConformanceLevel = ConformanceLevel.Document, XmlResolver = null };
        using var reader = XmlReader.Create(Path.Combine(site.Output, path), settings);
        return XDocument.Load(reader);
    }

    [Theory]
    [MemberData(nameof(RefusedSources))]
    public void A_source_that_is_not_an_http_address_is_refused_with_its_line(string source)
    {
        var text = Support.SampleInput.Report("a-2020").Replace("reviewed: true", "source: \"" + source.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"\nreviewed: true", StringComparison.Ordinal);

        var (report, problems) = ReportFile.Parse("input/reports/a.md", text);

        Assert.Null(report);
        var problem = Assert.Single(problems);
        Assert.Equal(("input/reports/a.md", 7), (problem.File, problem.Line));
        Assert.Contains("is not an http(s) address; write the page's URL or remove the line", problem.Message);
    }

    public static TheoryData<string> RefusedSources() => new(HostileCorpus.RefusedSources);

    private async Task<IBrowserContext> NewContextAsync(Policy policy)
    {
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await context.AddInitScriptAsync(Hooks);
        if (policy == Policy.None)
        {
            // The in-process server sends no policy header; the page's own meta policy is cut out on the way in.
            await context.RouteAsync("**/*.html*", async route =>
            {
                var response = await route.FetchAsync();
                Assert.False(response.Headers.ContainsKey("content-security-policy"), route.Request.Url);
                var body = MetaPolicy().Replace(await response.TextAsync(), "", 1);
                Assert.DoesNotContain("Content-Security-Policy", body);
                await route.FulfillAsync(new RouteFulfillOptions { Response = response, Body = body });
            });
        }

        return context;
    }

    private async Task<IPage> OpenAsync(IBrowserContext context, string path, Policy policy)
    {
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Dialog += async (_, dialog) =>
        {
            errors.Add("dialog: " + dialog.Message);
            await dialog.DismissAsync();
        };
        var response = await page.GotoAsync((policy == Policy.ShippedNginx ? site.NginxAddress : site.Address) + path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.True(response is { Ok: true } || path.EndsWith("404.html", StringComparison.Ordinal), $"{path}: HTTP {response?.Status}");
        if (policy == Policy.ShippedNginx)
        {
            Assert.Contains("script-src 'self'", await response!.HeaderValueAsync("content-security-policy") ?? "");
        }

        Assert.True(errors.Count == 0, $"{path}: {string.Join("; ", errors)}");
        return page;
    }

    [GeneratedRegex("<meta http-equiv=\"Content-Security-Policy\"[^>]*>")]
    private static partial Regex MetaPolicy();

    private static async Task AssertInertAsync(IPage page, string where)
    {
        var ran = await page.EvaluateAsync<string[]>("() => window.__ran");
        var violations = await page.EvaluateAsync<string[]>("() => window.__violations");
        var injected = await page.EvaluateAsync<string[]>($"() => [...document.querySelectorAll({System.Text.Json.JsonSerializer.Serialize(FromContent)})].map(e => e.outerHTML.slice(0, 120))");
        var inlineScripts = await page.EvaluateAsync<int>("() => [...document.scripts].filter(s => !s.src || !new URL(s.src).pathname.includes('/assets/')).length");

        Assert.True(ran.Length == 0, $"{where}: content ran: {string.Join("; ", ran)}");
        Assert.True(violations.Length == 0, $"{where}: policy violations: {string.Join("; ", violations)}");
        Assert.True(injected.Length == 0, $"{where}: elements from content: {string.Join("; ", injected)}");
        Assert.Equal(0, inlineScripts);
        var citations = await page.EvaluateAsync<int>($"() => document.querySelectorAll({System.Text.Json.JsonSerializer.Serialize(CitationDownloads)}).length");
        Assert.True(citations == (await page.Locator("article.report").CountAsync() > 0 ? 2 : 0), $"{where}: {citations} citation downloads");
        Assert.True(await page.EvaluateAsync<bool>("() => document.body.offsetHeight > 0"), $"{where}: the page is hidden");
    }
}
