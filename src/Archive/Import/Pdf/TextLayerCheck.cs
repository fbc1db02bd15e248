using System.Text;

namespace Archive.Import.Pdf;

/// <summary>
/// Whether extracted text is text. A PDF whose fonts map glyphs to the wrong code points (a broken or missing
/// ToUnicode map) extracts as private-use characters, replacement characters, Latin-1 mojibake, or Chinese characters
/// that are valid one by one but almost never used; a damaged Word file that LibreOffice falls back to reading as
/// plain text gives bytes read as UTF-16: Hangul, Thai and rare ideographs. Imported, either would read as nonsense
/// and be found by no search: such a page is read by OCR instead, and such a document refused.
/// </summary>
public static class TextLayerCheck
{
    // Below this many visible characters a page says too little to judge (a page number, a signature).
    public const int MinCharacters = 40;

    // Real report text has almost no private-use or control characters, and Latin-1 letters only in the odd name.
    private const double MaxBrokenShare = 0.05;
    private const double MaxLatin1Share = 0.15;

    // Chinese reports are written in the 6,763 characters of GB 2312 all but a few times a page; text decoded with a
    // wrong map draws evenly from the 90,000 CJK code points. Measured on the seeds and the provincial reports: ≥ 99.6%.
    private const double MinCommonShare = 0.9;

    private static readonly Encoding Gb2312 = GetGb2312();

    public static PageReading Judge(IReadOnlyList<PdfLine> lines) => Judge(lines.Select(l => l.Text));

    public static PageReading Judge(IEnumerable<string> lines)
    {
        var characters = 0;
        var broken = 0;
        var latin1 = 0;
        var cjk = 0;
        var common = 0;
        var otherScripts = 0;
        Span<byte> bytes = stackalloc byte[8];
        foreach (var line in lines)
        {
            foreach (var rune in line.EnumerateRunes())
            {
                if (Rune.IsWhiteSpace(rune))
                {
                    continue;
                }

                characters++;
                var value = rune.Value;
                if (value is (>= 0xE000 and <= 0xF8FF) or >= 0xF0000 or 0xFFFD || Rune.IsControl(rune))
                {
                    broken++;
                }
                else if (value is >= 0xC0 and <= 0xFF)
                {
                    latin1++;
                }
                else if (value is (>= 0x0E00 and <= 0x0EFF) or (>= 0x1100 and <= 0x11FF) or (>= 0xAC00 and <= 0xD7AF) or (>= 0x0400 and <= 0x052F) or (>= 0x0590 and <= 0x08FF) or (>= 0x1E00 and <= 0x1EFF) or (>= 0xA000 and <= 0xA4CF))
                {
                    // Thai, Lao, Hangul, Cyrillic, Hebrew and Arabic, Latin extended, Yi: no Chinese report has many.
                    otherScripts++;
                }
                else if (IsHan(value))
                {
                    cjk++;
                    var written = Gb2312.GetBytes(rune.ToString(), bytes);
                    if (written == 2)
                    {
                        common++;
                    }
                }
            }
        }

        if (characters == 0)
        {
            return PageReading.NoTextLayer;
        }

        if (characters < MinCharacters)
        {
            return PageReading.TextLayer;
        }

        return broken > characters * MaxBrokenShare || latin1 > characters * MaxLatin1Share || otherScripts > characters * MaxLatin1Share
            || (cjk >= MinCharacters && common < cjk * MinCommonShare)
            ? PageReading.GarbledTextLayer
            : PageReading.TextLayer;
    }

    private static bool IsHan(int value) =>
        value is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x3134F) or (>= 0xF900 and <= 0xFAFF);

    private static Encoding GetGb2312()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        // Code page 20936 is GB 2312 itself (936 is GBK, which has every common CJK code point). A character outside it
        // becomes '?', one byte; an exception fallback would cost a throw per rare character.
        return Encoding.GetEncoding(20936, new EncoderReplacementFallback("?"), DecoderFallback.ReplacementFallback);
    }
}
