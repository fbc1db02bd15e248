using Archive.Core;
using Archive.Corpus;
using Archive.Import.Pdf;

namespace Archive.Import;

/// <summary>Reads one source file into raw reports, choosing the reader by its extension.</summary>
public static class RawReportReader
{
    // .docx and .html files carry markup and images besides the text, and a JSON Lines collection holds many reports.
    private const long MaxBytes = 50L * 1024 * 1024;

    public static IReadOnlyList<RawReport> Read(string path)
    {
        var file = path.Replace('\\', '/');
        if (!File.Exists(path))
        {
            throw new InputException(file, null, "no such file; check the path.");
        }

        // A plain text becomes one report file as it is, so it gets the limit 'archive build' has for a report.
        var extension = Path.GetExtension(path).ToLowerInvariant();
        var limit = extension is ".docx" or ".pdf" or ".html" or ".htm" or ".shtml" or ".xhtml" or ".jsonl" or ".ndjson" ? MaxBytes : CorpusReader.MaxReportBytes;
        var size = new FileInfo(path).Length;
        if (size > limit)
        {
            throw new InputException(file, null, $"the file is {size / (1024 * 1024)} MB, far larger than any report; check it is the right file.");
        }

        var bytes = File.ReadAllBytes(path);
        var name = Path.GetFileName(path);
        switch (extension)
        {
            case ".docx":
                return [new RawReport(path, name, DocxReader.Read(bytes, file), PageHints.None, bytes, extension, null)];
            case ".html" or ".htm" or ".shtml" or ".xhtml":
                {
                    var decoded = TextDecoder.Decode(bytes, file);
                    var (lines, hints) = HtmlReader.Read(decoded.Text);
                    return [new RawReport(path, name, lines, hints, bytes, extension, decoded.Encoding)];
                }

            case ".pdf":
                return [ReadPdf(path, name, bytes, file)];
            case ".jsonl" or ".ndjson":
                return JsonLinesReader.Read(TextDecoder.Decode(bytes, file).Text, path, file);
            case ".doc" or ".wps" or ".rtf" or ".odt" or ".xls" or ".xlsx":
                throw new InputException(file, null, $"'archive import' cannot read {extension} files; save the report as .docx, .html or .txt and import that.");
            default:
                {
                    var decoded = TextDecoder.Decode(bytes, file);
                    var lines = decoded.Text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
                    return [new RawReport(path, name, lines, PageHints.None, bytes, extension.Length > 0 ? extension : ".txt", decoded.Encoding)];
                }
        }
    }

    private static RawReport ReadPdf(string path, string name, byte[] bytes, string file)
    {
        var layer = PdfTextLayer.Read(bytes, file);
        var unreadable = layer.PagesForOcr.Select(p => p.Number).ToList();
        if (unreadable.Count > 0)
        {
            throw new InputException(file, null, $"page(s) {string.Join(", ", unreadable)} of {layer.Pages.Count} have no usable text layer (a scan, or a broken character map) and OCR is not available yet; save the report as .docx or .txt and import that.");
        }

        var (lines, furniture) = layer.Text();
        return new RawReport(path, name, lines, PageHints.None, bytes, ".pdf", null) { Removed = furniture };
    }
}
