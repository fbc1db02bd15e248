using System.Text.RegularExpressions;
using Archive.Corpus;

namespace Archive.Import;

/// <summary>Finds a report's title: the source's own title, a title line at the top, or the file name.</summary>
public static partial class TitleInference
{
    public const string Field = "title";

    // A title sits in the first few lines of the text.
    private const int TopLines = 4;

    public static Inference Infer(ReportEvidence evidence)
    {
        var hint = evidence.Hints.Title?.Trim();
        var line = evidence.Lines.Take(TopLines).FirstOrDefault(IsTitleLine);
        if (!string.IsNullOrEmpty(hint))
        {
            var confirmed = evidence.Lines.Take(TopLines).Any(l => l == hint) || evidence.Hints.Year is not null;
            return new Inference(Field, hint, confirmed ? Confidence.High : Confidence.Medium,
                confirmed ? "the source's own title" : "the web page's title; check it against the text");
        }

        if (line is not null)
        {
            return new Inference(Field, line, Confidence.High, "the title line at the top of the text");
        }

        var fileName = Path.GetFileNameWithoutExtension(evidence.Name);
        return fileName.Contains("报告", StringComparison.Ordinal)
            ? new Inference(Field, fileName, Confidence.Medium, "the file name; the text has no title line")
            : new Inference(Field, null, Confidence.Unknown, "the text has no title line and the file name is not a title");
    }

    private static bool IsTitleLine(string line) =>
        line.Length <= 60 && line.Contains("报告", StringComparison.Ordinal) && !NotTitle().IsMatch(line);

    [GeneratedRegex("[，。；,;]|^——|^来源")]
    private static partial Regex NotTitle();
}
