using System.CommandLine;
using Archive.Build;
using Archive.Corpus;

namespace Archive.Cli;

/// <summary>
/// archive serve: builds, serves output/ on 127.0.0.1, rebuilds when input/ or theme/ change, and reloads the pages
/// open in a browser after each successful rebuild.
/// </summary>
internal static class ServeCommand
{
    // Editors save a file in several steps; wait for them to settle before rebuilding once.
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    public static Command Create()
    {
        var folders = new Folders();
        var port = new Option<int>("--port", "-p") { Description = "Port on 127.0.0.1; 0 takes a free one (the address is printed).", DefaultValueFactory = _ => 8080 };
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

        var basePath = new CorpusReader().Read(paths.Input).Corpus.Settings.BasePath;
        var reload = new LiveReload();
        using var rebuilds = new Rebuilder(paths, Settle, reload);
        var server = StaticSiteServer.StartAsync(paths.Output, basePath, port, reload).GetAwaiter().GetResult();
        Console.WriteLine($"serving {server.Address} (Ctrl+C to stop); watching {paths.Input} and {paths.Theme}");
        server.WaitForShutdownAsync().GetAwaiter().GetResult();
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return 0;
    }

    /// <summary>Watches input/ and theme/ and rebuilds after changes settle; a failed rebuild keeps the last good site.</summary>
    private sealed class Rebuilder : IDisposable
    {
        private readonly List<FileSystemWatcher> _watchers = [];
        private readonly Timer _timer;

        public Rebuilder(BuildPaths paths, TimeSpan settle, LiveReload reload)
        {
            _timer = new Timer(_ => Rebuild(paths, reload));
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

        private static void Rebuild(BuildPaths paths, LiveReload reload)
        {
            Console.WriteLine("change detected, rebuilding…");
            if (UserErrors.Run(() => BuildCommand.Run(paths) is null ? UserErrors.Failed : 0) == 0)
            {
                // Open pages reload only onto a good build; a failed one keeps the site they show.
                reload.Built();
            }
        }
    }
}
