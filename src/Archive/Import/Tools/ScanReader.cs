using Archive.Core;
using Archive.Corpus;

namespace Archive.Import.Tools;

/// <summary>
/// Reads scans by OCR: pages of a PDF rendered by pdftoppm, or image files as they are, each read by Tesseract, pages
/// side by side on every core. The temporary page images go when the reading ends or fails (a process stopped by a
/// signal leaves its folder under the system's temporary folder, named archive-ocr-*).
/// </summary>
public static class ScanReader
{
    /// <summary>Reads the given pages of <paramref name="pdf"/>; <paramref name="progress"/> hears of each page done.</summary>
    public static (IReadOnlyList<OcrPage> Pages, OcrReading Reading) ReadPdfPages(string pdf, IReadOnlyList<int> pages, TimeSpan pageLimit, string file, Action<int, int>? progress = null)
    {
        var tesseract = Tesseract.Find(file, pageLimit);
        var rasterizer = PdfRasterizer.Find(file, pageLimit);
        var folder = Directory.CreateTempSubdirectory("archive-ocr-");
        try
        {
            var read = new OcrPage[pages.Count];
            var done = 0;
            Each(pages.Count, i =>
            {
                var png = Path.Combine(folder.FullName, $"page-{pages[i]}.png");
                rasterizer.Render(pdf, pages[i], png, file);
                read[i] = tesseract.Read(png, pages[i], PdfRasterizer.Dpi, file);
                File.Delete(png);
                progress?.Invoke(Interlocked.Increment(ref done), pages.Count);
            });
            return (read, Reading(tesseract, read));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Reads an image file (a photographed or scanned page, or several in a multi-page TIFF).</summary>
    public static (IReadOnlyList<OcrPage> Pages, OcrReading Reading) ReadImage(string image, TimeSpan pageLimit, string file)
    {
        var tesseract = Tesseract.Find(file, pageLimit);
        // Positions only matter relative to each other on the page: any resolution gives the same lines.
        var pages = tesseract.ReadAll(image, PdfRasterizer.Dpi, file);
        return (pages, Reading(tesseract, pages));
    }

    private static OcrReading Reading(Tesseract tesseract, IReadOnlyList<OcrPage> pages) =>
        new(tesseract.Engine, [.. pages.Select(p => new OcrPageConfidence(p.Page, p.Confidence))]);

    // Pages side by side; the first problem surfaces as the InputException it is.
    private static void Each(int count, Action<int> read)
    {
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, read);
        }
        catch (AggregateException e)
        {
            // The page's own problem, as the InputException it is when it is one.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions.OfType<InputException>().FirstOrDefault() ?? e.InnerExceptions[0]);
            throw;
        }
    }
}
