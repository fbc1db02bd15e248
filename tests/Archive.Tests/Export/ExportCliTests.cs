using Archive.Tests.Support;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Text;

namespace Archive.Tests.Export;

/// <summary>archive export as a user runs it, and the load.sh it writes run against a stand-in for a cluster.</summary>
public class ExportCliTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public void Export_exits_zero_writes_the_files_and_refuses_to_overwrite_them_without_force()
    {
        using var temp = new TempFolder();
        var folder = temp.Combine("opensearch");

        var (exit, stdout, stderr) = Run("export", "--opensearch", folder, "--input", RepoPaths.Input);

        Assert.True(exit == 0, stderr);
        Assert.Contains($"exported 5 reports to {folder}: 1 bulk file(s)", stdout);
        Assert.Equal(["README.md", "bulk-0001.ndjson", "load.sh", "mapping-smartcn.json", "mapping.json"],
            Directory.EnumerateFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(5, BulkExport.Read(folder).Pairs.Count);
        var written = File.GetLastWriteTimeUtc(Path.Combine(folder, "bulk-0001.ndjson"));

        var again = Run("export", "--opensearch", folder, "--input", RepoPaths.Input);
        Assert.Equal(1, again.Exit);
        Assert.Contains("is not empty; pass --force", again.Stderr);
        Assert.Contains($"nothing was exported; {folder} is as it was.", again.Stderr);
        Assert.DoesNotContain("   at ", again.Stderr + again.Stdout);
        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(folder, "bulk-0001.ndjson")));

        Assert.Equal(0, Run("export", "--opensearch", folder, "--input", RepoPaths.Input, "--force", "--index", "reports-2").Exit);
        Assert.Contains("\"_index\":\"reports-2\"", File.ReadAllText(Path.Combine(folder, "bulk-0001.ndjson")));
    }

    [Fact]
    public void A_bad_index_name_or_a_missing_folder_option_is_an_error_without_a_stack_trace()
    {
        using var temp = new TempFolder();

        var badName = Run("export", "--opensearch", temp.Combine("out"), "--input", RepoPaths.Input, "--index", "Reports");
        var noFolder = Run("export", "--input", RepoPaths.Input);

        Assert.Equal(1, badName.Exit);
        Assert.Contains("--index: index name 'Reports' has upper-case letters", badName.Stderr);
        Assert.DoesNotContain("   at ", badName.Stderr);
        Assert.False(Directory.Exists(temp.Combine("out")));
        Assert.NotEqual(0, noFolder.Exit);
        Assert.Contains("--opensearch", noFolder.Stderr);
    }

    [Fact]
    public async Task Load_sh_creates_the_index_from_the_mapping_and_posts_every_bulk_file_as_ndjson()
    {
        using var temp = new TempFolder();
        var folder = temp.Combine("export");
        var input = SampleInput.Create(temp, [.. Enumerable.Range(1, 5).Select(i => ($"r{i}.md", SampleInput.Report($"r-{i}")))]);
        new Archive.Export.OpenSearchExporter(maxFileBytes: 3000).Export(input, folder, "reports");
        var bulkFiles = BulkExport.Read(folder).Files;
        Assert.True(bulkFiles.Count > 1);
        using var cluster = new FakeCluster(_ => true);

        var (exit, stdout, stderr) = await cluster.RunAsync(Path.Combine(folder, "load.sh"));

        Assert.True(exit == 0, stderr);
        var requests = cluster.Requests;
        Assert.Equal(bulkFiles.Count + 2, requests.Count);
        Assert.Equal(("PUT", "/reports", "application/json"), (requests[0].Method, requests[0].Path, requests[0].ContentType));
        Assert.Equal(File.ReadAllBytes(Path.Combine(folder, "mapping.json")), requests[0].Body);
        for (var i = 0; i < bulkFiles.Count; i++)
        {
            var request = requests[i + 1];
            Assert.Equal(("POST", "/_bulk", "application/x-ndjson"), (request.Method, request.Path, request.ContentType));
            Assert.Equal(File.ReadAllBytes(Path.Combine(folder, bulkFiles[i])), request.Body);
        }

        Assert.Equal(("POST", "/reports/_refresh"), (requests[^1].Method, requests[^1].Path));
        Assert.Contains("loaded 5 reports into reports", stdout);
    }

    [Fact]
    public async Task Load_sh_stops_with_an_error_when_the_cluster_refuses_the_index_or_a_document()
    {
        using var temp = new TempFolder();
        var folder = temp.Combine("export");
        var input = SampleInput.Create(temp, ("a.md", SampleInput.Report("a-2020")), ("b.md", SampleInput.Report("b-2020")));
        new Archive.Export.OpenSearchExporter(maxFileBytes: 1).Export(input, folder);

        using var exists = new FakeCluster(request => request.Method != "PUT");
        var refusedIndex = await exists.RunAsync(Path.Combine(folder, "load.sh"));
        using var mapping = new FakeCluster(request => request.Path != "/_bulk");
        var refusedDocument = await mapping.RunAsync(Path.Combine(folder, "load.sh"));

        Assert.NotEqual(0, refusedIndex.Exit);
        Assert.Contains("HTTP 400", refusedIndex.Stderr);
        Assert.Single(exists.Requests);
        Assert.NotEqual(0, refusedDocument.Exit);
        Assert.Contains("bulk-0001.ndjson: the cluster refused documents", refusedDocument.Stderr);
        Assert.Equal(2, mapping.Requests.Count);
    }

    private static ArchiveRun Run(params string[] args) => ArchiveProcess.Run(Environment.CurrentDirectory, args);

    private static async Task<(int Exit, string Stdout, string Stderr)> Wait(ProcessStartInfo info, string name)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.StandardOutputEncoding = Encoding.UTF8;
        info.StandardErrorEncoding = Encoding.UTF8;
        info.Environment["COLUMNS"] = "400";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(name);
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Answers as OpenSearch does on 127.0.0.1: 200 with {"acknowledged":true} or {"errors":false} for accepted
    /// requests; 400 for a refused index creation and {"errors":true,…} for a refused bulk request.
    /// </summary>
    private sealed class FakeCluster : IDisposable
    {
        // load.sh sends a handful of requests; a script gone wrong gets 503s past this many, not an endless loop.
        private const int MaxRequests = 1000;
        private readonly WebApplication _app;
        private readonly Func<Received, bool> _accept;
        private readonly List<Received> _requests = [];

        public FakeCluster(Func<Received, bool> accept)
        {
            _accept = accept;
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            // Port 0: Kestrel takes a free port from the OS and holds it from then on.
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            _app = builder.Build();
            _app.Run(AnswerAsync);
            _app.StartAsync().GetAwaiter().GetResult();
            Url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        }

        public string Url { get; }

        public IReadOnlyList<Received> Requests
        {
            get
            {
                lock (_requests)
                {
                    return [.. _requests];
                }
            }
        }

        public Task<(int Exit, string Stdout, string Stderr)> RunAsync(string script)
        {
            var info = new ProcessStartInfo("bash", [script]);
            info.Environment["OPENSEARCH_URL"] = Url + "/";
            return Wait(info, script);
        }

        public void Dispose()
        {
            _app.StopAsync().GetAwaiter().GetResult();
            _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        private async Task AnswerAsync(HttpContext context)
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var request = new Received(context.Request.Method, context.Request.Path.Value ?? "/", context.Request.ContentType, body.ToArray());
            lock (_requests)
            {
                if (_requests.Count >= MaxRequests)
                {
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    return;
                }

                _requests.Add(request);
            }

            var accepted = _accept(request);
            var (status, answer) = (request.Method, request.Path, accepted) switch
            {
                ("PUT", _, false) => (400, """{"error":{"type":"resource_already_exists_exception"},"status":400}"""),
                (_, "/_bulk", true) => (200, """{"errors":false}"""),
                (_, "/_bulk", false) => (200, """{"errors":true,"items":[{"index":{"error":{"type":"mapper_parsing_exception"}}}]}"""),
                _ => (200, """{"acknowledged":true}"""),
            };
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer, Encoding.UTF8);
        }
    }

    private sealed record Received(string Method, string Path, string? ContentType, byte[] Body);
}
