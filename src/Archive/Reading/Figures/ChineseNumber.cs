using System.Globalization;

namespace Archive.Reading.Figures;

/// <summary>
/// Reads numbers the way Chinese reports write them: Arabic digits (half or full width, with thousands separators
/// and decimals), Chinese numerals (一百零五, 两千, 十, 二点五), both followed by 万, 亿 or 万亿 (1.2万, 3.2万亿), and the
/// approximators 余 (餘) and 多 inside them (3万余, 3400多万, 十余万), whose value is the number before them.
/// </summary>
public static class ChineseNumber
{
    // With the traditional forms 兩, 萬 and 億 that older reports use.
    private const string Digits = "〇零一二两兩三四五六七八九";
    private const string Multipliers = "十百千万萬亿億";

    // Asked of nearly every character of every paragraph: one set lookup, not two scans of a string.
    private static readonly System.Buffers.SearchValues<char> Numerals = System.Buffers.SearchValues.Create(Digits + Multipliers);

    // Longest first, so that 万亿 is not read as 万 followed by a stray 亿.
    private static readonly (string Text, decimal Factor)[] Magnitudes =
    [
        ("万亿", 1_000_000_000_000m), ("千万", 10_000_000m), ("百万", 1_000_000m), ("万", 10_000m), ("亿", 100_000_000m),
        ("萬億", 1_000_000_000_000m), ("千萬", 10_000_000m), ("百萬", 1_000_000m), ("萬", 10_000m), ("億", 100_000_000m),
    ];

    /// <summary>The value of <paramref name="text"/> when all of it is one number, as <see cref="Read"/> reads it.</summary>
    public static bool TryParse(string text, out decimal value)
    {
        var number = Read(text, 0);
        value = number?.Value ?? 0;
        return number is { } n && n.Length == text.Length;
    }

    /// <summary>The longest number that starts at <paramref name="start"/>, or null when none does.</summary>
    public static WrittenNumber? Read(string text, int start)
    {
        if (start >= text.Length)
        {
            return null;
        }

        int end;
        decimal value;
        var inChinese = !IsDigit(text[start]);
        if (!inChinese)
        {
            end = ReadArabic(text, start, out value);
            if (value < 0)
            {
                return null;
            }
        }
        else if (StartsChinese(text, start))
        {
            // 上万, 上千: "as many as ten thousand", a lower bound read as the magnitude itself.
            var first = text[start] == '上' ? start + 1 : start;
            end = first;
            while (end < text.Length && IsChineseNumeral(text[end]))
            {
                end++;
            }

            if (!TryParseChinese(text.AsSpan(first, end - first), out value))
            {
                return null;
            }

            end = ReadChineseDecimals(text, end, ref value);
        }
        else
        {
            return null;
        }

        end = SkipApproximator(text, end);
        var factor = 1m;
        foreach (var (magnitude, written) in Magnitudes)
        {
            if (string.CompareOrdinal(text, end, magnitude, 0, magnitude.Length) == 0)
            {
                factor = written;
                if (value > decimal.MaxValue / factor)
                {
                    return null;
                }

                value *= factor;
                end = SkipApproximator(text, end + magnitude.Length);
                break;
            }
        }

        // Dividing by 1.000… drops the trailing zeros that scaling leaves (13.3万 → 133000, not 133000.0).
        return new WrittenNumber(start, end - start, value / 1.000000000000000000000000000000000m, inChinese, factor);
    }

    /// <summary>An Arabic digit, half or full width.</summary>
    public static bool IsDigit(char c) => c is (>= '0' and <= '9') or (>= '０' and <= '９');

    /// <summary>A character that can be part of a number spelled in Chinese numerals.</summary>
    public static bool IsChineseNumeral(char c) => Numerals.Contains(c);

    private static bool StartsChinese(string text, int start)
    {
        var c = text[start];
        if (c == '上')
        {
            // 以上, 线上, 网上 end a word; only a free-standing 上 before 百/千/万 means "as many as".
            var bare = start + 1 < text.Length && text[start + 1] is '百' or '千' or '万' or '萬';
            return bare && (start == 0 || text[start - 1] is not ('以' or '线' or '网' or '马' or '之'));
        }

        // 零件, 零关税: a number never starts with zero. 亿 alone does not start a count either.
        return IsChineseNumeral(c) && c is not ('〇' or '零' or '亿' or '億');
    }

