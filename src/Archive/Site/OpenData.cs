using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Archive.Build;
using Archive.Corpus;

namespace Archive.Site;

/// <summary>The open-data downloads: metadata as CSV and JSON, full text as JSON Lines.</summary>
public sealed class OpenData(SiteModel model)
{
    // Per report: the digest of its row, which every file here is keyed by.
    private readonly Lazy<Dictionary<Report, ContentHash>> _rowDigests = new(() =>
    {
        var digests = new Dictionary<Report, ContentHash>(ReferenceEqualityComparer.Instance);
        var rows = model.Corpus.Reports.AsParallel().AsOrdered().Select(r => (Report: r, Digest: RowDigest(Row(model, r))));
        foreach (var (report, digest) in rows)
        {
            digests[report] = digest;
        }

        return digests;
    });

    private static readonly string[] Columns =
        ["id", "title", "bureau_id", "bureau", "region", "division_code", "year", "published", "late", "source_url", "sha256", "url"];

    // Keep Chinese readable in the files; still escape characters that matter if JSON ends up inside HTML.
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = false,
    };

    public string Csv()
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', Columns).Append("\r\n");
        foreach (var row in Rows())
        {
            csv.AppendJoin(',', row.Select(CsvField)).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>
    /// A digest of what <see cref="Csv"/> and <see cref="JsonArray"/> write (<paramref name="kind"/>: which one),
    /// made from the rows' digests: a rebuild in which no row changed keeps both files without making them again.
    /// </summary>
    public ContentHash TableKey(string kind)
    {
        using var key = new KeyHasher("open data " + kind);
        foreach (var report in model.Corpus.Reports)
        {
            key.Add(_rowDigests.Value[report]);
        }

        return key.Finish();
    }

    public string JsonArray() =>
        JsonSerializer.Serialize(Rows().Select(ToObject).ToList(), new JsonSerializerOptions(Json) { WriteIndented = true }) + "\n";

    /// <summary>The full texts of the reports covering <paramref name="year"/>, one JSON object per line, as UTF-8.</summary>
    public byte[] JsonLines(int year)
    {
        using var lines = new MemoryStream();
        var reports = model.Corpus.Reports.Where(r => r.Year == year).ToList();
        // A year is thousands of report files to read again: read them on every core, a batch at a time so that
        // only a batch of texts is in memory at once.
        const int Batch = 256;
        for (var from = 0; from < reports.Count; from += Batch)
        {
            var batch = reports.GetRange(from, Math.Min(Batch, reports.Count - from));
            var texts = new string[batch.Count];
            Parallel.For(0, batch.Count, i => texts[i] = batch[i].ReadBody().PlainText);
            for (var i = 0; i < batch.Count; i++)
            {
                var record = ToObject(Row(model, batch[i]));
                record["text"] = texts[i];
                JsonSerializer.Serialize(lines, record, Json);
                lines.WriteByte((byte)'\n');
            }
        }

        return lines.ToArray();
    }

    /// <summary>
    /// A digest of everything <see cref="JsonLines"/> writes for <paramref name="year"/>, made without reading a text:
    /// each report's row and the SHA-256 of its file (the text itself for a report not read from a file), and the
    /// program. Equal keys, equal file: a rebuild links the last one instead of reading every report again.
    /// </summary>
    public ContentHash JsonLinesKey(int year)
    {
        using var key = new KeyHasher("open data json lines");
        foreach (var report in model.Corpus.Reports.Where(r => r.Year == year))
        {
            key.Add(_rowDigests.Value[report]).Add(report.SourceHash.Length > 0 ? report.SourceHash : report.ReadBody().PlainText);
        }

        return key.Finish();
    }

    private IEnumerable<string?[]> Rows() => model.Corpus.Reports.Select(r => Row(model, r));

    private static ContentHash RowDigest(string?[] row)
    {
        using var key = new KeyHasher("row");
        foreach (var field in row)
        {
            key.Add(field);
        }

        return key.Finish();
    }

    private static string?[] Row(SiteModel model, Report report)
    {
        var bureau = model.Corpus.BureauOf(report);
        return
        [
            report.Id,
            report.Title,
            bureau.Id,
            bureau.Name,
            model.RegionNameOf(bureau),
            bureau.DivisionCode,
            report.Year.ToString(CultureInfo.InvariantCulture),
            report.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            report.Published is null ? null : report.IsLate ? "true" : "false",
            report.SourceUrl,
            report.Original?.Sha256,
            model.Corpus.Settings.AbsoluteRoot + SitePaths.Report(report.Id),
        ];
    }

    private static Dictionary<string, object?> ToObject(string?[] row)
    {
        var record = new Dictionary<string, object?>();
        for (var i = 0; i < Columns.Length; i++)
        {
            record[Columns[i]] = Columns[i] switch
            {
                "year" => int.Parse(row[i]!, CultureInfo.InvariantCulture),
                "late" => row[i] is null ? null : row[i] == "true",
                _ => row[i],
            };
        }

        return record;
    }

    // RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it as a formula.
    private static string CsvField(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
