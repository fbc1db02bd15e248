using System.Diagnostics;
using System.Net;

namespace Archive.Tests.Support;

/// <summary>
/// A real nginx serving a built site with the shipped output-config/nginx.conf (its types, compression, headers and
/// Content-Security-Policy), on 127.0.0.1 and a port the test holds (<see cref="ReservedPort"/>); stopped on dispose.
/// </summary>
public sealed class ShippedNginx : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly TempFolder _temp = new();
    private readonly ReservedPort _port = new();
    private readonly Process _nginx;

    public ShippedNginx(string root)
    {
        // reuseport: nginx binds the port this test holds.
        var server = File.ReadAllText(Path.Combine(RepoPaths.OutputConfig, "nginx.conf"))
            .Replace("listen 80;", $"listen 127.0.0.1:{_port.Number} reuseport;", StringComparison.Ordinal)
            .Replace("root /srv/archive;", $"root {root};", StringComparison.Ordinal);
        if (!server.Contains($"listen 127.0.0.1:{_port.Number} reuseport;", StringComparison.Ordinal) || !server.Contains($"root {root};", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("output-config/nginx.conf no longer has the 'listen 80;' and 'root /srv/archive;' lines this test replaces");
        }

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
        Address = $"http://127.0.0.1:{_port.Number}/";
        Http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = new Uri(Address), Timeout = TimeSpan.FromSeconds(10) };
        WaitUntilServing();
    }

    /// <summary>The site's root address, ending in '/'.</summary>
    public string Address { get; }

    /// <summary>A client for the site that does not decompress, so that encodings can be checked.</summary>
    public HttpClient Http { get; }

    public void Dispose()
    {
        if (!_nginx.HasExited)
        {
            _nginx.Kill(entireProcessTree: true);
            _nginx.WaitForExit(5000);
        }

        _nginx.Dispose();
        Http.Dispose();
        _port.Dispose();
        _temp.Dispose();
    }

    // nginx has bound the port once its pid file exists; until it listens, connections are refused and tried again.
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
                using var response = Http.GetAsync("robots.txt").GetAwaiter().GetResult();
                return;
            }
            catch (HttpRequestException)
            {
                Thread.Sleep(50);
            }
        }

        throw new TimeoutException("nginx did not answer within " + StartTimeout);
    }
}
