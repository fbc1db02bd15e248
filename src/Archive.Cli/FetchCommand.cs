using System.CommandLine;
using System.Globalization;
using Archive.Collect;
using Archive.Core;
using Archive.Import;
using Spectre.Console;

namespace Archive.Cli;

/// <summary>
/// archive fetch: collects reports from bureau websites into a WARC file of input/warc/ and imports them with their
/// provenance. Ctrl-C stops the collecting: the WARC keeps every whole exchange and nothing is imported.
/// </summary>
internal static class FetchCommand
{
    public static Command Create()
    {
        var folders = new Folders();
        var addresses = new Argument<string[]>("urls") { Description = "Report pages or documents to collect; with --follow, column pages that list reports.", Arity = ArgumentArity.OneOrMore };
        var follow = new Option<bool>("--follow") { Description = "Read each address as a column page: follow its pages and collect every link whose text matches site.yml's fetch: report_links." };
        var delay = new Option<double?>("--delay") { Description = "Seconds between two requests to one host (default: site.yml's fetch: delay_seconds, else 2)." };
        var timeout = new Option<double?>("--timeout") { Description = "Seconds one request may take (default: site.yml's fetch: timeout_seconds, else 30)." };
        var ocrSeconds = new Option<int>("--ocr-seconds") { Description = "How long OCR of one page of a scanned attachment may take.", DefaultValueFactory = _ => (int)ImportOptions.Default.OcrPageLimit.TotalSeconds };
        var command = new Command("fetch", "Collect reports from bureau websites into a WARC file (input/warc/), politely, and import them with their provenance.");
        folders.AddTo(command, withThemeAndOutput: false);
        command.Arguments.Add(addresses);
        command.Options.Add(follow);
        command.Options.Add(delay);
        command.Options.Add(timeout);
        command.Options.Add(ocrSeconds);
        command.SetAction(result => UserErrors.Run(
            () => Run(result.GetValue(folders.Input)!, result.GetValue(addresses)!, result.GetValue(follow), result.GetValue(delay), result.GetValue(timeout), result.GetValue(ocrSeconds)),
            "nothing was imported; input/ is as it was."));
        return command;
    }

    private static int Run(string input, string[] urls, bool follow, double? delay, double? timeout, int ocrSeconds)
    {
        var settings = FetchSettings.Read(input);
        settings = settings with
        {
            Delay = delay is double d ? Seconds("--delay", d, 0) : settings.Delay,
            Timeout = timeout is double t ? Seconds("--timeout", t, 0.1) : settings.Timeout,
        };
        var addresses = Addresses(urls);
        using var interruption = new Interruption();
        Collector collector;
        int requests;
        int freshPayloads;
        string warcName;
        using (var run = FetchRun.Start(input, settings, message => Console.Error.WriteLine($"fetch: {message}")))
        {
            warcName = run.WarcName;
            collector = new Collector(run.Fetcher, settings.ReportLinks, message => Console.Error.WriteLine($"fetch: {message}"));
            try
            {
                Collect(collector, addresses, follow, interruption.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (interruption.Requested)
            {
                run.Dispose();
                Terminal.Error.MarkupLine($"[yellow]stopped:[/] {run.Fetcher.Requests} request(s) made; {Markup.Escape(run.Kept ? $"every whole exchange is kept in input/{warcName}" : "no WARC file was kept (nothing was stored)")}; nothing was imported. Run the same command again: what was collected is not fetched again.");
                return Interruption.ExitStatus;
            }

            run.Complete();
            requests = run.Fetcher.Requests;
            freshPayloads = run.Fetcher.FreshPayloads;
        }

        // The import writes input/ whole or not at all; Ctrl-C from here on waits for it.
        interruption.Defer("fetch: the collected reports are being imported; that finishes first.");
        var options = new ImportOptions(TimeSpan.FromSeconds(ocrSeconds), message => Console.Error.WriteLine($"reading {message}"));
        var outcome = new CollectedImport(input, options).Import(collector.Reports);
        ImportCommand.Print(outcome.Imported);
        foreach (var line in outcome.AlreadyImported)
        {
            Terminal.Out.MarkupLine($"[grey]unchanged[/] {Markup.Escape(line)}");
        }

        foreach (var failure in collector.Failures)
        {
            Terminal.Error.MarkupLine($"[red]not collected:[/] {Markup.Escape(failure)}");
        }

        foreach (var problem in outcome.Refused)
        {
            Terminal.Error.MarkupLine($"[red]not imported:[/] {Markup.Escape(problem.ToString())}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"collected {collector.Reports.Count} report(s) with {requests} request(s) ({freshPayloads} new or changed response(s)): {outcome.Imported.Count} imported into {input}, {outcome.AlreadyImported.Count} already there, {outcome.Refused.Count} refused by the readers; {collector.Failures.Count} address(es) not collected; WARC: input/{warcName}."));
        if (outcome.Imported.Count > 0)
        {
            Console.WriteLine("review the imported reports, set 'reviewed: true', then run 'archive check'.");
        }

        var nothing = outcome.Imported.Count + outcome.AlreadyImported.Count == 0;
        return nothing && collector.Failures.Count + outcome.Refused.Count > 0 ? UserErrors.Failed : 0;
    }

    private static async Task Collect(Collector collector, IReadOnlyList<Uri> addresses, bool follow, CancellationToken cancel)
    {
        foreach (var address in addresses)
        {
            if (follow)
            {
                await collector.FollowAsync(address, cancel).ConfigureAwait(false);
            }
            else
            {
                await collector.CollectReportAsync(address, cancel).ConfigureAwait(false);
            }
        }
    }

    private static List<Uri> Addresses(string[] urls)
    {
        var problems = new List<InputProblem>();
        var addresses = new List<Uri>();
        foreach (var url in urls)
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out var address) && address.Scheme is "http" or "https")
            {
                addresses.Add(address);
            }
            else
            {
                problems.Add(new InputProblem(url, null, "not an http or https address; give the whole address, such as https://www.example.gov.cn/zwgk/fzzfjs/."));
            }
        }

        return problems.Count > 0 ? throw new InputException(problems) : addresses;
    }

    private static TimeSpan Seconds(string option, double value, double min) =>
        value >= min && value <= 3600 ? TimeSpan.FromSeconds(value) : throw new InputException(option, null, $"{value.ToString(CultureInfo.InvariantCulture)} is not a number of seconds from {min.ToString(CultureInfo.InvariantCulture)} to 3600.");
}
