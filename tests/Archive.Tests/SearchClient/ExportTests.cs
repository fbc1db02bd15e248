using System.Globalization;
using System.Text;
using System.Text.Json;
using Archive.Build;
using Archive.Corpus;
using Archive.Regions;
using Archive.Search.Contract;
using Archive.Tests.Search;
using Archive.Tests.Support;
using Microsoft.Playwright;

namespace Archive.Tests.SearchClient;

/// <summary>
/// Exporting a search: the search page's CSV and JSON hold the whole result set (more than a page of it), with the
/// reports and hit counts a brute-force scan finds, in the order the page ranks them; a filter narrows the export as
/// it narrows the list; `archive search --csv` writes the same rows from the Lucene index.
/// </summary>
public sealed class ExportTests : IClassFixture<ExportTests.Site>
{
    private const string Query = "依法行政";
    private readonly Site _site;

    public ExportTests(Site site) => _site = site;

    [Fact]
    public async Task The_CSV_and_JSON_downloads_hold_every_result_with_its_hits_in_the_pages_order()
    {
        await using var search = await OpenAsync($"search.html?q={Uri.EscapeDataString(Query)}");
        var expected = new BruteForceSearch(_site.Corpus.Reports).Match(SearchQuery.Parse(Query));
        Assert.True(expected.Count > 10, "the export must be tested on more results than a page shows");
        var shown = await Ids(search);

        var csvText = await DownloadAsync(search, "csv");
        var jsonText = await DownloadAsync(search, "json");

        Assert.Contains("\r\n", csvText);
        var rows = StrictCsv.Parse(csvText);
        Assert.Equal(["id", "title", "bureau", "region", "year", "published", "hits", "url"], rows[0]);
        var body = rows.Skip(1).ToList();
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), body.Select(r => new KeyValuePair<string, int>(r[0], int.Parse(r[6], CultureInfo.InvariantCulture))).OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.Equal(shown, body.Take(shown.Count).Select(r => r[0]));
        foreach (var row in body)
        {
            var report = _site.Corpus.Reports.Single(r => r.Id == row[0]);
            var bureau = _site.Corpus.BureauOf(report);
            Assert.Equal([report.Title, bureau.Name, Region(bureau), report.Year.ToString(CultureInfo.InvariantCulture), report.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", $"{_site.Browser.Address}reports/{report.Id}.html"], [row[1], row[2], row[3], row[4], row[5], row[7]]);
        }

        using var json = JsonDocument.Parse(jsonText);
        Assert.Equal(Query, json.RootElement.GetProperty("query").GetString());
        Assert.Equal(body.Count, json.RootElement.GetProperty("count").GetInt32());
        var fromJson = json.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => new[] { "id", "title", "bureau", "region", "year", "published", "hits", "url" }.Select(c => r.GetProperty(c).ToString()).ToArray()).ToList();
        Assert.Equal(body, fromJson);
        Assert.Empty(search.Errors);
    }

