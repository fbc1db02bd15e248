using System.Text;
using UtfUnknown;
using Archive.Core;
using Archive.Corpus;

namespace Archive.Import;

/// <summary>
/// Turns the bytes of a text file into text, telling UTF-8, UTF-16 and GB18030/GBK apart. It never guesses
/// silently: a file no encoding decodes cleanly is an <see cref="InputException"/> naming the file.
/// </summary>
public static partial class TextDecoder
{
    public const string Utf8 = "utf-8";
    public const string Utf8Bom = "utf-8-bom";
    public const string Utf16Le = "utf-16le";
    public const string Utf16Be = "utf-16be";
    public const string Gb18030 = "gb18030";

    private const int Gb18030CodePage = 54936;

    static TextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static DecodedText Decode(byte[] bytes, string file)
    {
        if (bytes.Length == 0)
        {
            throw new InputException(file, null, "the file is empty; export the report's text again or leave this file out.");
        }

        var decoded = DecodeByBom(bytes) ?? DecodeUtf16WithoutBom(bytes, file) ?? DecodeUtf8(bytes) ?? DecodeChinese(bytes)
            ?? throw new InputException(file, null, "could not tell the encoding (it is not UTF-8, UTF-16 or GB18030/GBK); save it as UTF-8 and import it again.");
        CheckIsText(decoded.Text, file);
        return decoded;
    }

    /// <summary>
    /// Decodes a web page: in the charset the server declared (<paramref name="declared"/>, from Content-Type) or the
    /// page declares in its first 2 KB (&lt;meta charset&gt;), when that charset decodes the bytes cleanly; otherwise
    /// as <see cref="Decode"/> finds (a GBK page labelled UTF-8 is common). GBK and GB2312 are read as GB18030,
    /// their superset.
    /// </summary>
    public static DecodedText DecodeDeclared(byte[] bytes, string file, string? declared)
    {
        if (DecodeByBom(bytes) is not null)
        {
            // A byte order mark outranks every declaration (HTML's encoding sniffing rule).
            return Decode(bytes, file);
        }

        foreach (var charset in new[] { declared, MetaCharset(bytes) })
        {
            if (charset is not null && DeclaredEncoding(charset) is var (encoding, name) && Strict(encoding, bytes) is { } text && text.Length > 0)
            {
                CheckIsText(text, file);
                return new DecodedText(text, name, Confidence.High);
            }
        }

        return Decode(bytes, file);
    }

    /// <summary>The charset parameter of a Content-Type value (text/html; charset=GBK → GBK), or null.</summary>
    public static string? CharsetOf(string? contentType) =>
        contentType is null ? null : CharsetPattern().Match(contentType) is { Success: true } m ? m.Groups[1].Value : null;

    private static string? MetaCharset(byte[] bytes) =>
        CharsetOf(Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 2048)));

    private static (Encoding, string)? DeclaredEncoding(string charset) => charset.Trim().Trim('"', '\'').ToLowerInvariant() switch
    {
        "utf-8" or "utf8" => (new UTF8Encoding(false, true), Utf8),
        "gbk" or "gb2312" or "gb18030" or "x-gbk" or "cp936" => (Encoding.GetEncoding(Gb18030CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback), Gb18030),
        _ => null,
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"charset\s*=\s*[""']?([A-Za-z0-9_\-]+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex CharsetPattern();

    private static DecodedText? DecodeByBom(byte[] bytes)
    {
        if (bytes is [0xEF, 0xBB, 0xBF, ..])
        {
            return Strict(new UTF8Encoding(false, true), bytes.AsSpan(3)) is { } text ? new DecodedText(text, Utf8Bom, Confidence.High) : null;
        }

        if (bytes is [0xFF, 0xFE, ..])
        {
            return Strict(new UnicodeEncoding(false, false, true), bytes.AsSpan(2)) is { } text ? new DecodedText(text, Utf16Le, Confidence.High) : null;
        }

        if (bytes is [0xFE, 0xFF, ..])
        {
            return Strict(new UnicodeEncoding(true, false, true), bytes.AsSpan(2)) is { } text ? new DecodedText(text, Utf16Be, Confidence.High) : null;
        }

        return null;
    }

    // UTF-16 without a byte order mark shows itself by zero bytes (the high byte of ASCII digits and line
    // breaks). Which byte order it is, and whether it is text at all, is decided by which reading gives
    // plausible text: Chinese, ASCII and their punctuation, not a scatter of rare characters.
    private static DecodedText? DecodeUtf16WithoutBom(byte[] bytes, string file)
    {
        if (bytes.AsSpan().IndexOf((byte)0) < 0)
        {
            return null;
        }

        if (bytes.Length % 2 != 0)
        {
            throw Binary(file);
        }

        var little = Strict(new UnicodeEncoding(false, false, true), bytes);
        var big = Strict(new UnicodeEncoding(true, false, true), bytes);
        var (text, name) = Plausibility(little) >= Plausibility(big) ? (little, Utf16Le) : (big, Utf16Be);
        var score = Plausibility(text);
        return score >= 0.9 ? new DecodedText(text!, name, score >= 0.98 ? Confidence.High : Confidence.Medium) : throw Binary(file);
    }

    private static double Plausibility(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var plausible = text.Count(c => c is (>= ' ' and <= '~') or '\n' or '\r' or '\t' or (>= '\u4E00' and <= '\u9FFF')
            or (>= '\u3000' and <= '\u303F') or (>= '\uFF00' and <= '\uFFEF') or (>= '\u2000' and <= '\u206F'));
        return (double)plausible / text.Length;
    }

    private static DecodedText? DecodeUtf8(byte[] bytes) =>
        Strict(new UTF8Encoding(false, true), bytes) is { } text ? new DecodedText(text, Utf8, Confidence.High) : null;

    // Legacy Chinese pages are GB18030 or its subsets GBK and GB2312. GB18030 accepts most byte sequences, so
    // the detector must agree before we trust it; a text it cannot decode without replacement is refused.
    private static DecodedText? DecodeChinese(byte[] bytes)
    {
        var detected = CharsetDetector.DetectFromBytes(bytes).Detected;
        var name = detected?.EncodingName?.ToLowerInvariant() ?? "";
        if (name is not ("gb18030" or "gbk" or "gb2312" or "hz-gb-2312" or "x-gbk"))
        {
            return null;
        }

        var gb = Encoding.GetEncoding(Gb18030CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        var text = Strict(gb, bytes);
        if (text is null)
        {
            return null;
        }

        var confidence = detected!.Confidence >= 0.9f ? Confidence.High : Confidence.Medium;
        return new DecodedText(text, Gb18030, confidence);
    }

    private static string? Strict(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static void CheckIsText(string text, string file)
    {
        if (text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f')))
        {
            throw Binary(file);
        }

        if (text.All(c => char.IsWhiteSpace(c) || c is '\u200B' or '\uFEFF'))
        {
            throw new InputException(file, null, "the file holds only blank space; export the report's text again or leave this file out.");
        }
    }

    private static InputException Binary(string file) =>
        new(file, null, "the file is binary, not text; save the report as .txt (UTF-8), .docx or .html and import that.");
}
