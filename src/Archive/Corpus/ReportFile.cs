using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Archive.Core;

namespace Archive.Corpus;

/// <summary>
/// The on-disk form of a report in input/reports/: YAML front matter between two "---" lines, then the text,
/// one paragraph or heading per line. This class is the one place that reads and writes that form.
/// </summary>
public static class ReportFile
{
    public const string Extension = ".md";
    public const string Unknown = "unknown";
    private const string Fence = "---";

    /// <summary>Reads one report file; every problem found is returned, none is thrown.</summary>
    public static (Report? Report, IReadOnlyList<InputProblem> Problems) Parse(string file, string content)
    {
        var problems = new List<InputProblem>();
        void Problem(int? line, string message) => problems.Add(new InputProblem(file, line, message));

        var (lines, close) = Split(content);
        if (lines[0].Trim() != Fence)
        {
            Problem(1, "the file must start with a '---' line opening the front matter (id, title, bureau, year).");
            return (null, problems);
        }

        if (close < 0)
        {
            Problem(1, "the front matter opened here is never closed; add a '---' line after the last metadata line.");
            return (null, problems);
        }

        // The form archive import writes is read directly; anything else, or anything wrong (whose lines only YamlDotNet
        // knows), goes through YamlDotNet.
        if (PlainFrontMatter.TryParse(lines.AsSpan(1, close - 1)) is { } plain)
        {
            var quick = new List<InputProblem>();
            var parsed = Fields(plain, lines, close, file, (line, message) => quick.Add(new InputProblem(file, line, message)));
            if (quick.Count == 0)
            {
                return (parsed, quick);
            }
        }

        YamlMappingNode map;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(string.Join('\n', lines[1..close])));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                Problem(2, "the front matter must be 'key: value' lines (id, title, bureau, year).");
                return (null, problems);
            }

            map = root;
        }
        catch (YamlException e)
        {
            Problem((int)e.Start.Line + 1, $"the front matter is not valid YAML ({FirstSentence(e.Message)}); check quoting and indentation.");
            return (null, problems);
        }

        var report = Fields(map, lines, close, file, Problem);
        return (problems.Count > 0 ? null : report, problems);
    }

    /// <summary>The report the front matter and text describe, or null; every problem goes to <paramref name="problem"/>.</summary>
    private static Report? Fields(YamlMappingNode map, string[] lines, int close, string file, Action<int?, string> problem)
    {
        var problems = 0;
        void Problem(int? line, string message)
        {
            problems++;
            problem(line, message);
        }

        var fields = new FrontMatter(map, Problem);
        var id = fields.RequiredString("id");
        if (id is not null && !ReportId.IsValid(id))
        {
            Problem(fields.LineOf("id"), $"id '{id}' may only hold letters, digits, '-' and '_' (it becomes a file name); write e.g. 440303-hrss-2020.");
        }

        var title = fields.RequiredString("title");
        var bureau = fields.RequiredString("bureau");
        var year = fields.Year("year");
        var published = fields.Date("published");
        var source = fields.OptionalString("source");
        if (source is not null && !IsWebAddress(source))
        {
            Problem(fields.LineOf("source"), $"source '{source}' is not an http(s) address; write the page's URL or remove the line.");
            source = null;
        }

        var original = fields.Original("original");
        var reviewed = fields.Boolean("reviewed");
        var removed = fields.StringList("removed");
        var inferences = fields.Inferences("inferred");

        // Parsed here to check it; a corpus keeps the text in its file (ReportText) rather than in memory.
        var body = BodyParser.Parse(lines.Skip(close + 1));
        if (!body.AllParagraphs.Any() && !body.AllSections.Any())
        {
            Problem(close + 2, "the report has no text after the front matter; paste the report's text below the '---' line.");
        }

        return problems > 0 || id is null || title is null || bureau is null || year is null
            ? null
            : new Report(id, title, bureau, year.Value, published, source, original, ReportText.Of(body), removed, inferences, reviewed, file);
    }

    /// <summary>The text of a report file that <see cref="Parse"/> accepted: the lines after its front matter.</summary>
    internal static ReportBody ParseBody(string content)
    {
        var (lines, close) = Split(content);
        return BodyParser.Parse(lines.Skip(close + 1));
    }

    /// <summary>The file's lines and the index of the fence that closes its front matter (−1 when there is none).</summary>
    private static (string[] Lines, int Close) Split(string content)
    {
        var lines = content.Replace("\r\n", "\n").Split('\n');
        return (lines, lines.Length < 2 ? -1 : Array.FindIndex(lines, 1, l => l.TrimEnd() == Fence));
    }

    /// <summary>Writes a report file: the report's metadata as front matter, then the given text.</summary>
    public static string Format(Report report, string text)
    {
        var yaml = new StringBuilder();
        yaml.Append("id: ").AppendLine(YamlText.Quote(report.Id));
        yaml.Append("title: ").AppendLine(YamlText.Quote(report.Title));
        yaml.Append("bureau: ").AppendLine(YamlText.Quote(report.BureauId));
        yaml.Append("year: ").AppendLine(report.Year.ToString(CultureInfo.InvariantCulture));
        yaml.Append("published: ").AppendLine(report.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? Unknown);
        if (report.SourceUrl is not null)
        {
            yaml.Append("source: ").AppendLine(YamlText.Quote(report.SourceUrl));
        }

        if (report.Original is { } original)
        {
            yaml.AppendLine("original:");
            yaml.Append("  path: ").AppendLine(YamlText.Quote(original.Path));
            yaml.Append("  sha256: ").AppendLine(original.Sha256);
            if (original.Encoding is not null)
            {
                yaml.Append("  encoding: ").AppendLine(YamlText.Quote(original.Encoding));
            }

            if (original.Ocr is { } ocr)
            {
                yaml.AppendLine("  ocr:");
                yaml.Append("    engine: ").AppendLine(YamlText.Quote(ocr.Engine));
                yaml.AppendLine("    pages:");
                foreach (var page in ocr.Pages)
                {
                    yaml.Append("      - page: ").AppendLine(page.Page.ToString(CultureInfo.InvariantCulture));
                    yaml.Append("        confidence: ").AppendLine(page.Confidence.ToString("0.0", CultureInfo.InvariantCulture));
                }
            }

            if (original.Fetched is { } fetched)
            {
                yaml.AppendLine("  fetched:");
                yaml.Append("    url: ").AppendLine(YamlText.Quote(fetched.Url));
                yaml.Append("    at: ").AppendLine(fetched.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                yaml.Append("    warc: ").AppendLine(YamlText.Quote(fetched.Warc));
                yaml.Append("    record: ").AppendLine(YamlText.Quote(fetched.RecordId));
            }
        }

        yaml.Append("reviewed: ").AppendLine(report.Reviewed ? "true" : "false");
        if (report.Inferences.Count > 0)
        {
            yaml.AppendLine("inferred:");
            foreach (var inference in report.Inferences)
            {
                yaml.Append("  ").Append(inference.Field).AppendLine(":");
                yaml.Append("    value: ").AppendLine(inference.Value is null ? Unknown : YamlText.Quote(inference.Value));
                yaml.Append("    confidence: ").AppendLine(inference.Confidence.ToString().ToLowerInvariant());
                yaml.Append("    reason: ").AppendLine(YamlText.Quote(inference.Reason));
            }
        }

        if (report.RemovedChrome.Count > 0)
        {
            yaml.AppendLine("removed:");
            foreach (var line in report.RemovedChrome)
            {
                yaml.Append("  - ").AppendLine(YamlText.Quote(line));
            }
        }

        return $"{Fence}\n{yaml.Replace("\r\n", "\n")}{Fence}\n{text.TrimEnd()}\n";
    }

    private static bool IsWebAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf('.', StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
