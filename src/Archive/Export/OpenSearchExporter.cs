using System.Text;
using Archive.Corpus;
using Archive.Regions;

namespace Archive.Export;

/// <summary>What an export wrote, for the one-line summary.</summary>
public sealed record OpenSearchExportSummary(
    int Reports,
    string Folder,
    string Index,
    IReadOnlyList<string> BulkFiles,
    long BulkBytes,
    IReadOnlyList<string> OversizedReports);

/// <summary>
/// archive export --opensearch: the corpus as bulk NDJSON files and an index mapping, so an existing OpenSearch or
/// Elasticsearch cluster can serve it when one machine is not enough. Reports are written one at a time, in id
/// order, so the output is the same bytes for the same input and only one report's JSON is in memory at once.
/// </summary>
public sealed class OpenSearchExporter
{
    public const string DefaultIndex = "archive-reports";

    /// <summary>
    /// Clusters cap a request body (http.max_content_length: 100 MB by default, 10 MB on some hosted services) and
    /// bulk requests of a few MB index fastest; 10 MB per file passes everywhere.
    /// </summary>
    public const long DefaultMaxFileBytes = 10 * 1024 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly long _maxFileBytes;

    public OpenSearchExporter()
        : this(DefaultMaxFileBytes)
    {
    }

    /// <summary>For tests: a small limit shows the split without megabytes of input.</summary>
    internal OpenSearchExporter(long maxFileBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFileBytes, 1);
        _maxFileBytes = maxFileBytes;
    }

    /// <summary>
    /// Reads and validates <paramref name="input"/> as 'archive build' does and writes the export to
    /// <paramref name="folder"/>, which ends up holding the complete export or is left as it was.
    /// </summary>
    public OpenSearchExportSummary Export(string input, string folder, string index = DefaultIndex, bool force = false)
    {
        // The cheap checks come first, so a typo does not cost a read of the whole corpus.
        IndexName.Check(index);
        using var target = ExportFolder.Open(folder, force);
        var corpus = new CorpusReader().ReadValid(input);
        var (files, bytes, oversized) = Write(corpus, target.Staging, index);
        target.Commit();
        return new OpenSearchExportSummary(corpus.Reports.Count, folder, index, files, bytes, oversized);
    }

    private (IReadOnlyList<string> Files, long Bytes, IReadOnlyList<string> Oversized) Write(Corpus.Corpus corpus, string folder, string index)
    {
        WriteText(folder, ExportLayout.Mapping, IndexMapping.Write(smartcn: false));
        WriteText(folder, ExportLayout.SmartcnMapping, IndexMapping.Write(smartcn: true));

        var oversized = new List<string>();
        IReadOnlyList<string> names;
        long bytes;
        using (var json = new BulkJson(index))
        using (var bulk = new BulkFiles(folder, _maxFileBytes))
        {
            foreach (var report in corpus.Reports)
            {
                if (!bulk.Add(json.Lines(ReportDocument.Of(corpus, report, DivisionTable.Default))))
                {
                    oversized.Add(report.Id);
                }
            }

            names = bulk.Names;
            bytes = bulk.Bytes;
        }

        var script = WriteText(folder, ExportLayout.LoadScript, LoadInstructions.Script(index, names, corpus.Reports.Count));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, File.GetUnixFileMode(script) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        WriteText(folder, ExportLayout.Readme, LoadInstructions.Readme(index, names, corpus.Reports.Count, _maxFileBytes));
        return (names, bytes, oversized);
    }

    private static string WriteText(string folder, string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text, Utf8);
        return path;
    }
}