    // 二点五倍, 百分之二十八點八: 点 before digits is a decimal point, read digit by digit. (一点 alone is "a little".)
    private static int ReadChineseDecimals(string text, int at, ref decimal value)
    {
        if (at + 1 >= text.Length || text[at] is not ('点' or '點') || DigitValue(text[at + 1]) < 0 || text[at + 1] is '两' or '兩')
        {
            return at;
        }

        var end = at + 1;
        var scale = 0.1m;
        while (end < text.Length && DigitValue(text[end]) is var digit and >= 0 && text[end] is not ('两' or '兩'))
        {
            value += digit * scale;
            scale /= 10;
            end++;
        }

        return end;
    }

    private static int SkipApproximator(string text, int at) => at < text.Length && text[at] is '余' or '多' or '餘' ? at + 1 : at;

    private static int ReadArabic(string text, int start, out decimal value)
    {
        // Separators and the decimal point take the width of the digits: ４８００．５ and １，４１８ are one number, but
        // 3．10种 is item 3 of a list, and 1200件，调解率 two clauses.
        var fullWidth = text[start] >= '０';
        var (point, comma) = fullWidth ? ('．', '，') : ('.', ',');
        var digits = new System.Text.StringBuilder();
        var hasPoint = false;
        var end = start;
        while (end < text.Length)
        {
            if (IsDigit(text[end]))
            {
                digits.Append(Fold(text[end++]));
            }
            else if (text[end] == comma && !hasPoint && IsGroupOfThree(text, end + 1))
            {
                end++;
            }
            else if (text[end] == point && end + 1 < text.Length && IsDigit(text[end + 1]) && !hasPoint)
            {
                hasPoint = true;
                digits.Append('.');
                end++;
            }
            else
            {
                break;
            }
        }

        // A run of digits past what a decimal holds (an identifier, a damaged line) is no figure: −1 says so.
        if (!decimal.TryParse(digits.ToString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            value = -1;
        }

        return end;
    }

    // "1,234" groups thousands; "1200件,调解率" (seeds write half-width commas between clauses) does not.
    private static bool IsGroupOfThree(string text, int at) =>
        at + 3 <= text.Length && IsDigit(text[at]) && IsDigit(text[at + 1]) && IsDigit(text[at + 2])
            && (at + 3 == text.Length || !IsDigit(text[at + 3]));

    private static char Fold(char digit) => digit >= '０' ? (char)(digit - '０' + '0') : digit;

    /// <summary>
    /// Chinese numerals by their grammar: a digit before each multiplier, 零 between, 万 and 亿 grouping. Two digits in
    /// a row are refused: 二〇二四 is a year written digit by digit, 三四 is "three or four", 十四五 a plan's name.
    /// </summary>
    private static bool TryParseChinese(ReadOnlySpan<char> numeral, out decimal value)
    {
        // A run of multipliers past what a decimal holds (亿亿亿亿) is no number.
        try
        {
            return TryParseChineseUnchecked(numeral, out value);
        }
        catch (OverflowException)
        {
            value = 0;
            return false;
        }
    }

    private static bool TryParseChineseUnchecked(ReadOnlySpan<char> numeral, out decimal value)
    {
        value = 0;
        decimal total = 0, section = 0;
        var digit = -1;
        var smallest = 10_000;
        foreach (var c in numeral)
        {
            var d = DigitValue(c);
            if (d >= 0)
            {
                if (digit > 0)
                {
                    return false;
                }

                digit = d;
                continue;
            }

            var multiplier = c switch { '十' => 10, '百' => 100, '千' => 1000, _ => 0 };
            if (multiplier > 0)
            {
                if (digit == 0 || multiplier >= smallest)
                {
                    return false;
                }

                section += (digit < 0 ? 1 : digit) * multiplier;
                smallest = multiplier;
                digit = -1;
            }
            else if (c is '万' or '萬')
            {
                var part = section + Math.Max(digit, 0);
                total += (part == 0 && total == 0 ? 1 : part) * 10_000;
                (section, digit, smallest) = (0, -1, 10_000);
            }
            else
            {
                total = total + section + Math.Max(digit, 0);
                total = (total == 0 ? 1 : total) * 100_000_000;
                (section, digit, smallest) = (0, -1, 10_000);
            }
        }

        value = total + section + Math.Max(digit, 0);
        return numeral.Length > 0;
    }

    private static int DigitValue(char c) => c switch
    {
        '〇' or '零' => 0,
        '一' => 1,
        '二' or '两' or '兩' => 2,
        _ => "三四五六七八九".IndexOf(c) is var i and >= 0 ? i + 3 : -1,
    };
}