    [Fact]
    public async Task A_filter_narrows_the_export_as_it_narrows_the_list()
    {
        var year = _site.Corpus.Reports.GroupBy(r => r.Year).OrderByDescending(g => g.Count()).First().Key;
        await using var search = await OpenAsync($"search.html?q={Uri.EscapeDataString(Query)}&year={year}");
        var expected = new BruteForceSearch(_site.Corpus.Reports.Where(r => r.Year == year).ToList()).Match(SearchQuery.Parse(Query));

        var rows = StrictCsv.Parse(await DownloadAsync(search, "csv")).Skip(1).ToList();

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), rows.Select(r => r[0]).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(year.ToString(CultureInfo.InvariantCulture), r[4]));
    }

    [Fact]
    public async Task The_kind_of_department_filter_exports_the_reports_of_that_kind_only()
    {
        await using var search = await OpenAsync($"search.html?q={Uri.EscapeDataString(Query)}");
        var justice = _site.Corpus.Reports.Where(r => _site.Corpus.BureauOf(r).Kind == "司法").Select(r => r.Id).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(justice);
        Assert.Equal(justice.Count.ToString(CultureInfo.InvariantCulture), await search.Page.Locator("#f-kind input[value='司法'] + label .count").TextContentAsync());

        await search.Page.CheckAsync("#f-kind input[value='司法']");
        await search.WaitForResultsAsync();

        Assert.Contains("kind=" + Uri.EscapeDataString("司法"), search.Page.Url, StringComparison.Ordinal);
        var rows = StrictCsv.Parse(await DownloadAsync(search, "csv")).Skip(1).ToList();
        Assert.Equal(justice, rows.Select(r => r[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Archive_search_csv_writes_every_result_as_the_page_does()
    {
        var bytes = CliBytes("search", Query, "--csv", "--input", _site.Input, "--cache", _site.Temp.Combine("cache"));

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = StrictCsv.Parse(new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3));
        var expected = new BruteForceSearch(_site.Corpus.Reports).Match(SearchQuery.Parse(Query));
        Assert.Equal(["id", "title", "bureau", "region", "year", "published", "hits", "url"], rows[0]);
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), rows.Skip(1).Select(r => new KeyValuePair<string, int>(r[0], int.Parse(r[6], CultureInfo.InvariantCulture))).OrderBy(e => e.Key, StringComparer.Ordinal));
        foreach (var row in rows.Skip(1))
        {
            var report = _site.Corpus.Reports.Single(r => r.Id == row[0]);
            Assert.Equal([report.Title, _site.Corpus.BureauOf(report).Name, Region(_site.Corpus.BureauOf(report)), $"https://example.org/reports/{report.Id}.html"], [row[1], row[2], row[3], row[7]]);
        }
    }

    [Fact]
    public void Archive_search_csv_makes_a_cell_that_starts_like_a_formula_inert_and_quotes_the_rest()
    {
        using var temp = new TempFolder();
        string[] titles = ["=HYPERLINK(\"http://example.org\",\"点此\")报告", "-1+2 报告", "@SUM(A1) 报告", "\"引号\"，逗号,与换行 报告", "普通报告"];
        var input = SampleInput.Create(temp, [.. titles.Select((title, i) => ($"r{i}.md", $"""
            ---
            id: r{i}
            title: {JsonSerializer.Serialize(title, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })}
            bureau: 440303-hrss
            year: {2018 + i}
            published: {2019 + i}-03-01
            reviewed: true
            ---
            {SampleInput.DefaultBody}
            """))]);

        var bytes = CliBytes("search", "农民工", "--csv", "--input", input, "--cache", temp.Combine("cache"));

        var rows = StrictCsv.Parse(new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3)).Skip(1).OrderBy(r => r[0], StringComparer.Ordinal).ToList();
        Assert.Equal(titles.Length, rows.Count);
        for (var i = 0; i < titles.Length; i++)
        {
            Assert.Equal(titles[i][0] is '=' or '-' or '@' ? "'" + titles[i] : titles[i], rows[i][1]);
        }
    }

    // The CLI's standard output as bytes, byte order mark included (a text reader would drop it).
    private byte[] CliBytes(params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Archive.Cli.dll"), .. args])
        {
            WorkingDirectory = _site.Temp.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = System.Diagnostics.Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        using var stdout = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "archive search --csv did not finish");
        Assert.True(process.ExitCode == 0, errors.Result);
        return stdout.ToArray();
    }

    private static string Region(Bureau bureau) =>
        string.Join(' ', DivisionTable.Default.PathOf(bureau.DivisionCode).Divisions.Take(2).Select(d => d.Name));

    private async Task<SearchPage> OpenAsync(string path)
    {
        var search = await SearchPage.OpenAsync(_site.Browser.Browser, _site.Browser.Address, path);
        await search.WaitForResultsAsync();
        return search;
    }

    private static async Task<List<string>> Ids(SearchPage search)
    {
        var ids = new List<string>();
        foreach (var link in await search.Page.Locator("#search-results > li.result h2.title a").AllAsync())
        {
            var href = (await link.GetAttributeAsync("href"))!;
            ids.Add(Path.GetFileNameWithoutExtension(href.Split('?')[0]));
        }

        Assert.NotEmpty(ids);
        return ids;
    }

    private static async Task<string> DownloadAsync(SearchPage search, string format)
    {
        var download = await search.Page.RunAndWaitForDownloadAsync(() => search.Page.Locator($"#search-export button[data-format={format}]").ClickAsync());
        Assert.Equal($"检索结果_{Query}.{format}", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        // A spreadsheet reads UTF-8 only with its byte order mark; JSON has none.
        Assert.Equal(format == "csv", bytes is [0xEF, 0xBB, 0xBF, ..]);
        var text = new UTF8Encoding(false, true).GetString(bytes, format == "csv" ? 3 : 0, bytes.Length - (format == "csv" ? 3 : 0));
        await search.Page.WaitForFunctionAsync("() => document.getElementById('search-status').textContent.startsWith('已导出')");
        return text;
    }

    /// <summary>A site of 40 fixture reports, each saying 依法行政, built and served to Chromium.</summary>
    public sealed class Site : IAsyncLifetime
    {
        public TempFolder Temp { get; } = new();

        public string Input => Temp.Combine("input");

        public Archive.Corpus.Corpus Corpus { get; private set; } = null!;

        public DebianChromium Browser { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            FixtureReports.WriteCorpus(Input, 40, seed: 7, ["440303-hrss", "120102-hrss", "330502-hrss", "440105-hrss", "440600-hrss"], 4, 9);
            // A second kind of department, for the kind filter: one of the five bureaus is taken for a 司法局.
            var registry = Path.Combine(Input, "bureaus.yml");
            var lines = File.ReadAllLines(registry).ToList();
            var at = lines.FindIndex(l => l.Contains("id: 330502-hrss", StringComparison.Ordinal));
            var kind = lines.FindIndex(at, l => l.TrimStart().StartsWith("kind:", StringComparison.Ordinal));
            lines[kind] = "  kind: \"司法\"";
            File.WriteAllLines(registry, lines);
            Corpus = new CorpusReader().ReadValid(Input);
            var output = Temp.Combine("output");
            new SiteBuilder().Build(new BuildPaths(Input, RepoPaths.Theme, output));
            Browser = await DebianChromium.ServeAsync(output);
        }

        public async Task DisposeAsync()
        {
            await Browser.DisposeAsync();
            Temp.Dispose();
        }
    }
}
