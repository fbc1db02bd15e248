using System.CommandLine;
using Archive.Corpus;
using Archive.Import;
using Spectre.Console;

namespace Archive.Cli;

/// <summary>archive import: turns raw report files into input/ report files with inferred metadata.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var folders = new Folders();
        var files = new Argument<string[]>("files") { Description = "Raw report files or folders: .txt (any encoding), .docx, .html, .jsonl, .pdf (scans by OCR), .png/.jpg/.tif scans.", Arity = ArgumentArity.OneOrMore };
        var ocrSeconds = new Option<int>("--ocr-seconds") { Description = "How long OCR of one page may take before it is stopped.", DefaultValueFactory = _ => (int)ImportOptions.Default.OcrPageLimit.TotalSeconds };
        var command = new Command("import", "Import raw reports into input/: detect the encoding, strip page chrome, infer metadata for review.");
        folders.AddTo(command, withThemeAndOutput: false);
        command.Arguments.Add(files);
        command.Options.Add(ocrSeconds);
        command.SetAction(result => UserErrors.Run(() => Run(result.GetValue(folders.Input)!, result.GetValue(files)!, result.GetValue(ocrSeconds)), "nothing was imported; input/ is as it was."));
        return command;
    }

    private static int Run(string input, string[] files, int ocrSeconds)
    {
        if (ocrSeconds is <= 0 or > 86_400)
        {
            throw new Archive.Core.InputException("--ocr-seconds", null, $"{ocrSeconds} is not a time limit for a page; give a number of seconds from 1 to 86400, such as 300.");
        }

        // Progress of long reads (a 500-page PDF, OCR) goes to stderr, so that stdout stays the import's record.
        var options = new ImportOptions(TimeSpan.FromSeconds(ocrSeconds), message => Console.Error.WriteLine($"reading {message}"));
        var imported = new Importer(input, options).Import(files);
        Print(imported);
        Console.WriteLine($"imported {imported.Count} report(s) into {input}; review them, set 'reviewed: true', then run 'archive check'.");
        return 0;
    }

    /// <summary>Each imported report with its inferences, colored by confidence, and the import's notes on it.</summary>
    public static void Print(IReadOnlyList<ImportedReport> imported)
    {
        foreach (var item in imported)
        {
            var report = item.Report;
            Terminal.Out.MarkupLine($"[green]imported[/] {Markup.Escape(item.SourcePath)} → {Markup.Escape(item.ReportPath)}{(item.Encoding is null ? "" : $" (read as {Markup.Escape(item.Encoding)})")}");
            foreach (var inference in report.Inferences)
            {
                var colour = inference.Confidence switch
                {
                    Confidence.High => "green",
                    Confidence.Medium => "yellow",
                    _ => "red",
                };
                Terminal.Out.MarkupLine(
                    $"  [{colour}]{inference.Confidence.ToString().ToLowerInvariant(),-7}[/] {Markup.Escape(inference.Field)}: {Markup.Escape(inference.Value ?? ReportFile.Unknown)} — {Markup.Escape(inference.Reason)}");
            }

            if (report.RemovedChrome.Count > 0)
            {
                Terminal.Out.MarkupLine($"  removed {report.RemovedChrome.Count} line(s) of page chrome and page furniture: {Markup.Escape(string.Join(" | ", report.RemovedChrome))}");
            }

            foreach (var note in item.Notes)
            {
                Terminal.Out.MarkupLine($"  note: {Markup.Escape(note)}");
            }
        }
    }
}
