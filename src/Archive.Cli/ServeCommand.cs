using System.CommandLine;
using Archive.Build;
using Archive.Corpus;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Archive.Cli;

/// <summary>archive serve: builds, serves output/ on 127.0.0.1 and rebuilds when input/ or theme/ change.</summary>
internal static class ServeCommand
{
    // Editors save a file in several steps; wait for them to settle before rebuilding once.
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    public static Command Create()
    {
        var folders = new Folders();
        var port = new Option<int>("--port", "-p") { Description = "Port on 127.0.0.1.", DefaultValueFactory = _ => 8080 };
        var command = new Command("serve", "Build, serve the site on http://127.0.0.1:PORT/ and rebuild when input/ or theme/ change.");
        folders.AddTo(command);
        command.Options.Add(port);
        command.SetAction(result => UserErrors.Run(() => Run(folders.Paths(result), result.GetValue(port))));
        return command;
    }

    private static int Run(BuildPaths paths, int port)
    {
        var summary = BuildCommand.Run(paths);
        if (summary is null)
        {
            return UserErrors.Failed;
        }

        var basePath = new CorpusReader().Read(paths.Input).Corpus.Settings.BasePath.TrimEnd('/');
        using var rebuilds = new Rebuilder(paths, Settle);
        var app = CreateApp(Path.GetFullPath(paths.Output), basePath, port);
        Console.WriteLine($"serving http://127.0.0.1:{port}{basePath}/ (Ctrl+C to stop); watching {paths.Input} and {paths.Theme}");
        app.Run();
        return 0;
    }

    /// <summary>A static file server for a built site, bound to loopback only.</summary>
    public static WebApplication CreateApp(string outputDirectory, string basePath, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        // The output folder is replaced by each build, so resolve files by path on every request.
        var files = new PhysicalFileProvider(outputDirectory);
        var options = new FileServerOptions { FileProvider = files, RequestPath = basePath, EnableDirectoryBrowsing = false };
        options.StaticFileOptions.ServeUnknownFileTypes = false;
        options.StaticFileOptions.ContentTypeProvider = new Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider
        {
            Mappings = { [".jsonl"] = "application/x-ndjson; charset=utf-8", [".xml"] = "application/xml; charset=utf-8" },
        };
        app.UseFileServer(options);
        app.Run(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            var notFound = Path.Combine(outputDirectory, "404.html");
            if (File.Exists(notFound))
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.SendFileAsync(notFound);
            }
        });
        return app;
    }

    /// <summary>Watches input/ and theme/ and rebuilds after changes settle; a failed rebuild keeps the last good site.</summary>
    private sealed class Rebuilder : IDisposable
    {
        private readonly List<FileSystemWatcher> _watchers = [];
        private readonly Timer _timer;

        public Rebuilder(BuildPaths paths, TimeSpan settle)
        {
            _timer = new Timer(_ => Rebuild(paths));
            foreach (var folder in new[] { paths.Input, paths.Theme }.Where(Directory.Exists))
            {
                var watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = true, EnableRaisingEvents = true };
                watcher.Changed += (_, _) => _timer.Change(settle, Timeout.InfiniteTimeSpan);
                watcher.Created += (_, _) => _timer.Change(settle, Timeout.InfiniteTimeSpan);
                watcher.Deleted += (_, _) => _timer.Change(settle, Timeout.InfiniteTimeSpan);
                watcher.Renamed += (_, _) => _timer.Change(settle, Timeout.InfiniteTimeSpan);
                _watchers.Add(watcher);
            }
        }

        public void Dispose()
        {
            _timer.Dispose();
            _watchers.ForEach(w => w.Dispose());
        }

        private static void Rebuild(BuildPaths paths)
        {
            Console.WriteLine("change detected, rebuilding…");
            UserErrors.Run(() => BuildCommand.Run(paths) is null ? UserErrors.Failed : 0);
        }
    }
}
