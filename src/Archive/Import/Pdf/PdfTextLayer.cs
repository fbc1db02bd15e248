using Archive.Core;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace Archive.Import.Pdf;

/// <summary>A PDF read through its text layer: each page's lines and how the page must be read.</summary>
public sealed record PdfTextLayer(IReadOnlyList<PdfPage> Pages)
{
    // Images over half a page make a page a scan; under a tenth (a logo, a stamp) leave an empty page blank.
    private const double ScanCoverage = 0.5;
    private const double BlankCoverage = 0.1;

    /// <summary>The pages whose text must come from OCR: no text layer, or a garbled one.</summary>
    public IEnumerable<PdfPage> PagesForOcr => Pages.Where(p => p.Reading is not PageReading.TextLayer);

    /// <summary>
    /// Reads the text layer of every page. An encrypted, damaged or truncated file is an <see cref="InputException"/>
    /// naming the file and what to do.
    /// </summary>
    public static PdfTextLayer Read(byte[] bytes, string file, Action<int, int>? progress = null)
    {
        try
        {
            using var document = PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            var pages = new List<PdfPage>(document.NumberOfPages);
            for (var n = 1; n <= document.NumberOfPages; n++)
            {
                var page = document.GetPage(n);
                var lines = PageLines.Of(page);
                pages.Add(new PdfPage(n, lines, ReadingOf(page, lines)));
                progress?.Invoke(n, document.NumberOfPages);
            }

            return new PdfTextLayer(pages);
        }
        catch (PdfDocumentEncryptedException)
        {
            throw new InputException(file, null, "the PDF is encrypted; open it with its password, print or save it as a PDF without a password, and import that.");
        }
        catch (Exception e) when (e is not InputException and not OutOfMemoryException)
        {
            throw new InputException(file, null, $"the file is not a readable PDF ({e.Message.TrimEnd('.')}); download it again, or open it in a PDF reader and save a copy, and import that.");
        }
    }

    // A page that is mostly an image with a few characters of text (a scan a tool stamped "- 3 -" on) is a scan; a page
    // with neither text nor images is blank, not a scan.
    private static PageReading ReadingOf(UglyToad.PdfPig.Content.Page page, IReadOnlyList<PdfLine> lines)
    {
        var reading = TextLayerCheck.Judge(lines);
        // The images are looked at only for pages with little or no text: a page of text is read as text at once.
        double Covered() => Math.Min(1, page.GetImages().Sum(image => Math.Abs(image.BoundingBox.Width * image.BoundingBox.Height)) / Math.Max(1, page.Width * page.Height));
        return reading switch
        {
            PageReading.TextLayer when lines.Sum(l => l.Text.Count(c => !char.IsWhiteSpace(c))) < TextLayerCheck.MinCharacters && Covered() >= ScanCoverage => PageReading.NoTextLayer,
            PageReading.NoTextLayer when Covered() < BlankCoverage => PageReading.TextLayer,
            _ => reading,
        };
    }

    /// <summary>
    /// The report's lines from the text layer: page furniture taken out (and returned, to be listed as removed), the
    /// lines the layout wrapped joined into paragraphs. <paramref name="replacements"/> gives the lines of pages read
    /// otherwise (by OCR), by page number; they take their page's place.
    /// </summary>
    public (List<string> Lines, List<string> Furniture) Text(IReadOnlyDictionary<int, IReadOnlyList<PdfLine>>? replacements = null)
    {
        var pages = Pages.Select(p => replacements is not null && replacements.TryGetValue(p.Number, out var lines) ? lines : p.Lines).ToList();
        var furniture = PageFurniture.Find(pages);
        var body = new List<PdfLine>();
        var removed = new List<string>();
        for (var p = 0; p < pages.Count; p++)
        {
            for (var l = 0; l < pages[p].Count; l++)
            {
                if (furniture.Contains((p, l)))
                {
                    removed.Add(pages[p][l].Text);
                }
                else
                {
                    body.Add(pages[p][l]);
                }
            }
        }

        return (PdfParagraphs.Join(body), removed);
    }
}
