using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using Archive.Tests.Support;

namespace Archive.Tests.Reading;

/// <summary>A paragraph of a labelled text: where it starts in the whole text, and its text.</summary>
public sealed record LabelledParagraph(string Source, int Index, int Start, string Text)
{
    public int End => Start + Text.Length;
}

/// <summary>A hand-made label of Fixtures/figures/labels.tsv, located in its source text.</summary>
public sealed record FigureLabel(string Source, string Context, string Text, decimal Value, string Unit, string Measure, int Start)
{
    public int End => Start + Text.Length;
}

/// <summary>
/// The gold set of Fixtures/figures: the texts labelled, split into paragraphs the way its README.md says (seeds: lines;
/// national: the 2025 content's lines; Shanghai: the docx's &lt;w:p&gt; elements), only the regions labelled
/// exhaustively, and the labels located by their context.
/// </summary>
public static class FigureLabels
{
    public const string National = "national/sample.jsonl#2025";
    public const string Shanghai = "provincial/2025年上海市政府工作报告.docx";

    // README.md "Regions labelled exhaustively" §3: the first ten paragraphs with a figure, counted over all <w:p>.
    private static readonly int[] ShanghaiParagraphs = [7, 10, 11, 12, 14, 15, 17, 18, 19, 20];

    private static readonly string Folder = Path.Combine(RepoPaths.Fixtures, "figures");

    /// <summary>Every source's whole text, by its name in labels.tsv.</summary>
    public static IReadOnlyDictionary<string, string> Texts { get; } = LoadTexts();

    /// <summary>The paragraphs of the regions labelled exhaustively, in order.</summary>
    public static IReadOnlyList<LabelledParagraph> Paragraphs { get; } = [.. Texts.SelectMany(t => RegionOf(t.Key, t.Value))];

    /// <summary>The labels, each at the position of its text inside its context.</summary>
    public static IReadOnlyList<FigureLabel> Labels { get; } = LoadLabels();

    /// <summary>The docx's paragraphs as the README extracts them: each &lt;w:p&gt;'s &lt;w:t&gt; texts joined.</summary>
    public static List<string> DocxParagraphs(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        using var document = zip.GetEntry("word/document.xml")!.Open();
        XNamespace w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        return [.. XDocument.Load(document).Descendants(w + "p").Select(p => string.Concat(p.Descendants(w + "t").Select(t => t.Value)))];
    }

    private static Dictionary<string, string> LoadTexts()
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var seed in Directory.EnumerateFiles(Path.Combine(RepoPaths.Fixtures, "seeds"), "*.txt").Order(StringComparer.Ordinal))
        {
            texts["seeds/" + Path.GetFileName(seed)] = File.ReadAllText(seed);
        }

        texts[National] = File.ReadLines(Path.Combine(RepoPaths.Fixtures, "national", "sample.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Single(record => record.GetProperty("title").GetString()!.StartsWith("2025年", StringComparison.Ordinal))
            .GetProperty("content").GetString()!;
        texts[Shanghai] = string.Join('\n', DocxParagraphs(Path.Combine(RepoPaths.Fixtures, "provincial", "2025年上海市政府工作报告.docx")));
        return texts;
    }

    private static IEnumerable<LabelledParagraph> RegionOf(string source, string text)
    {
        var lines = Lines(source, text);
        if (source == National)
        {
            // From the heading 一、2024年工作回顾 up to, not including, the next top-level heading.
            var from = text.IndexOf("一、2024年工作回顾", StringComparison.Ordinal);
            var to = text.IndexOf("\n二、", from, StringComparison.Ordinal);
            return lines.Where(p => p.Start >= from && p.Start < to);
        }

        return source == Shanghai ? ShanghaiParagraphs.Select(i => lines[i]) : lines;
    }

    private static List<LabelledParagraph> Lines(string source, string text)
    {
        var lines = new List<LabelledParagraph>();
        var start = 0;
        foreach (var line in text.Split('\n'))
        {
            lines.Add(new LabelledParagraph(source, lines.Count, start, line));
            start += line.Length + 1;
        }

        return lines;
    }

    private static List<FigureLabel> LoadLabels()
    {
        var labels = new List<FigureLabel>();
        foreach (var row in File.ReadLines(Path.Combine(Folder, "labels.tsv")).Skip(1).Where(line => line.Length > 0))
        {
            var fields = row.Split('\t');
            var (source, context, text) = (fields[0], fields[1], fields[2]);
            var whole = Texts[source];
            var at = whole.IndexOf(context, StringComparison.Ordinal);
            if (at < 0 || whole.IndexOf(context, at + 1, StringComparison.Ordinal) >= 0)
            {
                throw new InvalidDataException($"labels.tsv: context '{context}' is not in {source} exactly once");
            }

            var inside = context.IndexOf(text, StringComparison.Ordinal);
            if (inside < 0)
            {
                throw new InvalidDataException($"labels.tsv: text '{text}' is not inside its context '{context}'");
            }

            var value = decimal.Parse(fields[3], NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            labels.Add(new FigureLabel(source, context, text, value, fields[4], fields[5], at + inside));
        }

        return labels;
    }
}
