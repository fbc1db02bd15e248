using System.Text.RegularExpressions;

namespace Archive.Corpus;

/// <summary>Rules for report and bureau ids, which become file and folder names in output/.</summary>
public static partial class ReportId
{
    public static bool IsValid(string id) => id.Length <= 100 && Pattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex Pattern();
}
