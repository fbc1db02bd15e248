namespace Archive.Import.Tools;

/// <summary>Renders pages of a PDF to greyscale PNG images for OCR with poppler's pdftoppm (Debian: poppler-utils).</summary>
public sealed class PdfRasterizer
{
    /// <summary>The resolution pages are rendered at: Tesseract reads body text best at 300 dpi.</summary>
    public const int Dpi = 300;

    private readonly string _program;
    private readonly TimeSpan _pageLimit;

    private PdfRasterizer(string program, TimeSpan pageLimit) => (_program, _pageLimit) = (program, pageLimit);

    public static PdfRasterizer Find(string file, TimeSpan pageLimit) =>
        new(ExternalTool.Require("pdftoppm", "poppler-utils", file, "reading a scanned PDF (rendering its pages for OCR)"), pageLimit);

    /// <summary>Renders page <paramref name="page"/> of <paramref name="pdf"/> to <paramref name="png"/>.</summary>
    public void Render(string pdf, int page, string png, string file)
    {
        var number = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var prefix = png.EndsWith(".png", StringComparison.Ordinal) ? png[..^4] : png;
        var run = ExternalTool.Run(
            _program, ["-r", Dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-gray", "-png", "-singlefile", "-f", number, "-l", number, pdf, prefix],
            _pageLimit, file, $"rendering page {page}", "import the file alone with a higher --ocr-seconds.");
        if (run.Exit != 0 || !File.Exists(prefix + ".png"))
        {
            throw new Core.InputException(file, null, $"page {page} could not be rendered for OCR ({run.Stderr.Split('\n')[0].Trim()}); open the PDF in a reader and save a copy, and import that.");
        }
    }
}
