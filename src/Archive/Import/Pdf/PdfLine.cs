namespace Archive.Import.Pdf;

/// <summary>
/// One line of a PDF page's text layer, with where it stands: <see cref="Left"/> and <see cref="Right"/> are the x of its
/// first and last visible glyph, <see cref="Baseline"/> its y (PDF space: up is larger), <see cref="Size"/> its font
/// size, all in points.
/// </summary>
public sealed record PdfLine(string Text, double Left, double Right, double Baseline, double Size);

/// <summary>One page's lines, top to bottom, and whether its text layer can be trusted.</summary>
/// <param name="Number">The page number, from 1.</param>
/// <param name="Lines">The lines of the text layer (empty for a page that is only an image).</param>
/// <param name="Reading">What the page needs: its text layer, or OCR because it has none or one that is garbage.</param>
public sealed record PdfPage(int Number, IReadOnlyList<PdfLine> Lines, PageReading Reading);

/// <summary>How a page of a PDF is to be read.</summary>
public enum PageReading
{
    /// <summary>Its text layer is text.</summary>
    TextLayer,

    /// <summary>It has no text layer: a scan or a picture of text.</summary>
    NoTextLayer,

    /// <summary>Its text layer is not text (a broken character map: private-use code points, mojibake).</summary>
    GarbledTextLayer,
}
