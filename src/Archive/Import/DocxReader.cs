using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Paragraph = DocumentFormat.OpenXml.Wordprocessing.Paragraph;
using Archive.Core;

namespace Archive.Import;

/// <summary>Reads a .docx into lines: one per paragraph, table cells included, text kept character for character.</summary>
public static class DocxReader
{
    // A report's .docx unpacks to a few megabytes (images included); far more is a zip bomb, which would fill memory.
    private const long MaxUnpackedBytes = 256L * 1024 * 1024;

    public static IReadOnlyList<string> Read(byte[] bytes, string file)
    {
        RefuseZipBomb(bytes, file);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = WordprocessingDocument.Open(stream, false);
            var body = document.MainDocumentPart?.Document?.Body
                ?? throw new InputException(file, null, "the .docx has no document body; open it in Word, save it again and import it.");
            var lines = new List<string>();

            // Table cells are made of paragraphs, so taking every paragraph in order gives each cell its own line.
            foreach (var paragraph in body.Descendants<Paragraph>())
            {
                lines.AddRange(TextOf(paragraph).Split('\n'));
            }

            return lines;
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException)
        {
            throw NotADocx(file);
        }
    }

    private static InputException NotADocx(string file) =>
        new(file, null, "the file is not a readable .docx (Word 2007 or later); open it in Word or WPS, save it as .docx and import it again.");

    // Counts what the parts really unpack to (the sizes the zip declares can lie), stopping at the limit.
    private static void RefuseZipBomb(byte[] bytes, string file)
    {
        long total = 0;
        var buffer = new byte[81920];
        try
        {
            using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes, writable: false), System.IO.Compression.ZipArchiveMode.Read);
            foreach (var entry in zip.Entries)
            {
                using var part = entry.Open();
                int read;
                while ((read = part.Read(buffer)) > 0)
                {
                    total += read;
                    if (total > MaxUnpackedBytes)
                    {
                        throw new InputException(file, null, $"the .docx unpacks to more than {MaxUnpackedBytes / (1024 * 1024)} MB, far more than any report (a zip bomb?); check where it came from, open it in Word and save it again if it is genuine.");
                    }
                }
            }
        }
        catch (InvalidDataException)
        {
            throw NotADocx(file);
        }
    }

    private static string TextOf(Paragraph paragraph)
    {
        var text = new StringBuilder();
        // A text box inside a paragraph holds paragraphs of its own; they get their own lines, not this one.
        foreach (var element in paragraph.Descendants().Where(e => e.Ancestors<Paragraph>().First() == paragraph))
        {
            switch (element)
            {
                case Text t:
                    text.Append(t.Text);
                    break;
                case TabChar:
                    text.Append('\t');
                    break;
                case Break or CarriageReturn:
                    text.Append('\n');
                    break;
                case NoBreakHyphen:
                    text.Append('-');
                    break;
            }
        }

        return text.ToString();
    }
}
