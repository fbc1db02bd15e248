using System.Text.RegularExpressions;

namespace Archive.Import;

/// <summary>
/// How the lines that close a report are written: the bureau's name as its signature, and the date under it or on the
/// same line ("湖州市吴兴区人力资源和社会保障局 2021年3月9日"); printed signatures are often letter-spaced
/// ("济 源 市 交 通 运 输 局") to fill a line.
/// </summary>
internal static partial class ClosingSignature
{
    /// <summary>The line without the spaces between its characters when it is letter-spaced Chinese; else as it is.</summary>
    public static string Unspaced(string line)
    {
        var trimmed = line.Trim();
        return LetterSpaced().IsMatch(trimmed) ? Spaces().Replace(trimmed, "") : trimmed;
    }

    /// <summary>
    /// The name and the date of a line that is a bureau's signature and its date together, or null: the name must end
    /// as a department's does, so a table row ("完成时限 2023年12月31日") is no signature.
    /// </summary>
    public static (string Name, string Date)? NameAndDate(string line)
    {
        var match = NameThenDate().Match(DateText.FoldDigits(Unspaced(line)));
        return match.Success && DepartmentKinds.ByBureauName(match.Groups["name"].Value) is not null ? (match.Groups["name"].Value, match.Groups["date"].Value) : null;
    }

    // Three or more Chinese characters (or brackets), each followed by one or two spaces of either width.
    [GeneratedRegex(@"^(?:[\p{IsCJKUnifiedIdeographs}（）()][ \u3000]{1,2}){2,}[\p{IsCJKUnifiedIdeographs}（）()]$")]
    private static partial Regex LetterSpaced();

    [GeneratedRegex(@"[ \u3000]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(?<name>[\p{IsCJKUnifiedIdeographs}（）()]{2,40}?)[ \u3000]+(?<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})$")]
    private static partial Regex NameThenDate();
}
