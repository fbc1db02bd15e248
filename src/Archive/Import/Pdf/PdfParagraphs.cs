namespace Archive.Import.Pdf;

/// <summary>
/// Joins the lines a PDF's layout wrapped back into paragraphs, by where they stand: a line that runs to the right
/// margin continues on the next line when that one starts at the left margin (a new paragraph is indented, or follows
/// a line that stopped short), across page breaks too. Headings, titles and signatures stop short or are indented or
/// centred, so they keep their own lines for the table of contents.
/// </summary>
internal static class PdfParagraphs
{
    // How close to the margin a line must end, or start, to count as reaching it, in font sizes.
    private const double RightSlack = 1.5;
    private const double LeftSlack = 0.5;

    public static List<string> Join(IReadOnlyList<PdfLine> lines)
    {
        var paragraphs = new List<string>();
        if (lines.Count == 0)
        {
            return paragraphs;
        }

        // The text block's edges: where most lines start, and where the longer lines end.
        var left = lines.GroupBy(l => Math.Round(l.Left)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        var rights = lines.Select(l => l.Right).Order().ToList();
        var right = rights[(int)(rights.Count * 0.9)];

        var current = lines[0].Text;
        for (var i = 1; i < lines.Count; i++)
        {
            var (previous, line) = (lines[i - 1], lines[i]);
            var size = Math.Max(previous.Size, line.Size);
            if (previous.Right >= right - RightSlack * size && line.Left <= left + LeftSlack * size && current.Length > 0)
            {
                current += NeedsSpace(current[^1], line.Text[0]) ? " " + line.Text : line.Text;
            }
            else
            {
                paragraphs.Add(current);
                current = line.Text;
            }
        }

        paragraphs.Add(current);
        return paragraphs;
    }

    // An English word broken at the margin gets its space back; Chinese and numbers join as they are.
    private static bool NeedsSpace(char end, char start) => end < 0x80 && char.IsLetter(end) && start < 0x80 && char.IsLetter(start);
}
