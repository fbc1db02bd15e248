namespace Archive.Reading.Figures;

/// <summary>
/// Which numbers with a unit are not figures, by the rules of tests/Archive.Tests/Fixtures/figures/README.md: dates and
/// periods, ordinals, rate denominators, names (quoted, in titles, of policies and plans), phases and sessions, vague
/// amounts, idioms, and 一 where it means "a" rather than "one".
/// </summary>
internal static class FigureRules
{
    // Nouns naming a set of rules, goals or a programme: a Chinese numeral with its measure word before one of them is
    // the set's name (三项制度, 中央八项规定, 五个中心, 两个大局), not a count of it.
    private static readonly string[] PolicyNouns =
        ["制度", "机制", "原则", "规定", "体系", "中心", "大局", "实事", "行动", "工程", "计划", "规划", "战略"];

    // A duration before these names the plan it lasts (五年行动计划, 三年规划).
    private static readonly string[] PlanNouns = ["行动", "计划", "规划", "攻坚"];

    // Characters that make a word with a following 一 (统一, 唯一, 逐一, 之一, 不一, 周一), where 一 counts nothing.
    private const string WordsEndingInOne = "统唯同逐单划专之不任其归合如均整某另又再初周";

    /// <summary>Whether <paramref name="candidate"/> is a figure under the rules.</summary>
    public static bool IsFigure(string text, Candidate candidate) =>
        !IsOrdinal(text, candidate)
        && !IsVague(text, candidate)
        && !IsRateDenominator(text, candidate)
        && !IsCode(text, candidate)
        && !IsClass(text, candidate)
        && !IsDateOrPeriod(text, candidate)
        && !NamesAPolicyOrPlan(text, candidate)
        && !IsPhaseOrSession(text, candidate)
        && !IsInsideAName(text, candidate)
        && !IsIdiom(text, candidate)
        && !FixedPhrases.Cover(text, candidate.Start, candidate.End)
        && !IsArticle(text, candidate);

    // 第三批, 第五十二条, 第1次; and 二 alone before a measure word (二期, 二轮, 二次会议): a count of two says 两.
    private static bool IsOrdinal(string text, Candidate c) => Before(text, c, 1) == "第" || c.Numeral(text) == "二";

    // 数十家, 几百人, 若干项: no value is stated. (结案数100% is a count followed by its value.)
    private static bool IsVague(string text, Candidate c) =>
        c.First.InChinese && (Before(text, c, 1) is "数" or "几" || Before(text, c, 2) == "若干");

    // 每万人口 …拥有量57.9件, 万元GDP能耗, 万人发明专利拥有量: the base of a rate, not an amount. An amount of ten
    // thousand is written 1万元, 1万人.
    private static bool IsRateDenominator(string text, Candidate c) =>
        Before(text, c, 1) == "每" || (c.Numeral(text) == "万" && c.Unit is "元" or "人");

    // 万亿元级产业集群, 千万吨级: a size class, not an amount.
    private static bool IsClass(string text, Candidate c) => After(text, c.End, "级");

    // PM2.5, G60科创走廊: digits glued to the Latin letters before them are part of a code.
    private static bool IsCode(string text, Candidate c) => !c.First.InChinese && c.Start > 0 && char.IsAsciiLetter(text[c.Start - 1]);

    private static bool IsDateOrPeriod(string text, Candidate c)
    {
        // 2020年, 2020年度, 2021-2025年: a four-digit number of years is a calendar year.
        if (c.Unit == "年" && !c.Last.InChinese && c.Last.Factor == 1 && c.Last.Value == decimal.Truncate(c.Last.Value)
            && c.Last.Value is >= 1000 and <= 2999)
        {
            return true;
        }

        if (!CountingUnits.IsDuration(c.Unit))
        {
            return false;
        }

        // 一年来, 三年以来, 过去一年, 这一年, 近三年, 一年一度: the period under review, the last years or a recurrence;
        // 3年前: a point in time. None is a measured span.
        if (After(text, c.End, "来") || After(text, c.End, "來") || After(text, c.End, "以来") || After(text, c.End, "以來")
            || After(text, c.End, "一度") || After(text, c.End, "前") || After(text, c.End, "后")
            || Before(text, c, 2) is "过去" or "過去" || Before(text, c, 1) is "这" or "那" or "哪" or "近")
        {
            return true;
        }

        // 关键一年, 不平凡的一年, 新的一年: "a year", the one a report looks back on or forward to.
        return c.Numeral(text) == "一" && (Before(text, c, 1) == "的" || Before(text, c, 2) is "关键" or "重要");
    }

    private static bool NamesAPolicyOrPlan(string text, Candidate c)
    {
        if (CountingUnits.IsDuration(c.Unit) && PlanNouns.Any(noun => After(text, c.End, noun)))
        {
            return true;
        }

        // Reports write counts in Arabic digits; small Chinese numerals right before a policy noun are names, and so
        // are those before a quoted phrase that ends there (五个“必须统筹好”，, but 两批“高效办成一件事”重点事项清单).
        return c.First.InChinese && (PolicyNouns.Any(noun => After(text, c.End, noun)) || QuotedNameFollows(text, c.End));
    }

