using Archive.Reading.KeyTerms;
using Archive.Tests.Support;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Archive.Tests.Reading.KeyTerms;

/// <summary>A report of a test archive: its id, bureau and text.</summary>
public sealed record PlantedReport(string Id, string Bureau, string Text);

/// <summary>
/// Test archives of real paragraphs (the fixtures' seeds and national work reports), each report opening with the
/// same boilerplate sentence, into which tests plant sentences of words the paragraphs never use.
/// </summary>
public static class PlantedArchive
{
    /// <summary>The sentence every report opens with: its words are in every report.</summary>
    public const string Boilerplate = "我局坚持依法行政，认真开展了年度法治政府建设工作。";

    /// <summary>Dictionary words that none of the fixtures' paragraphs use, and that SmartCn keeps whole in <see cref="Sentence"/>.</summary>
    public static readonly string[] RareWords = ["岩画", "玛瑙", "琥珀", "驼铃", "珊瑚礁", "鸵鸟", "刺绣", "竹笋", "草莓", "核桃", "板栗", "蘑菇"];

    /// <summary>
    /// <paramref name="reports"/> reports over <paramref name="bureaus"/> bureaus in turn (ids r00-b00 …), each the
    /// boilerplate and eight to fifteen paragraphs, none of which uses a rare word.
    /// </summary>
    public static List<PlantedReport> Make(int reports, int bureaus, int seed)
    {
        var random = new Random(seed);
        var made = new List<PlantedReport>();
        for (var r = 0; r < reports; r++)
        {
            var paragraphs = FixtureReports.Paragraphs(random, random.Next(8, 16)).Split('\n')
                .Where(p => !RareWords.Any(p.Contains) && !p.Contains("新世纪", StringComparison.Ordinal));
            made.Add(new PlantedReport($"r{r:D2}-b{r % bureaus:D2}", $"b{r % bureaus:D2}", Boilerplate + "\n" + string.Join('\n', paragraphs)));
        }

        return made;
    }

    /// <summary>A sentence that uses <paramref name="word"/> twice.</summary>
    public static string Sentence(string word) => $"今年新建{word}展示中心一处，{word}产业稳步发展。";

    public static PlantedReport Plant(PlantedReport report, params string[] sentences) =>
        report with { Text = report.Text + "\n" + string.Join('\n', sentences) };

    /// <summary>The tokens SmartChineseAnalyzer (Lucene.Net's SmartCn, not the model of this project) makes of a text.</summary>
    public static HashSet<string> SmartCnTokens(string text)
    {
        using var analyzer = new SmartChineseAnalyzer(LuceneVersion.LUCENE_48);
        using var stream = analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(term.ToString());
        }

        stream.End();
        return tokens;
    }

    public static (ReportTerms[] Terms, TermStatistics Archive) Analyse(IReadOnlyList<PlantedReport> reports)
    {
        var terms = reports.Select(r => ReportTerms.Of(r.Text)).ToArray();
        return (terms, TermStatistics.Of(terms));
    }
}
