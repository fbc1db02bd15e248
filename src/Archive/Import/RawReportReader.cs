using Archive.Core;
using Archive.Corpus;
using Archive.Import.Pdf;
using Archive.Import.Tools;

namespace Archive.Import;

/// <summary>Reads one source file into raw reports, choosing the reader by its extension.</summary>
public static class RawReportReader
{
    // PDF, Word and web pages carry markup, fonts and images besides the text, and a JSON Lines collection holds many
    // reports.
    private const long MaxBytes = 50L * 1024 * 1024;

    public static IReadOnlyList<RawReport> Read(string path) => Read(path, ImportOptions.Default);

    /// <param name="declaredCharset">The charset a server declared for the file (Content-Type), which outranks a page's own.</param>
    public static IReadOnlyList<RawReport> Read(string path, ImportOptions options, string? declaredCharset = null)
    {
        var file = path.Replace('\\', '/');
        if (!File.Exists(path))
        {
            throw new InputException(file, null, "no such file; check the path.");
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        var size = new FileInfo(path).Length;
        if (size > MaxBytes)
        {
            throw TooLarge(file, size);
        }

        var bytes = File.ReadAllBytes(path);
        var name = Path.GetFileName(path);
        switch (extension)
        {
            case ".docx":
                return [new RawReport(path, name, DocxReader.Read(bytes, file), PageHints.None, bytes, extension, null)];
            case ".html" or ".htm" or ".shtml" or ".xhtml":
                {
                    var decoded = TextDecoder.DecodeDeclared(bytes, file, declaredCharset);
                    var (lines, hints) = HtmlReader.Read(decoded.Text);
                    // The banner's 来源 and 发布时间 lines outside the article count as evidence, listed as removed.
                    return [new RawReport(path, name, lines, hints, bytes, extension, decoded.Encoding) { Removed = hints.Banner }];
                }

            case ".pdf":
                return [ReadPdf(path, name, bytes, file, options)];
            case ".png" or ".jpg" or ".jpeg" or ".tif" or ".tiff":
                return [ReadImage(path, name, bytes, extension, file, options)];
            case ".jsonl" or ".ndjson":
                return JsonLinesReader.Read(TextDecoder.Decode(bytes, file).Text, path, file);
            case ".doc" or ".wps":
                return [ReadWord97(path, name, bytes, extension, file)];
            case ".ofd" or ".rtf" or ".odt" or ".xls" or ".xlsx" or ".ppt" or ".pptx" or ".zip" or ".rar" or ".7z":
                throw new InputException(file, null, $"'archive import' does not support {extension} files ({FormatName(extension)}); save the report as .pdf, .docx, .html or .txt and import that.");
            default:
                {
                    // A plain text becomes one report file as it is, so it gets the limit 'archive build' has for a report.
                    if (size > CorpusReader.MaxReportBytes)
                    {
                        throw TooLarge(file, size);
                    }

                    var decoded = TextDecoder.Decode(bytes, file);
                    var lines = decoded.Text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
                    return [new RawReport(path, name, lines, PageHints.None, bytes, extension.Length > 0 ? extension : ".txt", decoded.Encoding)];
                }
        }
    }

    private static InputException TooLarge(string file, long size) =>
        new(file, null, $"the file is {size / (1024 * 1024)} MB, far larger than any report; check it is the right file.");

    private static string FormatName(string extension) => extension switch
    {
        ".ofd" => "OFD, China's fixed-layout format; print it to PDF from an OFD reader",
        ".rtf" => "Rich Text Format",
        ".odt" => "OpenDocument text",
        ".xls" or ".xlsx" => "a spreadsheet",
        ".ppt" or ".pptx" => "a presentation",
        _ => "an archive of files; unpack it and import the reports in it",
    };

    // The original is kept as it came; its text is read from LibreOffice's .docx of it. A damaged file LibreOffice
    // reads as plain text instead gives nonsense, which is refused rather than imported.
    private static RawReport ReadWord97(string path, string name, byte[] bytes, string extension, string file)
    {
        var lines = DocxReader.Read(WordConverter.ToDocx(path, bytes, file), file);
        if (TextLayerCheck.Judge(lines) is not PageReading.TextLayer)
        {
            throw new InputException(file, null, $"LibreOffice could not open the {extension} file as a Word document (what it read is not text: the file may be damaged); open it in Word or WPS, save it as .docx and import that.");
        }

        return new RawReport(path, name, lines, PageHints.None, bytes, extension, null);
    }

    // A PDF's text layer where it is text; OCR for the pages without one, or with a garbled one.
    private static RawReport ReadPdf(string path, string name, byte[] bytes, string file, ImportOptions options)
    {
        var layer = PdfTextLayer.Read(bytes, file, (page, pages) => Report(options, $"{name}: page {page} of {pages}", page, pages));
        var scanned = layer.PagesForOcr.Select(p => p.Number).ToList();
        OcrReading? ocr = null;
        Dictionary<int, IReadOnlyList<PdfLine>>? read = null;
        if (scanned.Count > 0)
        {
            var (pages, reading) = ScanReader.ReadPdfPages(path, scanned, options.OcrPageLimit, file, (done, all) => Report(options, $"{name}: OCR of page {done} of {all}", done, all, every: 1));
            // A page OCR found no words on (an empty scanned page) was not read: it is no part of the OCR record.
            var words = pages.Where(p => p.Lines.Count > 0).Select(p => p.Page).ToHashSet();
            ocr = words.Count == 0 ? null : reading with { Pages = [.. reading.Pages.Where(p => words.Contains(p.Page))] };
            read = pages.ToDictionary(p => p.Page, p => p.Lines);
        }

        var (lines, furniture) = layer.Text(read);
        return new RawReport(path, name, lines, PageHints.None, bytes, ".pdf", null) { Removed = furniture, Ocr = ocr };
    }

    private static RawReport ReadImage(string path, string name, byte[] bytes, string extension, string file, ImportOptions options)
    {
        var (pages, reading) = ScanReader.ReadImage(path, options.OcrPageLimit, file);
        if (pages.All(p => p.Lines.Count == 0))
        {
            throw new InputException(file, null, "OCR found no text in the image; check that it is a scan of the report, upright and legible.");
        }

        var (lines, furniture) = new PdfTextLayer([.. pages.Select(p => new PdfPage(p.Page, p.Lines, PageReading.TextLayer))]).Text();
        return new RawReport(path, name, lines, PageHints.None, bytes, extension, null) { Removed = furniture, Ocr = reading };
    }

    // Long reads say how far they are: every 50th page of a text layer, every page of OCR.
    private static void Report(ImportOptions options, string message, int done, int all, int every = 50)
    {
        if (done % every == 0 || done == all)
        {
            options.Progress?.Invoke(message);
        }
    }
}
