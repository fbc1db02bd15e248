using Archive.Tests.Support;
using System.Net;
using Archive.Core;
using Archive.Corpus;

namespace Archive.Tests.Hosting;

/// <summary>Serves the built site through a real nginx with the shipped output-config/nginx.conf.</summary>
public sealed class NginxTests : IClassFixture<BuiltSite>, IDisposable
{
    private readonly ShippedNginx _nginx;
    private readonly HttpClient _http;
    private readonly Archive.Corpus.Corpus _corpus = new CorpusReader().ReadValid(RepoPaths.Input);
    private readonly string _output;

    public NginxTests(BuiltSite site)
    {
        _output = site.Output;
        _nginx = new ShippedNginx(site.Output);
        _http = _nginx.Http;
    }

    [Fact]
    public async Task Pages_are_served_as_utf8_html_with_the_security_policy()
    {
        foreach (var path in new[] { "", SitePaths.Home, SitePaths.Report(_corpus.Reports[0].Id), SitePaths.Regions })
        {
            using var response = await _http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
            Assert.Contains("script-src 'self'", string.Join(' ', response.Headers.GetValues("Content-Security-Policy")));
            Assert.Contains("<html lang=\"zh-CN\">", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_browser_that_accepts_gzip_gets_the_precompressed_copy()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, SitePaths.Report(_corpus.Reports[0].Id));
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await _http.SendAsync(request);

        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(File.ReadAllBytes(Path.Combine(_output, SitePaths.Report(_corpus.Reports[0].Id) + ".gz")), bytes);
    }

    [Fact]
    public async Task A_range_of_a_search_pack_is_answered_with_exactly_those_bytes_uncompressed()
    {
        // The search reads its packs by range only (FORMAT.md §4.0), from a browser that accepts gzip and brotli: a
        // server that compressed the answer, or sent the whole pack, would break it or cost megabytes.
        foreach (var folder in new[] { "keys", "postings", "docs", "text" })
        {
            var pack = Path.Combine(_output, "search", folder, "0000.bin");
            var bytes = File.ReadAllBytes(pack);
            var (from, to) = (bytes.Length / 3, (bytes.Length / 3) + 99);
            using var request = new HttpRequestMessage(HttpMethod.Get, $"search/{folder}/0000.bin");
            request.Headers.AcceptEncoding.ParseAdd("gzip, br");
            request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(from, to);
            using var response = await _http.SendAsync(request);

            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            Assert.Empty(response.Content.Headers.ContentEncoding);
            Assert.Equal(bytes.AsSpan(from, 100).ToArray(), await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Feeds_downloads_and_assets_have_their_types()
    {
        var expected = new Dictionary<string, string>
        {
            [SitePaths.Feed] = "application/xml",
            [SitePaths.Sitemap] = "application/xml",
            [SitePaths.DataCsv] = "text/csv",
            [SitePaths.DataJson] = "application/json",
            [SitePaths.DataJsonLines(2020, "440000")] = "application/x-ndjson",
            ["assets/style.css"] = "text/css",
            [SitePaths.Robots] = "text/plain",
        };
        foreach (var (path, type) in expected)
        {
            using var response = await _http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
        }

        using var asset = await _http.GetAsync("assets/style.css");
        Assert.Contains("max-age=86400", asset.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task A_missing_page_gets_status_404_and_the_site_404_page()
    {
        using var response = await _http.GetAsync("reports/no-such-report.html");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_original_pdf_or_word_file_is_a_download_and_a_text_original_is_shown()
    {
        using var temp = new TempFolder();
        temp.Write("originals/a.pdf", "%PDF-1.4 stand-in");
        temp.Write("originals/b.doc", "stand-in");
        temp.Write("originals/c.txt", "报告原文");
        temp.Write("robots.txt", "User-agent: *");
        using var nginx = new ShippedNginx(temp.Path);

        foreach (var (path, type) in new[] { ("originals/a.pdf", "application/pdf"), ("originals/b.doc", "application/msword") })
        {
            using var download = await nginx.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(type, download.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Contains("script-src 'self'", string.Join(' ', download.Headers.GetValues("Content-Security-Policy")));
        }

        using var text = await nginx.Http.GetAsync("originals/c.txt");
        Assert.Null(text.Content.Headers.ContentDisposition);
        Assert.Equal("text/plain", text.Content.Headers.ContentType!.MediaType);
    }

    public void Dispose() => _nginx.Dispose();
}
