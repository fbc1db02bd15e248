using System.Globalization;
using System.Text.RegularExpressions;
using Archive.Corpus;

namespace Archive.Import;

/// <summary>
/// Finds the year a report covers, which is not the year it was published: from the source's year, the
/// title, "20XX年度" headings, the plans for the next year, documents named in the review part
/// (《2023年…工作要点》), and last the closing date (a report dated early in 2021 is about 2020).
/// </summary>
public static partial class YearInference
{
    public const string Field = "year";

    private sealed record Candidate(int Year, Confidence Confidence, string Reason);

    public static Inference Infer(ReportEvidence evidence, string? title, DateOnly? published)
    {
        var candidates = Candidates(evidence, title, published).ToList();
        if (candidates.Count == 0)
        {
            return new Inference(Field, null, Confidence.Unknown, "no year in the title, headings or text, and no dated signature");
        }

        var best = candidates[0];
        var agreeing = candidates.Skip(1).Where(c => c.Year == best.Year).Select(c => c.Reason).Distinct().ToList();
        var conflicting = candidates.Skip(1).Where(c => c.Year != best.Year && c.Confidence >= Confidence.Medium).ToList();
        var confidence = best.Confidence;
        var reason = best.Reason;
        if (agreeing.Count > 0)
        {
            reason += "; agrees with " + string.Join(", ", agreeing);
            if (confidence == Confidence.Medium && conflicting.Count == 0)
            {
                confidence = Confidence.High;
            }
        }

        if (conflicting.Count > 0)
        {
            reason += "; but " + string.Join(", ", conflicting.Select(c => $"{c.Reason} says {c.Year}"));
            confidence = confidence == Confidence.High ? Confidence.Medium : Confidence.Low;
        }

        return new Inference(Field, best.Year.ToString(CultureInfo.InvariantCulture), confidence, reason);
    }

    private static IEnumerable<Candidate> Candidates(ReportEvidence evidence, string? title, DateOnly? published)
    {
        if (evidence.Hints.Year is { } hinted)
        {
            yield return new Candidate(hinted, Confidence.High, "the source's year field");
        }

        var isWorkReport = title?.Contains("政府工作报告", StringComparison.Ordinal) == true;
        if (title is not null && TitleYear().Match(DateText.FoldDigits(title)) is { Success: true } inTitle)
        {
            yield return new Candidate(int.Parse(inTitle.Groups["y"].Value, CultureInfo.InvariantCulture), Confidence.High, "the year in the title");
        }

        if (title is not null && CongressSession().Match(title) is { Success: true } session
            && CongressTerms.IndexOf(session.Groups["term"].Value) is >= 0 and var term)
        {
            var year = CongressTermStarts[term] + ChineseNumber(session.Groups["session"].Value) - 1;
            yield return new Candidate(year, Confidence.Medium, $"the {session.Value} met in {year}");
        }

        // A work report's review ("一、2024年工作回顾") and plans are about the years either side of its own.
        if (isWorkReport)
        {
            if (published is { } delivered)
            {
                yield return new Candidate(delivered.Year, Confidence.Medium, "a 政府工作报告 is named for the year it is delivered in");
            }

            yield break;
        }

        var lines = evidence.Lines.Select(DateText.FoldDigits).ToList();
        var headings = lines.Where(l => Archive.Corpus.BodyParser.HeadingLevel(l) > 0).ToList();
        if (MostCommon(headings.Where(h => !PlanHeading().IsMatch(h)).Select(h => ReviewHeading().Match(h)).Where(m => m.Success)) is { } reviewed)
        {
            yield return new Candidate(reviewed, Confidence.High, $"the heading on {reviewed}年度 work");
        }

        if (MostCommon(headings.Select(h => PlanHeading().Match(h)).Where(m => m.Success)) is { } planned)
        {
            yield return new Candidate(planned - 1, Confidence.Medium, $"the plans for {planned}");
        }

        var review = lines.TakeWhile(l => !NextYearSection().IsMatch(l)).ToList();
        if (MostCommon(review.SelectMany(l => NamedDocument().Matches(l))) is { } named)
        {
            var saysLastYear = lines.Any(l => l.Contains("上一年度", StringComparison.Ordinal));
            yield return new Candidate(named, Confidence.Medium,
                $"the documents for {named} named in the review{(saysLastYear ? " of 上一年度" : "")}");
        }

        if (published is { } date)
        {
            // Reports are due by 1 April for the year before; one signed late in the year is about that year.
            var year = date.Month <= 6 ? date.Year - 1 : date.Year;
            yield return new Candidate(year, Confidence.Medium, $"the report is dated {date:yyyy-MM}");
        }

        if (MostCommon(lines.SelectMany(l => YearDegree().Matches(l))) is { } yearly)
        {
            yield return new Candidate(yearly, Confidence.Low, $"the text speaks of {yearly}年度 most");
        }
    }

    // The year each National People's Congress (第一届 … 第十四届) first met; its sessions are yearly.
    private static readonly string[] CongressTerms = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五"];
    private static readonly int[] CongressTermStarts = [1954, 1959, 1964, 1975, 1978, 1983, 1988, 1993, 1998, 2003, 2008, 2013, 2018, 2023, 2028];

    private static int ChineseNumber(string numeral) =>
        numeral.Length == 1 ? Array.IndexOf(CongressTerms, numeral) + 1 : 10 + Array.IndexOf(CongressTerms, numeral[1..]) + 1;

    private static int? MostCommon(IEnumerable<Match> matches) =>
        matches.Select(m => int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture))
            .Where(y => y is >= 1949 and <= 2100)
            .GroupBy(y => y)
            .OrderByDescending(g => g.Count())
            .ThenByDescending(g => g.Key)
            .Select(g => (int?)g.Key)
            .FirstOrDefault();

    [GeneratedRegex(@"(?<y>(19|20)\d{2})\s*年")]
    private static partial Regex TitleYear();

    [GeneratedRegex("第(?<term>[一二三四五六七八九十]{1,3})届全国人民代表大会第(?<session>[一二三四五六七八九十]{1,2})次会议")]
    private static partial Regex CongressSession();

    [GeneratedRegex(@"(?<y>(19|20)\d{2})年度?(推进|法治政府|工作(总结|情况|回顾)|主要(举措|工作))")]
    private static partial Regex ReviewHeading();

    [GeneratedRegex(@"(?<y>(19|20)\d{2})年度?.{0,12}(工作(安排|计划|思路|打算|要点)|主要安排)")]
    private static partial Regex PlanHeading();

    [GeneratedRegex(@"(下一年度|下一步|(19|20)\d{2}年度?.{0,12}(工作安排|工作计划|工作思路|主要安排))")]
    private static partial Regex NextYearSection();

    [GeneratedRegex(@"《[^》\d]{0,10}(?<y>(19|20)\d{2})年度?[^》]{0,40}(要点|安排|计划|方案)》")]
    private static partial Regex NamedDocument();

    [GeneratedRegex(@"(?<y>(19|20)\d{2})年度")]
    private static partial Regex YearDegree();
}
