using System.CommandLine;
using Archive.Build;
using Spectre.Console;

namespace Archive.Cli;

/// <summary>archive build: validates input/ and writes the whole site to output/.</summary>
internal static class BuildCommand
{
    public static Command Create()
    {
        var folders = new Folders();
        var timings = new Option<bool>("--timings") { Description = "Print the time each stage of the build took." };
        var command = new Command("build", "Build the static site from input/ and theme/ into output/.");
        folders.AddTo(command);
        command.Options.Add(timings);
        command.SetAction(result => UserErrors.Run(() =>
        {
            var summary = Run(folders.Paths(result));
            if (summary is not null && result.GetValue(timings))
            {
                var width = summary.Stages.Select(s => s.Stage.Length).DefaultIfEmpty(0).Max();
                // When each ended too: stages run side by side, and what waited on what shows there.
                foreach (var (stage, time, ended) in summary.Stages)
                {
                    Console.WriteLine($"  {stage.PadRight(width)} {time.TotalSeconds,7:F2} s  (ended at {ended.TotalSeconds:F2} s)");
                }

                // What the garbage collector cost: stages that allocate much show up here, not in their own time.
                Console.WriteLine($"  {"garbage collection".PadRight(width)} {GC.GetTotalPauseDuration().TotalSeconds,7:F2} s paused; {GC.GetTotalAllocatedBytes() / 1048576.0:F0} MB allocated; collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} (gen 0/1/2)");
            }

            return summary is null ? UserErrors.Failed : 0;
        }));
        return command;
    }

    /// <summary>Builds with a progress display when attached to a terminal and prints the one-line summary.</summary>
    public static BuildSummary? Run(BuildPaths paths)
    {
        var builder = new SiteBuilder();
        BuildSummary summary;
        if (AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
        {
            summary = AnsiConsole.Progress()
                .AutoClear(true)
                .Columns(new SpinnerColumn(), new TaskDescriptionColumn(), new ElapsedTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask("building");
                    return builder.Build(paths, page => task.Description = Markup.Escape(page));
                });
        }
        else
        {
            summary = builder.Build(paths);
        }

        foreach (var recovered in summary.Recovered)
        {
            Console.Error.WriteLine($"archive build: {recovered}");
        }

        Console.WriteLine(summary.UpToDate
            ? $"{summary.Output} is up to date: nothing in input/, theme/ or the program changed since the last build of its {summary.Reports} reports ({summary.Elapsed.TotalSeconds:F1} s)"
            : $"built {summary.Reports} reports of {summary.Bureaus} bureaus: {summary.Files} files ({summary.ReusedFiles} unchanged), {summary.Bytes / 1024.0:F0} KB in {summary.Output} ({summary.Elapsed.TotalSeconds:F1} s)");
        return summary;
    }
}
