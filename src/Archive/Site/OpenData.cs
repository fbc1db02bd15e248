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
    /// The full texts of <paramref name="reports"/> (a year's, <see cref="ReportsOf"/>), one JSON object per line, as UTF-8, with each
    /// line's digest (<see cref="LineDigest"/>) and length. Given the year's file as the last build wrote it, the lines of
    /// reports whose row and file are unchanged are copied from it instead of being made again.
    /// </summary>
    public LinesFile JsonLines(IReadOnlyList<Report> reports, ShownTexts texts, EarlierLines? last = null)
    {
        var earlier = new Dictionary<ContentHash, ReadOnlyMemory<byte>>();
        if (last is { File: var file } record && record.Lengths.Sum(l => (long)l) == file.Length)
        {
            var offset = 0;
            for (var i = 0; i < record.Lines.Length; i++)
            {
                if (!record.Lines[i].IsNone)
                {
                    earlier[record.Lines[i]] = file.AsMemory(offset, record.Lengths[i]);
                }

                offset += record.Lengths[i];
            }
        }

        // A year is thousands of report files to read again (76 MB of lines at 50,000 reports): each line is made on
        // whichever core is free, a batch at a time so that only a batch of texts is in memory at once, then copied
        // once into a file of the exact size.
        const int Batch = 256;
        var keys = new ContentHash[reports.Count];
        var lines = new ReadOnlyMemory<byte>[reports.Count];
        for (var from = 0; from < reports.Count; from += Batch)
        {
            Parallel.For(from, Math.Min(reports.Count, from + Batch), i =>
            {
                keys[i] = LineDigest(reports[i]);
                lines[i] = !keys[i].IsNone && earlier.TryGetValue(keys[i], out var line) ? line : JsonLine(reports[i], texts);
            });
        }

        var bytes = new byte[lines.Sum(l => (long)l.Length)];
        var at = 0;
        foreach (var line in lines)
        {
            line.Span.CopyTo(bytes.AsSpan(at));
            at += line.Length;
        }

        return new LinesFile(bytes, keys, [.. lines.Select(l => l.Length)]);
    }

    /// <summary>What a report's line is made from: its row and its file (none for a report not read from a file).</summary>
    private ContentHash LineDigest(Report report)
    {
        if (report.SourceHash.Length == 0)
        {
            return default;
        }

        using var digest = new DigestBuilder("open data line");
        return digest.Add(RowDigestOf(report)).Add(report.SourceHash).Finish();
    }

    private byte[] JsonLine(Report report, ShownTexts texts)
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

            json.WriteString("text", texts.Of(report).PlainText);
            json.WriteEndObject();
        }

        System.Buffers.BuffersExtensions.Write(buffer, "\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// A digest of everything <see cref="JsonLines"/> writes for <paramref name="reports"/>, made without reading a text:
    /// each report's row and the SHA-256 of its file (the text itself for a report not read from a file), and the
    /// program. Equal digests, equal file: a rebuild links the last one instead of reading every report again.
    /// </summary>
    public ContentHash JsonLinesDigest(IReadOnlyList<Report> reports, ShownTexts texts)
    {
        Parallel.ForEach(reports, report => RowDigestOf(report));
        using var digest = new DigestBuilder("open data json lines");
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
