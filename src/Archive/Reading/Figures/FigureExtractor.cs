namespace Archive.Reading.Figures;

/// <summary>
/// Finds the key figures of a paragraph: every number followed by a counting unit (58件, 1.2万人, 两千余家, 5.1%,
/// 0.8个百分点, 3至5天) that the rules of <see cref="FigureRules"/> do not set aside as a date, an ordinal, a name or
/// an article, with the approximators before it (近, 约, 超过 …) in its span and what it counts.
/// </summary>
public static class FigureExtractor
{
    // Longest first: 接近 before 近, 超过 before 超. Verbs (达到, 突破, 约合) and comparisons (低于) stay outside.
    private static readonly string[] Approximators = ["接近", "超过", "近", "约", "超", "逾"];

    private const string RangeMarks = "至到-－—~～";
    private const string Percent = "百分之";

    /// <summary>The figures of <paramref name="paragraph"/>, in reading order.</summary>
    public static IReadOnlyList<Figure> Extract(string paragraph)
    {
        var figures = new List<Figure>();
        var at = AfterListNumber(paragraph);
        while (at < paragraph.Length)
        {
            if (!MayStartNumber(paragraph, at))
            {
                at++;
                continue;
            }

            var (candidate, next) = Read(paragraph, at);
            if (candidate is not null && FigureRules.IsFigure(paragraph, candidate))
            {
                figures.Add(ToFigure(paragraph, candidate, figures.Count > 0 ? figures[^1] : null));
            }

            at = Math.Max(next, at + 1);
        }

        return figures;
    }

    // 14.2025年10件民生实事, 3．10种有色金属: a paragraph that starts with a list number, whose dot is no decimal point.
    private static int AfterListNumber(string text)
    {
        var at = 0;
        while (at < text.Length && char.IsWhiteSpace(text[at]))
        {
            at++;
        }

        var digits = 0;
        while (at + digits < text.Length && digits < 3 && ChineseNumber.IsDigit(text[at + digits]))
        {
            digits++;
        }

        var dot = at + digits;
        return digits is 1 or 2 && dot + 1 < text.Length && text[dot] is '.' or '．' && ChineseNumber.IsDigit(text[dot + 1]) ? dot + 1 : 0;
    }

    // A number starts where a digit or numeral does not continue one before it (the 四五 of 十四五, which is no
    // number). Separators and decimals need no check: reading a number consumes them, and reading goes on after it.
    private static bool MayStartNumber(string text, int at)
    {
        var c = text[at];
        var previous = at > 0 ? text[at - 1] : ' ';
        if (ChineseNumber.IsDigit(c))
        {
            return !ChineseNumber.IsDigit(previous);
        }

        // Nor after a digit: the 万亿 of a digit run refused as a number (too long for one) is no number of its own.
        return (ChineseNumber.IsChineseNumeral(c) || c == '上') && !ChineseNumber.IsChineseNumeral(previous) && !ChineseNumber.IsDigit(previous);
    }

    // The candidate starting at `at`, if any, and where reading goes on.
    private static (Candidate? Candidate, int Next) Read(string text, int at)
    {
        if (string.CompareOrdinal(text, at, Percent, 0, Percent.Length) == 0)
        {
            return ReadPercent(text, at);
        }

        if (ChineseNumber.Read(text, at) is not { } first)
        {
            return (null, at + 1);
        }

        var last = first;
        var found = CountingUnits.Match(text, first.End);
        if (found is null && ReadRange(text, first) is { } second)
        {
            last = second;
            found = CountingUnits.Match(text, second.End);
        }

        if (found is not { } unit)
        {
            return (null, first.End);
        }

        var end = last.End + unit.Length;
        if (end < text.Length && text[end] == '多' && (unit.Unit == "倍" || CountingUnits.IsDuration(unit.Unit)))
        {
            // 2倍多, 3年多: "more than" after a multiple or a span belongs to the figure.
            end++;
        }

        // The lower bound of 3至5万元 is 3万.
        var value = last == first ? first.Value : first.Value * (first.Factor == 1 ? last.Factor : 1);
        return (new Candidate(first, last, unit.Unit, end, value), end);
    }

    // 3至5天, 3-5天: the second number of a range, which the unit follows.
    private static WrittenNumber? ReadRange(string text, WrittenNumber first)
    {
        var mark = first.End;
        return mark + 1 < text.Length && RangeMarks.Contains(text[mark])
            && ChineseNumber.Read(text, mark + 1) is { } second && second.InChinese == first.InChinese ? second : null;
    }

    // 百分之三十: a percentage spelled out.
    private static (Candidate? Candidate, int Next) ReadPercent(string text, int at)
    {
        var numberAt = at + Percent.Length;
        if (ChineseNumber.Read(text, numberAt) is not { } number)
        {
            return (null, numberAt);
        }

        var spelled = number with { Start = at, Length = number.End - at };
        return (new Candidate(spelled, spelled, "%", number.End, number.Value), number.End);
    }

    private static Figure ToFigure(string text, Candidate candidate, Figure? previous)
    {
        var start = candidate.Start;
        foreach (var approximator in Approximators)
        {
            var from = start - approximator.Length;
            if (from >= 0 && string.CompareOrdinal(text, from, approximator, 0, approximator.Length) == 0)
            {
                start = from;
                break;
            }
        }

        var measure = MeasurePhrase.Of(text, start, candidate.End, candidate.Unit, previous?.End ?? 0, previous?.Measure);
        return new Figure(text[start..candidate.End], start, candidate.End - start, candidate.Value, candidate.Unit, measure);
    }
}
