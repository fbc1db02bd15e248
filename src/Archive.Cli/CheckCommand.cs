using System.CommandLine;
using Spectre.Console;
using Archive.Core;
using Archive.Corpus;

namespace Archive.Cli;

/// <summary>archive check: lists every problem in input/ and every report whose metadata is still uncertain.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var folders = new Folders();
        var command = new Command("check", "Validate input/ and list every problem and every report whose metadata still needs a person's review.");
        folders.AddTo(command, withThemeAndOutput: false);
        command.Options.Add(folders.Theme);
        command.SetAction(result => UserErrors.Run(() => Run(result.GetValue(folders.Input)!, result.GetValue(folders.Theme)!)));
        return command;
    }

    private static int Run(string input, string theme)
    {
        var (corpus, problems) = new CorpusReader().Read(input);
        var all = problems.ToList();
        try
        {
            Site.Theme.Load(theme);
        }
        catch (InputException e)
        {
            all.AddRange(e.Problems);
        }

        var uncertain = corpus.Reports.Where(r => r.Uncertain.Any()).ToList();
        foreach (var report in uncertain)
        {
            foreach (var inference in report.Uncertain)
            {
                Terminal.Out.MarkupLine(
                    $"[yellow]review:[/] {Markup.Escape(report.SourceFile)}: {Markup.Escape(inference.Field)} = {Markup.Escape(inference.Value ?? ReportFile.Unknown)} ({inference.Confidence.ToString().ToLowerInvariant()}: {Markup.Escape(inference.Reason)})");
            }
        }

        if (all.Count > 0)
        {
            UserErrors.Print(all, "fix them and run archive check again.");
        }

        Console.WriteLine($"checked {corpus.Reports.Count} reports, {corpus.Bureaus.Count} bureaus: {all.Count} problem(s), {uncertain.Count} report(s) with metadata to review (set 'reviewed: true' once checked).");
        return all.Count > 0 ? UserErrors.Failed : 0;
    }
}
