using Archive.Tests.Support;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Archive.Core;
using Archive.Corpus;

namespace Archive.Tests.Hosting;

/// <summary>Serves the built site through a real nginx with the shipped output-config/nginx.conf.</summary>
public sealed class NginxTests : IClassFixture<BuiltSite>, IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly TempFolder _temp = new();
    private readonly ReservedPort _port = new();
    private readonly Process _nginx;
    private readonly HttpClient _http;
    private readonly Archive.Corpus.Corpus _corpus = new CorpusReader().ReadValid(RepoPaths.Input);
    private readonly string _output;

    public NginxTests(BuiltSite site)
    {
        _output = site.Output;
        var port = _port.Number;
        // reuseport: nginx binds the port this test holds (see ReservedPort).
        var server = File.ReadAllText(Path.Combine(RepoPaths.OutputConfig, "nginx.conf"))
            .Replace("listen 80;", $"listen 127.0.0.1:{port} reuseport;", StringComparison.Ordinal)
            .Replace("root /srv/archive;", $"root {site.Output};", StringComparison.Ordinal);
        Assert.Contains($"listen 127.0.0.1:{port} reuseport;", server);
        Assert.Contains($"root {site.Output};", server);
        _temp.Write("archive.conf", server);
        var prefix = _temp.Path;
        _temp.Write("nginx.conf", $$"""
            worker_processes 1;
            daemon off;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 64; }
            http {
                access_log off;
                client_body_temp_path {{prefix}}/body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
                include {{prefix}}/archive.conf;
            }
            """);
        var binary = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
        _nginx = Process.Start(new ProcessStartInfo(binary, ["-p", prefix, "-c", _temp.Combine("nginx.conf")]) { RedirectStandardError = true })!;
        _http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        WaitUntilServing();
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
    public async Task Feeds_downloads_and_assets_have_their_types()
    {
        var expected = new Dictionary<string, string>
        {
            [SitePaths.Feed] = "application/xml",
            [SitePaths.Sitemap] = "application/xml",
            [SitePaths.DataCsv] = "text/csv",
            [SitePaths.DataJson] = "application/json",
            [SitePaths.DataJsonLines(2020)] = "application/x-ndjson",
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

    public void Dispose()
    {
        if (!_nginx.HasExited)
        {
            _nginx.Kill(entireProcessTree: true);
            _nginx.WaitForExit(5000);
        }

        _nginx.Dispose();
        _http.Dispose();
        _temp.Dispose();
    }

    private void WaitUntilServing()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (_nginx.HasExited)
            {
                throw new InvalidOperationException("nginx exited: " + _nginx.StandardError.ReadToEnd());
            }

            try
            {
                using var response = _http.GetAsync("robots.txt").GetAwaiter().GetResult();
                return;
            }
            catch (HttpRequestException)
            {
                Thread.Sleep(100);
            }
        }

        throw new TimeoutException("nginx did not answer within " + StartTimeout);
    }
}
