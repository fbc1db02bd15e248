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
        var sources = new Option<bool>("--sources") { Description = "Ask every report's source address again: which no longer answer, and which now differ from what input/warc/ holds (the answers are kept in a new WARC file)." };
        command.Options.Add(sources);
        command.SetAction(result => UserErrors.Run(() => result.GetValue(sources)
            ? CheckSources(result.GetValue(folders.Input)!)
            : Run(result.GetValue(folders.Input)!, result.GetValue(folders.Theme)!)));
        return command;
    }

    // Link rot and silent edits: each source asked again, politely, its answer compared with the WARC copy.
    private static int CheckSources(string input)
    {
        var (corpus, problems) = new CorpusReader().Read(input);
        if (problems.Count > 0)
        {
            UserErrors.Print(problems, "fix them and run archive check --sources again.");
            return UserErrors.Failed;
        }

        var settings = Archive.Collect.FetchSettings.Read(input);
        IReadOnlyList<Archive.Collect.SourceFinding> findings;
        string warcName;
        using var interruption = new Interruption();
        using (var run = Archive.Collect.FetchRun.Start(input, settings, message => Console.Error.WriteLine($"check: {message}")))
        {
            warcName = run.WarcName;
            try
            {
                findings = new Archive.Collect.SourceCheck(run.Fetcher, run.History).CheckAsync(corpus.Reports, interruption.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (interruption.Requested)
            {
                run.Dispose();
                Terminal.Error.MarkupLine($"[yellow]stopped:[/] {Markup.Escape(run.Kept ? $"the answers so far are kept in input/{warcName}" : "nothing was asked")}; nothing else was changed.");
                return Interruption.ExitStatus;
            }

            if (findings.Count > 0)
            {
                // With no source asked, the file would hold nothing but its warcinfo: disposing drops it.
                run.Complete();
            }
        }

        foreach (var finding in findings)
        {
            var (colour, word) = finding.Verdict switch
            {
                Archive.Collect.SourceVerdict.Same => ("green", "same"),
                Archive.Collect.SourceVerdict.Changed => ("yellow", "changed"),
                Archive.Collect.SourceVerdict.Unreachable => ("yellow", "unreachable"),
                Archive.Collect.SourceVerdict.CannotCompare => ("yellow", "cannot compare"),
                _ => ("red", "gone"),
            };
            Terminal.Out.MarkupLine($"[{colour}]{word}:[/] {Markup.Escape(finding.Report.SourceFile)}: {Markup.Escape(finding.Url)}: {Markup.Escape(finding.Detail)}");
        }

        int Count(Archive.Collect.SourceVerdict verdict) => findings.Count(f => f.Verdict == verdict);
        Console.WriteLine(
            $"checked the sources of {findings.Count} of {corpus.Reports.Count} reports: {Count(Archive.Collect.SourceVerdict.Same)} the same, " +
            $"{Count(Archive.Collect.SourceVerdict.Changed)} changed, {Count(Archive.Collect.SourceVerdict.Gone)} gone, {Count(Archive.Collect.SourceVerdict.Unreachable)} unreachable, " +
            $"{Count(Archive.Collect.SourceVerdict.CannotCompare)} without a WARC copy to compare{(findings.Count > 0 ? $"; the answers are kept in input/{warcName}" : "")}.");
        return findings.Any(f => f.Verdict != Archive.Collect.SourceVerdict.Same) ? UserErrors.Failed : 0;
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

        // Text read by OCR has misread characters a person should correct against the original before review.
        var ocred = corpus.Reports.Where(r => !r.Reviewed && r.Original?.Ocr is not null).ToList();
        foreach (var report in ocred)
        {
            var ocr = report.Original!.Ocr!;
            var weakest = ocr.Pages.MinBy(p => p.Confidence);
            Terminal.Out.MarkupLine(
                $"[yellow]review:[/] {Markup.Escape(report.SourceFile)}: text read by OCR ({Markup.Escape(ocr.Engine)}) from {ocr.Pages.Count} page(s) of {Markup.Escape(report.Original.Path)}, mean confidence {ocr.Pages.Average(p => p.Confidence):0.0}{(weakest is null ? "" : $", lowest {weakest.Confidence:0.0} on page {weakest.Page}")}; compare it with the original");
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

        Console.WriteLine($"checked {corpus.Reports.Count} reports, {corpus.Bureaus.Count} bureaus: {all.Count} problem(s), {uncertain.Count} report(s) with metadata to review, {ocred.Count} read by OCR to compare with their originals (set 'reviewed: true' once checked).");
        return all.Count > 0 ? UserErrors.Failed : 0;
    }
}
