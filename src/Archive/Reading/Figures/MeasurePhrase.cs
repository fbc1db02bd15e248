using System.Text.RegularExpressions;

namespace Archive.Reading.Figures;

/// <summary>
/// What a figure counts, as a short phrase of its sentence: the clause before it (办理行政复议案件58件 → 办理行政复议案件)
/// without the dates, connectives and verbs that only lead up to the number (2020年, 一是, 共, 达到, 为). When things
/// are counted before the noun naming them (开展4次集中培训, 打造28个未来产业试验场), that noun completes the phrase
/// (开展集中培训). A figure with no words of its own (增长8.9%、7.7%; 累计分别达到1522家) counts what the figure before
/// it in the sentence counts.
/// </summary>
internal static partial class MeasurePhrase
{
    private const int Longest = 20;
    private static readonly char[] Wrapping = [.. "“”‘’「」（）()《》、 \u3000\u2003"];
    private static readonly char[] SentenceEnds = [.. "。！？!?\n"];

    /// <summary>
    /// The measure of the figure from <paramref name="start"/> to <paramref name="end"/> in <paramref name="unit"/>.
    /// <paramref name="floor"/> is where the previous figure of the paragraph ended (0 when
    /// none), whose measure is <paramref name="previous"/>.
    /// </summary>
    public static string Of(string text, int start, int end, string unit, int floor, string? previous)
    {
        var clause = Clause.Start(text, start);
        var before = Trim(text[Math.Max(clause, floor)..start]);
        var after = CountingUnits.CountsThings(unit) ? After(text, end) : string.Empty;
        if (before.Length == 0 && after.Length == 0 && previous is not null && text.AsSpan(floor, start - floor).IndexOfAny(SentenceEnds) < 0)
        {
            // 累计分别达到1522家、103家: nothing of its own, so it counts what the sentence counted last.
            return previous;
        }

        // 国内生产总值达到134.9万亿元、增长5%: a bare change in the same clause is a change of what came before.
        var sameClause = previous is not null && floor > clause;
        var phrase = (sameClause && before.Length is > 0 and <= 4 && after.Length == 0 ? previous + before : before) + after;
        return phrase.Length > Longest ? phrase[^Longest..] : phrase;
    }

    private static string Trim(string phrase)
    {
        var trimmed = phrase.AsSpan().Trim(Wrapping);
        trimmed = trimmed[LeadingLength(phrase, phrase.Length - phrase.AsSpan().TrimStart(Wrapping).Length, trimmed.Length)..];
        // The verbs and particles that lead up to the number, stripped from the end, longest first (達到 before 到).
        for (var stripped = true; stripped;)
        {
            stripped = false;
            foreach (var word in LeadUps)
            {
                if (trimmed.EndsWith(word, StringComparison.Ordinal))
                {
                    trimmed = trimmed[..^word.Length];
                    stripped = true;
                    break;
                }
            }
        }

        return trimmed.Trim(Wrapping).ToString();
    }

    // The noun phrase after a figure, up to the end of its clause or list item: 4次集中培训 → 集中培训.
    private static string After(string text, int end)
    {
        // Only the next few characters matter: matched in place, since copying the rest of a long paragraph for every
        // figure in it was a tenth of the extraction.
        var from = end + PostfixWords().Match(text, end).Length;
        var stop = from;
        while (stop < text.Length && stop - from < Longest && !Clause.EndsAt(text, stop) && !ChineseNumber.IsDigit(text[stop]) && text[stop] != '”')
        {
            stop++;
        }

        var after = text[from..stop].Trim(Wrapping);
        return after[LeadingLength(after, 0, after.Length)..];
    }

    [GeneratedRegex(@"\G(?:[0-9０-９]{4}年度?|[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日)?[底末初]?|[一二三四五六七八九十]是|以上|以下|左右|以内|截至|其中|同时|此外|以来|全年|今年|去年|当年|我局|我区|我市|我们|并且|并|以及|和|及|与|共有|共计|共|累计|合计|总计|还|另)+")]
    private static partial Regex Leading();

    // How much of text[start..(start + length)] the dates and connectives of Leading take from its start: matched in
    // place, since a replace scanned and copied every phrase of every figure.
    private static int LeadingLength(string text, int start, int length) =>
        Leading().Match(text, start, length) is { Success: true } match ? match.Length : 0;

    private static readonly string[] LeadUps =
        [.. new[] { "达到", "达", "为", "是", "共有", "共计", "共", "累计", "合计", "总计", "突破", "跃上", "高达", "约合", "分别", "至", "到", "了", "有" }
            .OrderByDescending(w => w.Length)];

    [GeneratedRegex(@"\G(?:以上|以下|左右|以内|的)+")]
    private static partial Regex PostfixWords();
}
