using System.Text.RegularExpressions;

namespace Archive.Import;

/// <summary>
/// Reads dates and years as Chinese documents write them: 2020-12-17, 2020年12月17日, full-width digits, and
/// 二〇二〇年十二月十七日 in signatures.
/// </summary>
public static partial class DateText
{
    /// <summary>The text with full-width digits and Chinese numerals of dates written as ASCII digits.</summary>
    public static string FoldDigits(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is >= '０' and <= '９')
            {
                chars[i] = (char)('0' + (chars[i] - '０'));
            }
        }

        return ChineseDate().Replace(new string(chars), m =>
            $"{Digits(m.Groups["y"].Value)}年{Number(m.Groups["m"].Value)}月{(m.Groups["d"].Success ? Number(m.Groups["d"].Value) + "日" : "")}");
    }

    /// <summary>The first date in the text, if it is a real calendar date.</summary>
    public static DateOnly? FirstDate(string text)
    {
        foreach (Match match in AnyDate().Matches(FoldDigits(text)))
        {
            if (int.TryParse(match.Groups["y"].Value, out var year) && int.TryParse(match.Groups["m"].Value, out var month)
                && int.TryParse(match.Groups["d"].Value, out var day) && year is >= 1949 and <= 2100 && month is >= 1 and <= 12
                && day >= 1 && day <= DateTime.DaysInMonth(year, month))
            {
                return new DateOnly(year, month, day);
            }
        }

        return null;
    }

    private static string Digits(string chinese) => string.Concat(chinese.Select(c => "〇一二三四五六七八九".IndexOf(c is '○' or '零' or 'O' ? '〇' : c).ToString()));

    private static int Number(string chinese)
    {
        if (chinese.Length == 0)
        {
            return 0;
        }

        var ten = chinese.IndexOf('十');
        if (ten < 0)
        {
            return "〇一二三四五六七八九".IndexOf(chinese[0]);
        }

        var tens = ten == 0 ? 1 : "〇一二三四五六七八九".IndexOf(chinese[0]);
        var units = ten == chinese.Length - 1 ? 0 : "〇一二三四五六七八九".IndexOf(chinese[^1]);
        return tens * 10 + units;
    }

    [GeneratedRegex("(?<y>[〇○零一二三四五六七八九]{4})年(?<m>[一二三四五六七八九十]{1,3})月((?<d>[一二三四五六七八九十]{1,3})日)?")]
    private static partial Regex ChineseDate();

    [GeneratedRegex(@"(?<y>\d{4})\s*(年|-|/|\.)\s*(?<m>\d{1,2})\s*(月|-|/|\.)\s*(?<d>\d{1,2})")]
    private static partial Regex AnyDate();
}
