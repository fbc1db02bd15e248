using System.Globalization;
using System.Text;
using Archive.Core;
using Archive.Import.Pdf;

namespace Archive.Import.Tools;

/// <summary>What OCR read from one page: its lines where they stand on the page, and Tesseract's mean confidence.</summary>
public sealed record OcrPage(int Page, IReadOnlyList<PdfLine> Lines, double Confidence);

/// <summary>
/// OCR of page images by Tesseract with its simplified-Chinese model (Debian: tesseract-ocr, tesseract-ocr-chi-sim),
/// one process per page, each within a time limit. Tesseract's TSV output gives each word with its box and confidence:
/// words become lines where Tesseract put them, placed in points as a PDF's text layer would be, so page furniture and
/// wrapped lines are handled alike for scanned and printed pages.
/// </summary>
public sealed class Tesseract
{
    public const string Language = "chi_sim";

    private readonly string _program;
    private readonly TimeSpan _pageLimit;

    private Tesseract(string program, string version, TimeSpan pageLimit)
    {
        _program = program;
        _pageLimit = pageLimit;
        Engine = $"tesseract {version} ({Language})";
    }

    /// <summary>The engine as the front matter records it: program, version and model.</summary>
    public string Engine { get; }

    /// <summary>Tesseract with the Chinese model, or an error for <paramref name="file"/> naming what to install.</summary>
    public static Tesseract Find(string file, TimeSpan pageLimit)
    {
        const string Purpose = "reading a scan (OCR)";
        var program = ExternalTool.Require("tesseract", "tesseract-ocr tesseract-ocr-chi-sim", file, Purpose);
        var version = ExternalTool.Run(program, ["--version"], TimeSpan.FromSeconds(30), file, Purpose, "check that tesseract runs.");
        var languages = ExternalTool.Run(program, ["--list-langs"], TimeSpan.FromSeconds(30), file, Purpose, "check that tesseract runs.");
        if (!(languages.Stdout + languages.Stderr).Split('\n').Any(l => l.Trim() == Language))
        {
            throw new InputException(file, null, $"{Purpose} needs Tesseract's simplified-Chinese model, which is not installed; install the Debian package tesseract-ocr-chi-sim and import again.");
        }

        // "tesseract 5.3.0" on the first line (older versions print it to stderr).
        var first = (version.Stdout.Length > 0 ? version.Stdout : version.Stderr).Split('\n')[0].Trim();
        return new Tesseract(program, first.StartsWith("tesseract ", StringComparison.Ordinal) ? first["tesseract ".Length..] : "unknown version", pageLimit);
    }

    /// <summary>Reads the image of page <paramref name="page"/>, rendered or scanned at <paramref name="dpi"/>.</summary>
    public OcrPage Read(string image, int page, double dpi, string file) =>
        Parse(Tsv(image, $"OCR of page {page}", file), dpi) switch
        {
            [var one] => one with { Page = page },
            [] => new OcrPage(page, [], 0),
            var several => throw new InputException(file, null, $"page {page} rendered as {several.Count} images; render the PDF again and import it."),
        };

    /// <summary>Reads an image file, one page per page it holds (a multi-page TIFF has several).</summary>
    public IReadOnlyList<OcrPage> ReadAll(string image, double dpi, string file) => Parse(Tsv(image, "OCR of the image", file), dpi);

    private string Tsv(string image, string what, string file)
    {
        // One thread per process: pages are read side by side, and Tesseract's own threads only contend with them.
        var run = ExternalTool.Run(
            _program, [image, "stdout", "-l", Language, "--psm", "3", "tsv"], _pageLimit, file, what,
            "import the file alone with a higher --ocr-seconds, or save the report as .docx or .txt and import that.",
            new Dictionary<string, string> { ["OMP_THREAD_LIMIT"] = "1" });
        return run.Exit == 0
            ? run.Stdout
            : throw new InputException(file, null, $"{what} failed ({FirstLine(run.Stderr)}); check that the image is readable.");
    }

    /// <summary>The lines and mean word confidence of each page in Tesseract's TSV, pages numbered as it numbers them.</summary>
    internal static IReadOnlyList<OcrPage> Parse(string tsv, double dpi)
    {
        var scale = 72.0 / dpi;
        var pages = new List<OcrPage>();
        var page = 0;
        double pageHeight = 0;
        var lines = new List<PdfLine>();
        var words = new List<(string Text, double Left, double Top, double Width, double Height)>();
        (int, int, int) key = (-1, -1, -1);
        double confidenceSum = 0;
        var confidenceWeight = 0;

        void FlushLine()
        {
            if (words.Count == 0)
            {
                return;
            }

            var text = new StringBuilder();
            foreach (var word in words)
            {
                if (text.Length > 0 && IsLatinOrDigit(text[^1]) && IsLatinOrDigit(word.Text[0]))
                {
                    text.Append(' ');
                }

                text.Append(word.Text);
            }

            var heights = words.Select(w => w.Height).Order().ToList();
            var bottom = words.Max(w => w.Top + w.Height);
            lines.Add(new PdfLine(text.ToString(), words.Min(w => w.Left) * scale, words.Max(w => w.Left + w.Width) * scale, (pageHeight - bottom) * scale, heights[heights.Count / 2] * scale));
            words.Clear();
        }

        void FlushPage()
        {
            FlushLine();
            if (page > 0)
            {
                pages.Add(new OcrPage(page, [.. lines], confidenceWeight == 0 ? 0 : Math.Round(confidenceSum / confidenceWeight, 1)));
            }

            lines.Clear();
            (confidenceSum, confidenceWeight, key) = (0, 0, (-1, -1, -1));
        }

        foreach (var row in tsv.Split('\n').Skip(1))
        {
            var cells = row.TrimEnd('\r').Split('\t');
            if (cells.Length < 12)
            {
                continue;
            }

            var level = Number(cells[0]);
            if (level == 1)
            {
                FlushPage();
                page = (int)Number(cells[1]);
                pageHeight = Number(cells[9]);
                continue;
            }

            var text = cells[11].Trim();
            if (level != 5 || text.Length == 0)
            {
                continue;
            }

            var line = ((int)Number(cells[2]), (int)Number(cells[3]), (int)Number(cells[4]));
            if (line != key)
            {
                FlushLine();
                key = line;
            }

            words.Add((text, Number(cells[6]), Number(cells[7]), Number(cells[8]), Number(cells[9])));
            var confidence = Number(cells[10]);
            if (confidence >= 0)
            {
                confidenceSum += confidence * text.Length;
                confidenceWeight += text.Length;
            }
        }

        FlushPage();
        return pages;
    }

    private static double Number(string cell) => double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool IsLatinOrDigit(char c) => c < 0x80 && char.IsLetterOrDigit(c);

    private static string FirstLine(string text) => text.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "no message";
}
