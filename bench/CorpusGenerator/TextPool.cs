using System.Text.Json;
using System.Text.RegularExpressions;
using Archive.Corpus;
using Archive.Import;

namespace CorpusGenerator;

/// <summary>
/// The real texts that generated reports are assembled from, split once into paragraphs and into headings of
/// each level (numbering stripped, so a report numbers them afresh). Bureau reports (the shipped reports and seeds)
/// and government work reports (the provincial .docx and national .jsonl fixtures) are kept apart, so a report can
/// mix them in a chosen proportion.
/// </summary>
internal sealed partial class TextPool
{
    // Shorter lines are page chrome, signatures and dates rather than paragraphs.
    private const int MinParagraphLength = 40;
    private const int MinHeadingLength = 4;
    private const int MaxHeadingLength = 36;

    private TextPool(IReadOnlyList<string> bureauParagraphs, IReadOnlyList<string> generalParagraphs, IReadOnlyList<string>[] headings)
    {
        BureauParagraphs = bureauParagraphs;
        GeneralParagraphs = generalParagraphs;
        Headings = headings;
    }

    /// <summary>Paragraphs of bureau reports on 法治政府建设 (人社 vocabulary: 欠薪, 农民工, 仲裁 …).</summary>
    public IReadOnlyList<string> BureauParagraphs { get; }

    /// <summary>Paragraphs of provincial and national government work reports.</summary>
    public IReadOnlyList<string> GeneralParagraphs { get; }

    /// <summary>Heading texts by level (index 1, 2, 3), without their numbering.</summary>
    public IReadOnlyList<string>[] Headings { get; }

    /// <summary>The sentences of <see cref="BureauParagraphs"/> (each with its closing mark), for paragraphs recombined from them.</summary>
    public IReadOnlyList<string> BureauSentences => field ??= Sentences(BureauParagraphs);

    /// <summary>The sentences of <see cref="GeneralParagraphs"/>.</summary>
    public IReadOnlyList<string> GeneralSentences => field ??= Sentences(GeneralParagraphs);

    // Sentences end at 。！？ or ；. Fragments too short to stand alone (a list item's "二是") go with the next one, and
    // one that would still start with punctuation is left out.
    private static List<string> Sentences(IEnumerable<string> paragraphs)
    {
        var sentences = new List<string>();
        foreach (var paragraph in paragraphs)
        {
            var start = 0;
            for (var i = 0; i < paragraph.Length; i++)
            {
                if (paragraph[i] is '。' or '！' or '？' or '；' && i + 1 - start >= 8)
                {
                    // A closing quote or bracket and further marks belong to the sentence they close: a sentence that
                    // began with 》。 would read as the broken tail of the line before it.
                    while (i + 1 < paragraph.Length && paragraph[i + 1] is '》' or '”' or '’' or '」' or '』' or '）' or ')' or '。' or '！' or '？' or '；' or '…')
                    {
                        i++;
                    }

                    sentences.Add(paragraph[start..(i + 1)]);
                    start = i + 1;
                }
            }
        }

        return [.. sentences.Where(t => char.IsLetterOrDigit(t[0]) || t[0] is '“' or '《' or '（' or '(').Distinct(StringComparer.Ordinal)];
    }

    public static TextPool Load(string repository)
    {
        var bureauLines = new List<string>();
        foreach (var file in Sorted(Path.Combine(repository, "input", "reports"), "*.md"))
        {
            var content = File.ReadAllText(file);
            var (report, problems) = ReportFile.Parse(Path.GetFileName(file), content);
            if (report is null)
            {
                throw new InvalidDataException($"{file}: {string.Join("; ", problems.Select(p => p.Message))}");
            }

            bureauLines.AddRange(report.ReadBody().PlainText.Split('\n'));
        }

        var fixtures = Path.Combine(repository, "tests", "Archive.Tests", "Fixtures");
        foreach (var file in Sorted(Path.Combine(fixtures, "seeds"), "*.txt"))
        {
            bureauLines.AddRange(File.ReadAllLines(file));
        }

        var generalLines = new List<string>();
        foreach (var file in Sorted(Path.Combine(fixtures, "provincial"), "*.docx"))
        {
            generalLines.AddRange(DocxReader.Read(File.ReadAllBytes(file), file));
        }

        foreach (var line in File.ReadLines(Path.Combine(fixtures, "national", "sample.jsonl")).Where(l => l.Trim().Length > 0))
        {
            using var record = JsonDocument.Parse(line);
            generalLines.AddRange((record.RootElement.GetProperty("content").GetString() ?? "").Split('\n'));
        }

        var headings = new[] { new List<string>(), new List<string>(), new List<string>(), new List<string>() };
        var bureauParagraphs = new List<string>();
        var generalParagraphs = new List<string>();
        Split(bureauLines, bureauParagraphs, headings);
        Split(generalLines, generalParagraphs, headings);
        if (bureauParagraphs.Count == 0 || generalParagraphs.Count == 0 || headings.Skip(1).Any(h => h.Count == 0))
        {
            throw new InvalidDataException($"the source texts under {repository} gave too few paragraphs or headings to assemble reports from.");
        }

        return new TextPool(Distinct(bureauParagraphs), Distinct(generalParagraphs), headings.Select(Distinct).ToArray());
    }

    /// <summary>A heading of this level written with the numbering of position <paramref name="number"/> (1-based).</summary>
    public static string Number(int level, int number, string text) => level switch
    {
        1 => $"{ChineseNumeral(number)}、{text}",
        2 => $"（{ChineseNumeral(number)}）{text}",
        _ => $"{number}.{text}",
    };

    private static void Split(IEnumerable<string> lines, List<string> paragraphs, List<string>[] headings)
    {
        foreach (var raw in lines)
        {
            var line = raw.Trim().Replace('\t', ' ');
            var level = BodyParser.HeadingLevel(line);
            var text = level == 0 ? line : Numbering().Replace(line, "").Trim();
            if (level > 0 && text.Length is >= MinHeadingLength and <= MaxHeadingLength)
            {
                headings[level].Add(text);
            }
            else if (text.Length >= MinParagraphLength && BodyParser.HeadingLevel(text) == 0)
            {
                paragraphs.Add(text);
            }
        }
    }

    private static IReadOnlyList<string> Distinct(List<string> items) => items.Distinct(StringComparer.Ordinal).ToList();

    private static IEnumerable<string> Sorted(string folder, string pattern) =>
        Directory.EnumerateFiles(folder, pattern).Order(StringComparer.Ordinal);

    private static string ChineseNumeral(int n)
    {
        const string digits = "〇一二三四五六七八九";
        return n switch
        {
            < 10 => digits[n].ToString(),
            10 => "十",
            < 20 => "十" + digits[n - 10],
            _ => digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10].ToString()),
        };
    }

    // The numbering BodyParser recognises at the start of a heading: 一、 （一） 1.
    [GeneratedRegex(@"^([一二三四五六七八九十]{1,3}[、，,]|[（(][一二三四五六七八九十]{1,3}[）)]|[0-9０-９]{1,2}[.．、](?![0-9０-９]))")]
    private static partial Regex Numbering();
}
