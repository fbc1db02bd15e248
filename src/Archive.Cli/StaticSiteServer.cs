using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Archive.Cli;

/// <summary>
/// Serves a built site's files on 127.0.0.1 only, as a static host would: no server code, the site's 404 page for
/// missing paths. Used by 'archive serve' and by the browser tests.
/// </summary>
public sealed class StaticSiteServer : IAsyncDisposable
{
    // Every text file the build writes is UTF-8; say so, as the shipped server configs do.
    private static readonly Dictionary<string, string> TextTypes = new()
    {
        [".html"] = "text/html",
        [".css"] = "text/css",
        [".js"] = "text/javascript",
        [".mjs"] = "text/javascript",
        [".json"] = "application/json",
        [".jsonl"] = "application/x-ndjson",
        [".csv"] = "text/csv",
        [".txt"] = "text/plain",
        [".xml"] = "application/xml",
        [".svg"] = "image/svg+xml",
    };

    private static readonly HashSet<string> DownloadedOriginals = new(StringComparer.OrdinalIgnoreCase) { ".pdf", ".doc", ".docx", ".wps", ".png", ".jpg", ".jpeg", ".tif", ".tiff" };

    private readonly WebApplication _app;

    private StaticSiteServer(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The server's root address, ending in '/', including the base path.</summary>
    public string Address { get; }

    /// <summary>Starts serving; port 0 picks a free port. With <paramref name="reload"/>, open pages reload after each build.</summary>
    public static async Task<StaticSiteServer> StartAsync(string outputDirectory, string basePath = "/", int port = 0, LiveReload? reload = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var root = Path.GetFullPath(outputDirectory);
        var requestPath = "/" + basePath.Trim('/');
        // The output folder is replaced by each build, so files are resolved by path on every request.
        var options = new FileServerOptions
        {
            FileProvider = new PhysicalFileProvider(root),
            RequestPath = requestPath == "/" ? "" : requestPath,
            EnableDirectoryBrowsing = false,
        };
        var types = new FileExtensionContentTypeProvider();
        foreach (var (extension, type) in TextTypes)
        {
            types.Mappings[extension] = type + "; charset=utf-8";
        }

        options.StaticFileOptions.ContentTypeProvider = types;
        options.StaticFileOptions.OnPrepareResponse = context =>
        {
            context.Context.Response.Headers.CacheControl = "no-cache";
            // As output-config/nginx.conf does: an original PDF, Word file or scan is downloaded, not shown as a page.
            if (context.Context.Request.Path.Value?.Contains("/originals/", StringComparison.Ordinal) == true
                && DownloadedOriginals.Contains(Path.GetExtension(context.File.Name)))
            {
                context.Context.Response.Headers.ContentDisposition = "attachment";
            }
        };
        if (reload is not null)
        {
            var prefix = requestPath == "/" ? "/" : requestPath + "/";
            app.Use(async (context, next) =>
            {
                if (await reload.TryAnswerAsync(context, prefix, app.Lifetime.ApplicationStopping))
                {
                    return;
                }

                // A page is sent with the reload script; everything else as the static files it is.
                var path = context.Request.Path.Value ?? "";
                if (path.StartsWith(prefix, StringComparison.Ordinal) && (path.EndsWith(".html", StringComparison.Ordinal) || path.EndsWith('/')))
                {
                    var relative = path[prefix.Length..];
                    var file = Path.GetFullPath(Path.Combine(root, relative.Length == 0 || relative.EndsWith('/') ? relative + "index.html" : relative));
                    if (file.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(file))
                    {
                        context.Response.ContentType = "text/html; charset=utf-8";
                        context.Response.Headers.CacheControl = "no-cache";
                        await context.Response.WriteAsync(LiveReload.Inject(await File.ReadAllTextAsync(file, context.RequestAborted), prefix), context.RequestAborted);
                        return;
                    }
                }

                await next(context);
            });
        }

        app.UseFileServer(options);
        app.Run(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            var notFound = Path.Combine(root, "404.html");
            if (File.Exists(notFound))
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                if (reload is null)
                {
                    await context.Response.SendFileAsync(notFound);
                }
                else
                {
                    // A page opened before it exists reloads once a rebuild has made it.
                    await context.Response.WriteAsync(LiveReload.Inject(await File.ReadAllTextAsync(notFound), requestPath == "/" ? "/" : requestPath + "/"));
                }
            }
        });
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StaticSiteServer(app, bound.TrimEnd('/') + (requestPath == "/" ? "/" : requestPath + "/"));
    }

    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
