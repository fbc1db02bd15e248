using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Archive.Core;
using Archive.Corpus;

namespace Archive.Site;

/// <summary>The open-data downloads: metadata as CSV and JSON, full text as JSON Lines.</summary>
public sealed class OpenData(SiteModel model)
{
    // Per report: the digest of its row, from which every file here is digested. Made when first asked for: a rebuild
    // that digests one year's file needs that year's rows alone.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Report, ContentHash> _rowDigests = new(ReferenceEqualityComparer.Instance);

    /// <summary>The kind of the files of full texts by year and province (data/reports/YYYY/PPPPPP.jsonl).</summary>
    public const string JsonLinesKind = "json lines";

    private static readonly string[] Columns =
        ["id", "title", "bureau_id", "bureau", "region", "division_code", "year", "published", "late", "source_url", "sha256", "url"];

    // Keep Chinese readable in the files; still escape characters that matter if JSON ends up inside HTML.
    internal static readonly JsonSerializerOptions Json = new()
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
    public ContentHash TableDigest(string kind)
    {
        var reports = model.Corpus.Reports;
        Parallel.ForEach(reports, report => RowDigestOf(report));
        using var digest = new DigestBuilder("open data " + kind);
        foreach (var report in reports)
        {
            digest.Add(RowDigestOf(report));
        }

        return digest.Finish();
    }

    public string JsonArray() =>
        JsonSerializer.Serialize(Rows().Select(ToObject).ToList(), new JsonSerializerOptions(Json) { WriteIndented = true }) + "\n";

    /// <summary>
    /// The full texts of <paramref name="reports"/> (a year's of one province), one JSON object per line, as UTF-8, with
    /// each line's digest (<see cref="LineDigest"/>) and length. Given the file as the last build wrote it, the lines of
    /// reports whose row and file are unchanged are copied from it instead of being made again. Each text read is
    /// handed to <paramref name="read"/>, so that the figures' files need not read it again.
    /// </summary>
    public LinesFile JsonLines(IReadOnlyList<Report> reports, ShownTexts texts, EarlierLines? last = null, Action<Report, ReportBody>? read = null)
    {
        var lines = Lines(reports, JsonLinesKind, last, report =>
        {
            var body = texts.Of(report);
            read?.Invoke(report, body);
            return JsonLine(report, body);
        });
        return LinesFile.Join(lines);
    }

    /// <summary>
    /// Per report, its line (or block of lines) of a year's file of <paramref name="kind"/> with the digest it is made
    /// from: copied out of the file the last build wrote when its digest is there, else made.
    /// </summary>
    internal (ContentHash, ReadOnlyMemory<byte>)[] Lines(IReadOnlyList<Report> reports, string kind, EarlierLines? last, Func<Report, byte[]> make)
    {
        var earlier = last?.ByDigest() ?? [];

        // A year is thousands of report files to read again (76 MB of lines at 50,000 reports): each line is made on
        // whichever core is free, a batch at a time so that only a batch of texts is in memory at once.
        const int Batch = 256;
        var lines = new (ContentHash, ReadOnlyMemory<byte>)[reports.Count];
        for (var from = 0; from < reports.Count; from += Batch)
        {
            Parallel.For(from, Math.Min(reports.Count, from + Batch), i =>
            {
                var key = LineDigest(kind, reports[i]);
                lines[i] = (key, !key.IsNone && earlier.TryGetValue(key, out var line) ? line : make(reports[i]));
            });
        }

        return lines;
    }

    /// <summary>What a report's line of a year's file of <paramref name="kind"/> is made from: its row and its file (none for a report not read from a file).</summary>
    private ContentHash LineDigest(string kind, Report report)
    {
        if (report.SourceHash.Length == 0)
        {
            return default;
        }

        using var digest = new DigestBuilder(kind == JsonLinesKind ? "open data line" : "open data line " + kind);
        return digest.Add(RowDigestOf(report)).Add(report.SourceHash).Finish();
    }

    private byte[] JsonLine(Report report, ReportBody body)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(32 * 1024);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Json.Encoder }))
        {
            var row = Row(model, report);
            json.WriteStartObject();
            for (var i = 0; i < Columns.Length; i++)
            {
                switch (Columns[i], row[i])
                {
                    case (_, null):
                        json.WriteNull(Columns[i]);
                        break;
                    case ("year", var year):
                        json.WriteNumber(Columns[i], int.Parse(year, CultureInfo.InvariantCulture));
                        break;
                    case ("late", var late):
                        json.WriteBoolean(Columns[i], late == "true");
                        break;
                    case (_, var text):
                        json.WriteString(Columns[i], text);
                        break;
                }
            }

            json.WriteString("text", body.PlainText);
            json.WriteEndObject();
        }

        System.Buffers.BuffersExtensions.Write(buffer, "\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// A digest of everything a year's file of <paramref name="kind"/> writes for <paramref name="reports"/> (the full
    /// texts, <see cref="JsonLinesKind"/>, or a file made from them), made without reading a text: each report's row and
    /// the SHA-256 of its file (the text itself for a report not read from a file), and the program. Equal digests, equal
    /// file: a rebuild links the last one instead of reading every report again.
    /// </summary>
    public ContentHash LinesDigest(string kind, IReadOnlyList<Report> reports, ShownTexts texts)
    {
        Parallel.ForEach(reports, report => RowDigestOf(report));
        using var digest = new DigestBuilder(kind == JsonLinesKind ? "open data json lines" : "open data " + kind);
        foreach (var report in reports)
        {
            digest.Add(RowDigestOf(report)).Add(report.SourceHash.Length > 0 ? report.SourceHash : texts.Of(report).PlainText);
        }

        return digest.Finish();
    }

    /// <summary>The reports covering <paramref name="year"/>, whose texts its JSON Lines file shows.</summary>
    public List<Report> ReportsOf(int year) => [.. model.Corpus.Reports.Where(r => r.Year == year)];

    private IEnumerable<string?[]> Rows() => model.Corpus.Reports.Select(r => Row(model, r));

    private ContentHash RowDigestOf(Report report) => _rowDigests.GetOrAdd(report, r => RowDigest(Row(model, r)));

    private static ContentHash RowDigest(string?[] row)
    {
        using var digest = new DigestBuilder("row");
        foreach (var field in row)
        {
            digest.Add(field);
        }

        return digest.Finish();
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
            report.Published is null ? null : model.IsLate(report) ? "true" : "false",
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
    internal static string CsvField(string? value)
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