    private static bool IsPhaseOrSession(string text, Candidate c)
    {
        // 浦东国际机场四期, 改造一期, 3期工程: a project's phase.
        if (c.Unit == "期" && (c.First.InChinese || After(text, c.End, "工程") || After(text, c.End, "项目")))
        {
            return true;
        }

        // 市十六届人大二次会议, 十二届市委五次、六次全会: the session of a congress or plenum, counted within its term.
        if (c.Unit == "次")
        {
            var from = Math.Max(0, c.Start - 8);
            var after = text.AsSpan(c.End, Math.Min(8, text.Length - c.End));
            var meeting = after.Contains("会议", StringComparison.Ordinal) || after.Contains("全会", StringComparison.Ordinal)
                || after.Contains("大会", StringComparison.Ordinal);
            return text.AsSpan(from, c.Start - from).Contains('届') && (After(text, c.End, "、") || meeting);
        }

        return false;
    }

    // “五大行动”, “80条”, “最多跑一次”, 《…3年行动方案》: a number inside a short quoted name or a title names it.
    private static bool IsInsideAName(string text, Candidate c) =>
        IsEnclosed(text, c, '《', '》', int.MaxValue) || IsEnclosed(text, c, '“', '”', 10) || IsEnclosed(text, c, '「', '」', 10)
            || IsEnclosed(text, c, '‘', '’', 10);

    // 千家万户, 万名干部进万企: a bare 千 or 万 echoed by another numeral is an idiom or a slogan; 百年变局, 上千年: a
    // bare 百 or 千 before 年 is an era, not a measured span. 干一件成一件, 一年更比一年好, 发现一起、处理一起: 一 with
    // its measure word said twice is a saying.
    private static bool IsIdiom(string text, Candidate c)
    {
        var numeral = c.Numeral(text);
        if (numeral == "一")
        {
            var said = text[c.Start..c.End];
            var reach = 4 + said.Length;
            var from = Math.Max(0, c.Start - reach);
            return text.IndexOf(said, from, c.Start - from, StringComparison.Ordinal) >= 0
                || text.IndexOf(said, c.End, Math.Min(reach, text.Length - c.End), StringComparison.Ordinal) >= 0;
        }

        if (numeral.TrimStart('上') is not ("百" or "千" or "万"))
        {
            return false;
        }

        if (CountingUnits.IsDuration(c.Unit))
        {
            return true;
        }

        var end = Math.Min(text.Length, c.End + 4);
        for (var i = c.End; i < end; i++)
        {
            if (ChineseNumber.IsChineseNumeral(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// 一 is a count when it measures an amount or time (增长一倍, 按一年计), gives a frequency or a share
    /// (每年…汇报一次, 每位…联系一个乡镇), or closes a clause after what it counts (行政诉讼案件一宗，). Elsewhere it is
    /// the article "a": 一批, 一张网, 办成一件事.
    /// </summary>
    private static bool IsArticle(string text, Candidate c)
    {
        if (c.Numeral(text) != "一")
        {
            return false;
        }

        if (c.Start > 0 && WordsEndingInOne.Contains(text[c.Start - 1]))
        {
            return true;
        }

        // 一起 is "together"; 一批 "a number of", whatever the clause says (每年解决一批, 招引一批、落地一批).
        if (c.Unit is "起" or "批")
        {
            return true;
        }

        if (!CountingUnits.CountsThings(c.Unit) || Clause.EndsAt(text, c.End))
        {
            return false;
        }

        var clause = Clause.Start(text, c.Start);
        var before = text.AsSpan(clause, c.Start - clause);
        return !before.Contains('每') && !before.Contains('各');
    }

    private static bool QuotedNameFollows(string text, int at)
    {
        var closing = After(text, at, "“") ? text.IndexOf('”', at + 1) : -1;
        var next = closing + 1;
        return closing > 0 && (next == text.Length || !char.IsLetter(text[next]) || text[next] is '的' or '和' or '与');
    }

    private static bool IsEnclosed(string text, Candidate c, char open, char close, int longest)
    {
        var opening = c.Start > 0 ? text.LastIndexOf(open, c.Start - 1) : -1;
        var closing = opening >= 0 ? text.IndexOf(close, opening + 1) : -1;
        return closing >= c.End && closing - opening - 1 <= longest;
    }

    private static string Before(string text, Candidate c, int length) =>
        c.Start >= length ? text.Substring(c.Start - length, length) : string.Empty;

    private static bool After(string text, int at, string word) =>
        at >= 0 && at + word.Length <= text.Length && string.CompareOrdinal(text, at, word, 0, word.Length) == 0;
}
