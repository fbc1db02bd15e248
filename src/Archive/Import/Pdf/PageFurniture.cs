using System.Text.RegularExpressions;

namespace Archive.Import.Pdf;

/// <summary>
/// Page furniture: what a printed page carries besides the report — page numbers ("— 3 —", "-3-", "3", "第3页 共10页",
/// "3/10") and running heads and feet (the same line at the top or bottom of most pages, its numbers aside). Only the
/// first and last lines of a page are candidates, so a line of the text is never taken for furniture because it looks
/// like one; a 附件 cover page, which appears once, stays.
/// </summary>
internal static partial class PageFurniture
{
    // The lines at each end of a page that may be furniture: a running head and a page number above a rule, say.
    private const int EdgeLines = 2;

    // Running heads are short; a long line repeated at the top of pages is text (a table's header row, say).
    private const int MaxRunningLength = 60;

    /// <summary>The lines of each page that are furniture, by page index and line index.</summary>
    public static HashSet<(int Page, int Line)> Find(IReadOnlyList<IReadOnlyList<PdfLine>> pages)
    {
        var furniture = new HashSet<(int, int)>();
        // Candidates for a running head or foot, grouped by likeness: OCR reads one head a little differently on each
        // page ("年度报告" here, "年度报千" there), so a group is lines that share most of their characters.
        var groups = new List<(string Shape, HashSet<int> Pages, List<(int Page, int Line)> Lines)>();
        for (var p = 0; p < pages.Count; p++)
        {
            foreach (var l in EdgesOf(pages[p]))
            {
                var text = pages[p][l].Text;
                if (IsPageNumber(text))
                {
                    furniture.Add((p, l));
                }
                else if (text.Length <= MaxRunningLength)
                {
                    var shape = Shape(text);
                    var group = groups.FindIndex(g => Alike(g.Shape, shape));
                    if (group < 0)
                    {
                        groups.Add((shape, [], []));
                        group = groups.Count - 1;
                    }

                    groups[group].Pages.Add(p);
                    groups[group].Lines.Add((p, l));
                }
            }
        }

        // On at least two pages and on half of them (a title page or a last page often goes without).
        foreach (var group in groups.Where(g => g.Pages.Count >= 2 && g.Pages.Count * 2 >= pages.Count))
        {
            furniture.UnionWith(group.Lines);
        }

        return furniture;
    }

    // Two shapes are one running line when their lengths are close and they share at least four in five characters.
    private static bool Alike(string a, string b)
    {
        if (a == b)
        {
            return true;
        }

        var longer = Math.Max(a.Length, b.Length);
        if (longer < 4 || Math.Abs(a.Length - b.Length) * 5 > longer)
        {
            return false;
        }

        var counts = new Dictionary<char, int>();
        foreach (var c in a)
        {
            counts[c] = counts.GetValueOrDefault(c) + 1;
        }

        var shared = 0;
        foreach (var c in b)
        {
            if (counts.GetValueOrDefault(c) > 0)
            {
                counts[c]--;
                shared++;
            }
        }

        return shared * 5 >= longer * 4;
    }

    public static bool IsPageNumber(string text) => PageNumber().IsMatch(text.Trim());

    private static IEnumerable<int> EdgesOf(IReadOnlyList<PdfLine> lines) =>
        Enumerable.Range(0, Math.Min(EdgeLines, lines.Count))
            .Concat(Enumerable.Range(Math.Max(EdgeLines, lines.Count - EdgeLines), Math.Min(EdgeLines, Math.Max(0, lines.Count - EdgeLines))));

    // Numbers aside and without spaces: "第 3 页" and "第 4 页" are one running foot.
    private static string Shape(string text) => Digits().Replace(text.Replace(" ", "", StringComparison.Ordinal).Replace("\u3000", "", StringComparison.Ordinal), "#");

    // OCR reads the dashes of "— 3 —" as 一 at times.
    [GeneratedRegex(@"^(?:[-—–－−~～_·•一\s]*\d{1,4}[-—–－−~～_·•一\s]*|第\s*\d{1,4}\s*页(?:\s*[,，、/]?\s*共\s*\d{1,4}\s*页)?|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页|\d{1,4}\s*[/／]\s*\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$")]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
