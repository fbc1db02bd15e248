using System.Globalization;
using System.Text;
using System.Text.Json;
using Archive.Core;
using Archive.Corpus;
using Archive.Reading.Figures;
using Archive.Site.Figures;

namespace Archive.Site;

/// <summary>
/// The key figures of one year's reports as open data, data/figures-YYYY.csv and .json: per figure its report, year,
/// bureau, measure, text as written, value, unit and paragraph anchor (the JSON groups them by report, with the
/// report's address). One file per year, as the full texts are, for the same reasons (a changed report rewrites its year alone; at
/// 5,000 reports one file for the archive would pass the 25 MiB a Pages host accepts). Each report's rows are a block
/// that a rebuild copies from the last build's file while the report is unchanged.
/// </summary>
public sealed class FigureData(SiteModel model, OpenData data)
{
    public const string CsvKind = "figures csv";
    public const string JsonKind = "figures json";

    // A row names its report, year and bureau, so that a spreadsheet of one year's figures reads on its own; the rest of
    // a report's metadata and its address are in data/reports.csv, by id (a column repeated on 2.5 million rows at
    // 50,000 reports costs 175 MB per 70 bytes).
    private static readonly string[] Columns = ["report_id", "year", "bureau", "measure", "text", "value", "unit", "anchor"];

    /// <summary>The CSV: a header, then each report's rows (RFC 4180, as data/reports.csv).</summary>
    public LinesFile Csv(IReadOnlyList<Report> reports, Func<Report, IReadOnlyList<KeyFigure>> figuresOf, EarlierLines? last) =>
        LinesFile.Join([(default, Encoding.UTF8.GetBytes(string.Join(',', Columns) + "\r\n")), .. data.Lines(reports, CsvKind, last, report => CsvRows(report, figuresOf(report)))]);

    /// <summary>
    /// The JSON: an array of one object per report that states figures (its id, year, bureau and address), each with
    /// its figures in reading order. A report's object is a block of its own; the commas between blocks are lines of
    /// their own, so that a block reads the same wherever it stands.
    /// </summary>
    public LinesFile Json(IReadOnlyList<Report> reports, Func<Report, IReadOnlyList<KeyFigure>> figuresOf, EarlierLines? last)
    {
        var blocks = data.Lines(reports, JsonKind, last, report => JsonObject(report, figuresOf(report)));
        var lines = new List<(ContentHash, ReadOnlyMemory<byte>)>(2 + (blocks.Length * 2)) { (default, "[\n"u8.ToArray()) };
        var any = false;
        foreach (var block in blocks)
        {
            if (block.Item2.Length > 0 && any)
            {
                lines.Add((default, ",\n"u8.ToArray()));
            }

            any |= block.Item2.Length > 0;
            lines.Add(block);
        }

        lines.Add((default, (any ? "\n]\n"u8 : "]\n"u8).ToArray()));
        return LinesFile.Join(lines);
    }

    /// <summary>What a year's file of <paramref name="kind"/> is made from (<see cref="OpenData.LinesDigest"/>).</summary>
    public ContentHash Digest(string kind, IReadOnlyList<Report> reports, ShownTexts texts) => data.LinesDigest(kind, reports, texts);

    private byte[] CsvRows(Report report, IReadOnlyList<KeyFigure> figures)
    {
        var csv = new StringBuilder(figures.Count * 100);
        var bureau = model.Corpus.BureauOf(report).Name;
        var year = report.Year.ToString(CultureInfo.InvariantCulture);
        foreach (var (anchor, figure) in figures)
        {
            string[] row = [report.Id, year, bureau, figure.Measure, figure.Text, FigureFormat.Plain(figure.Value), figure.Unit, anchor];
            csv.AppendJoin(',', row.Select(OpenData.CsvField)).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    // A report without figures has no object: an empty block.
    private byte[] JsonObject(Report report, IReadOnlyList<KeyFigure> figures)
    {
        if (figures.Count == 0)
        {
            return [];
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>((figures.Count * 110) + 256);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = OpenData.Json.Encoder }))
        {
            json.WriteStartObject();
            json.WriteString("report_id", report.Id);
            json.WriteNumber("year", report.Year);
            json.WriteString("bureau", model.Corpus.BureauOf(report).Name);
            json.WriteString("url", model.Corpus.Settings.AbsoluteRoot + SitePaths.Report(report.Id));
            json.WriteStartArray("figures");
            foreach (var (anchor, figure) in figures)
            {
                json.WriteStartObject();
                json.WriteString("measure", figure.Measure);
                json.WriteString("text", figure.Text);
                json.WriteNumber("value", FigureFormat.Normalized(figure.Value));
                json.WriteString("unit", figure.Unit);
                json.WriteString("anchor", anchor);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
