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
        // A head is a head at the top of pages and a foot at the bottom: the bureau's name as a running head is not
        // furniture where it signs the report at the bottom of the last page.
        var groups = new List<(string Shape, bool Top, HashSet<int> Pages, List<(int Page, int Line)> Lines)>();
        for (var p = 0; p < pages.Count; p++)
        {
            foreach (var l in EdgesOf(pages[p]))
            {
                var text = pages[p][l].Text;
                if (IsPageNumber(text))
                {
                    furniture.Add((p, l));
                }
                else if (text.Length <= MaxRunningLength && !(l > 0 && l + 1 < pages[p].Count && DateLine().IsMatch(pages[p][l + 1].Text.Trim())))
                {
                    // (Below a page's first line, a line with a date under it is a signature, even where it says what
                    // the running head says: a short last page has head, signature and date as its first lines.)
                    var shape = Shape(text);
                    var top = l < EdgeLines;
                    var group = groups.FindIndex(g => g.Top == top && Alike(g.Shape, shape));
                    if (group < 0)
                    {
                        groups.Add((shape, top, [], []));
                        group = groups.Count - 1;
                    }

                    groups[group].Pages.Add(p);
                    groups[group].Lines.Add((p, l));
                }
            }
        }

        // On at least two pages and on half of them (a title page or a last page often goes without).
        // A first page's top line set larger than the same words heading the other pages is the title, which a running
        // head that repeats it must not take with it.
        foreach (var group in groups.Where(g => g.Pages.Count >= 2 && g.Pages.Count * 2 >= pages.Count))
        {
            var elsewhere = group.Lines.Where(l => l.Page > 0).Select(l => pages[l.Page][l.Line].Size).DefaultIfEmpty(0).Max();
            furniture.UnionWith(group.Lines.Where(l => !(l.Page == 0 && pages[0][l.Line].Size > elsewhere * 1.2)));
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

    [GeneratedRegex(@"^[0-9０-９〇○零一二三四五六七八九]{4}\s*年.{1,3}月.{1,4}日$")]
    private static partial Regex DateLine();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
