using System.Text;
using UglyToad.PdfPig.Content;

namespace Archive.Import.Pdf;

/// <summary>
/// The lines of a page's text layer in reading order: glyphs on one baseline make a line, lines go top to bottom and
/// glyphs left to right. Chinese has no spaces between words, so none is added between glyphs; the space glyphs the
/// PDF has are kept, and a visible gap between two Latin letters or digits becomes a space.
/// </summary>
internal static class PageLines
{
    // Glyphs whose baselines differ by less than this share of the font size are on one line (superscripts too).
    private const double SameLineShare = 0.45;

    // A gap wider than this share of the font size between two Latin letters or digits is a word space.
    private const double WordGapShare = 0.2;

    public static List<PdfLine> Of(Page page)
    {
        var letters = page.Letters
            .Where(l => l.TextOrientation is TextOrientation.Horizontal && l.Value.Length > 0)
            .OrderByDescending(l => l.StartBaseLine.Y)
            .ThenBy(l => l.StartBaseLine.X)
            .ToList();
        var lines = new List<PdfLine>();
        var run = new List<Letter>();
        foreach (var letter in letters)
        {
            if (run.Count > 0 && run[0].StartBaseLine.Y - letter.StartBaseLine.Y > SameLineShare * SizeOf(run[0]))
            {
                Add(lines, run);
                run.Clear();
            }

            run.Add(letter);
        }

        Add(lines, run);
        return lines;
    }

    private static void Add(List<PdfLine> lines, List<Letter> run)
    {
        var visible = run.Where(l => !string.IsNullOrWhiteSpace(l.Value)).OrderBy(l => l.StartBaseLine.X).ToList();
        if (visible.Count == 0)
        {
            return;
        }

        var ordered = run.OrderBy(l => l.StartBaseLine.X).ToList();
        var text = new StringBuilder();
        Letter? previous = null;
        foreach (var letter in ordered)
        {
            if (previous is not null && !string.IsNullOrWhiteSpace(letter.Value) && !string.IsNullOrWhiteSpace(previous.Value)
                && letter.StartBaseLine.X - previous.EndBaseLine.X > WordGapShare * SizeOf(letter)
                && IsLatinOrDigit(previous.Value[^1]) && IsLatinOrDigit(letter.Value[0]))
            {
                text.Append(' ');
            }

            text.Append(letter.Value);
            previous = letter;
        }

        var sizes = visible.Select(SizeOf).Order().ToList();
        lines.Add(new PdfLine(
            text.ToString().Trim(),
            visible[0].StartBaseLine.X,
            visible.Max(l => l.EndBaseLine.X),
            visible.Average(l => l.StartBaseLine.Y),
            sizes[sizes.Count / 2]));
    }

    // Some producers draw text at size 1 scaled by the text matrix: then the glyph's box tells the size.
    private static double SizeOf(Letter letter) => letter.PointSize > 1.5 ? letter.PointSize : Math.Max(1, letter.BoundingBox.Height);

    private static bool IsLatinOrDigit(char c) => c < 0x80 && char.IsLetterOrDigit(c);
}
