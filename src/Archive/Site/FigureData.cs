using System.Globalization;
using System.Text;
using System.Text.Json;
using Archive.Core;
using Archive.Corpus;
using Archive.Reading.Figures;
using Archive.Site.Figures;

namespace Archive.Site;

/// <summary>
/// The key figures of one year's reports as open data, data/figures-YYYY.csv and .json: a row per figure with its
/// report, bureau, measure, text as written, value, unit and paragraph anchor, and the address that anchor has on the
/// site. One file per year, as the full texts are, for the same reasons (a changed report rewrites its year alone; at
/// 5,000 reports one file for the archive would pass the 25 MiB a Pages host accepts). Each report's rows are a block
/// that a rebuild copies from the last build's file while the report is unchanged.
/// </summary>
public sealed class FigureData(SiteModel model, OpenData data)
{
    public const string CsvKind = "figures csv";
    public const string JsonKind = "figures json";

    private static readonly string[] Columns = ["report_id", "year", "bureau_id", "bureau", "measure", "text", "value", "unit", "anchor", "url"];

    /// <summary>The CSV: a header, then each report's rows (RFC 4180, as data/reports.csv).</summary>
    public LinesFile Csv(IReadOnlyList<Report> reports, Func<Report, IReadOnlyList<KeyFigure>> figuresOf, EarlierLines? last) =>
        LinesFile.Join([(default, Encoding.UTF8.GetBytes(string.Join(',', Columns) + "\r\n")), .. data.Lines(reports, CsvKind, last, report => CsvRows(report, figuresOf(report)))]);

    /// <summary>
    /// The JSON: an array of one object per figure. A report's block holds its objects joined by commas; the commas
    /// between blocks are lines of their own, so that a block reads the same wherever it stands.
    /// </summary>
    public LinesFile Json(IReadOnlyList<Report> reports, Func<Report, IReadOnlyList<KeyFigure>> figuresOf, EarlierLines? last)
    {
        var blocks = data.Lines(reports, JsonKind, last, report => JsonObjects(report, figuresOf(report)));
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
        var csv = new StringBuilder(figures.Count * 160);
        foreach (var field in Fields(report, figures))
        {
            csv.AppendJoin(',', field.Select(OpenData.CsvField)).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private byte[] JsonObjects(Report report, IReadOnlyList<KeyFigure> figures)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(figures.Count * 256 + 1);
        var first = true;
        foreach (var (anchor, figure) in figures)
        {
            if (!first)
            {
                System.Buffers.BuffersExtensions.Write(buffer, ",\n"u8);
            }

            first = false;
            using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = OpenData.Json.Encoder });
            var row = Row(report, anchor, figure);
            json.WriteStartObject();
            for (var i = 0; i < Columns.Length; i++)
            {
                switch (Columns[i])
                {
                    case "year":
                        json.WriteNumber(Columns[i], report.Year);
                        break;
                    case "value":
                        json.WriteNumber(Columns[i], FigureFormat.Normalized(figure.Value));
                        break;
                    default:
                        json.WriteString(Columns[i], row[i]);
                        break;
                }
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private IEnumerable<string[]> Fields(Report report, IReadOnlyList<KeyFigure> figures) =>
        figures.Select(f => Row(report, f.Anchor, f.Figure));

    private string[] Row(Report report, string anchor, Figure figure)
    {
        var bureau = model.Corpus.BureauOf(report);
        return
        [
            report.Id,
            report.Year.ToString(CultureInfo.InvariantCulture),
            bureau.Id,
            bureau.Name,
            figure.Measure,
            figure.Text,
            FigureFormat.Plain(figure.Value),
            figure.Unit,
            anchor,
            model.Corpus.Settings.AbsoluteRoot + SitePaths.Report(report.Id) + "#" + anchor,
        ];
    }
}
