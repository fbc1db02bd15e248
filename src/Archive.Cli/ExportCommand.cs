using System.CommandLine;
using Archive.Export;
using Spectre.Console;

namespace Archive.Cli;

/// <summary>archive export: writes input/ as bulk files and an index mapping for OpenSearch or Elasticsearch.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var folders = new Folders();
        var target = new Option<string>("--opensearch")
        {
            Description = "The folder to write: mapping.json, mapping-smartcn.json, bulk-NNNN.ndjson files for the _bulk API, load.sh and README.md.",
            Required = true,
        };
        var index = new Option<string>("--index") { Description = "The index name the bulk files and load.sh use (lower case).", DefaultValueFactory = _ => OpenSearchExporter.DefaultIndex };
        var force = new Option<bool>("--force") { Description = "Replace an earlier export in the folder (a folder holding other files is never replaced)." };
        var command = new Command("export", "Export input/ for an OpenSearch or Elasticsearch cluster: bulk NDJSON files, an index mapping with Chinese analysis and a load script.");
        command.Options.Add(target);
        command.Options.Add(index);
        command.Options.Add(force);
        folders.AddTo(command, withThemeAndOutput: false);
        command.SetAction(result =>
        {
            var folder = result.GetValue(target)!;
            return UserErrors.Run(
                () => Run(result.GetValue(folders.Input)!, folder, result.GetValue(index)!, result.GetValue(force)),
                $"nothing was exported; {folder} is as it was.");
        });
        return command;
    }

    private static int Run(string input, string folder, string index, bool force)
    {
        var summary = new OpenSearchExporter().Export(input, folder, index, force);
        foreach (var id in summary.OversizedReports)
        {
            Terminal.Error.MarkupLine(
                $"[yellow]note:[/] report {Markup.Escape(id)} alone is larger than {OpenSearchExporter.DefaultMaxFileBytes / (1024 * 1024)} MB, so its bulk file is too; a cluster whose http.max_content_length is lower refuses it.");
        }

        Console.WriteLine(
            $"exported {summary.Reports} reports to {summary.Folder}: {summary.BulkFiles.Count} bulk file(s), {summary.BulkBytes / (1024.0 * 1024.0):F1} MB, for index {summary.Index}; load them with {Path.Combine(summary.Folder, "load.sh")}");
        return 0;
    }
}
