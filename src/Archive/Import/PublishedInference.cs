using System.Globalization;
using System.Text.RegularExpressions;
using Archive.Corpus;

namespace Archive.Import;

/// <summary>
/// Finds when a report was published: the page's publish date, a 发布时间 line, the date under the closing
/// signature, or the date a work report was delivered (——2025年1月18日在…人民代表大会…).
/// </summary>
public static partial class PublishedInference
{
    public const string Field = "published";

    // The signature and its date close the text; past these last lines a date is part of the report.
    private const int ClosingLines = 4;

    public static Inference Infer(ReportEvidence evidence)
    {
        if (evidence.Hints.Published is { } hinted)
        {
            return Found(hinted, Confidence.High, "the web page's publish date");
        }

        foreach (var line in evidence.AllLines)
        {
            var match = PublishLine().Match(line);
            if (match.Success && DateText.FirstDate(match.Groups["date"].Value) is { } date)
            {
                return Found(date, Confidence.High, $"the page's line '{line}'");
            }
        }

        var closing = evidence.Lines.TakeLast(ClosingLines)
            .Select(line => IsDateLine(line) ? line : ClosingSignature.NameAndDate(line)?.Date)
            .Where(date => date is not null)
            .Select(date => DateText.FirstDate(date!))
            .LastOrDefault(d => d is not null);
        if (closing is { } signed)
        {
            return Found(signed, Confidence.High, "the date under the closing signature");
        }

        foreach (var line in evidence.Lines.Take(8))
        {
            if (Delivered().IsMatch(line) && DateText.FirstDate(line) is { } delivered)
            {
                return Found(delivered, Confidence.High, $"the date of the people's congress session ('{line}')");
            }
        }

        return new Inference(Field, null, Confidence.Unknown, "no publish date, 发布时间 line or dated signature in the text");
    }

    /// <summary>True for a line that is only a date, as under a signature.</summary>
    public static bool IsDateLine(string line) => DateOnlyLine().IsMatch(DateText.FoldDigits(line.Trim()));

    private static Inference Found(DateOnly date, Confidence confidence, string reason) =>
        new(Field, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), confidence, reason);

    [GeneratedRegex(@"(发布时间|发布日期|发文日期|成文日期)\s*[:：]\s*(?<date>\S+)")]
    private static partial Regex PublishLine();

    [GeneratedRegex(@"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$|^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$")]
    private static partial Regex DateOnlyLine();

    [GeneratedRegex(@"^[—\-－（(]*\s*[0-9０-９〇○一二三四五六七八九]{4}\s*年.{1,12}日.{0,20}?(在|第).{0,30}(人民代表大会|人大)")]
    private static partial Regex Delivered();
}
