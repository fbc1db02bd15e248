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
        var repeated = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
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
                    var key = Shape(text);
                    if (!repeated.TryGetValue(key, out var on))
                    {
                        repeated[key] = on = [];
                    }

                    on.Add(p);
                }
            }
        }

        // On at least two pages and on half of them (a title page or a last page often goes without).
        var running = repeated.Where(r => r.Value.Count >= 2 && r.Value.Count * 2 >= pages.Count).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        for (var p = 0; p < pages.Count; p++)
        {
            foreach (var l in EdgesOf(pages[p]).Where(l => running.Contains(Shape(pages[p][l].Text))))
            {
                furniture.Add((p, l));
            }
        }

        return furniture;
    }

    public static bool IsPageNumber(string text) => PageNumber().IsMatch(text.Trim());

    private static IEnumerable<int> EdgesOf(IReadOnlyList<PdfLine> lines) =>
        Enumerable.Range(0, Math.Min(EdgeLines, lines.Count))
            .Concat(Enumerable.Range(Math.Max(EdgeLines, lines.Count - EdgeLines), Math.Min(EdgeLines, Math.Max(0, lines.Count - EdgeLines))));

    // Numbers aside and without spaces: "第 3 页" and "第 4 页" are one running foot.
    private static string Shape(string text) => Digits().Replace(text.Replace(" ", "", StringComparison.Ordinal).Replace("\u3000", "", StringComparison.Ordinal), "#");

    [GeneratedRegex(@"^(?:[-—–－−~～_·•\s]*\d{1,4}[-—–－−~～_·•\s]*|第\s*\d{1,4}\s*页(?:\s*[,，、/]?\s*共\s*\d{1,4}\s*页)?|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页|\d{1,4}\s*[/／]\s*\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$")]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
