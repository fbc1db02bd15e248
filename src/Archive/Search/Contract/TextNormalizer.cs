using System.Globalization;

namespace Archive.Search.Contract;

/// <summary>
/// Normalization version 1 of FORMAT.md §1: full-width ASCII folded to ASCII, A–Z to a–z, and only letters and
/// numbers kept, code point by code point. Text and queries go through the same function, so punctuation, spaces and
/// line breaks between characters never stop a match.
/// </summary>
public static class TextNormalizer
{
    public const int Version = 1;

    private const int FullWidthFirst = 0xFF01;
    private const int FullWidthLast = 0xFF5E;
    private const int FullWidthShift = 0xFEE0;

    /// <summary>
    /// Only the width folding of step 1: full-width ASCII becomes ASCII, one UTF-16 unit for one, so offsets stay
    /// valid. Word segmentation runs on this, because ICU versions disagree on full-width digit runs (FORMAT.md §3).
    /// </summary>
    public static string FoldWidth(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange((char)FullWidthFirst, (char)FullWidthLast) < 0)
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= (char)FullWidthFirst and <= (char)FullWidthLast ? (char)(c - FullWidthShift) : c;
            }
        });
    }

    /// <summary>Normalizes <paramref name="text"/> and keeps, per kept code point, its offset in the original.</summary>
    public static NormalizedText Normalize(string text)
    {
        // One pass into buffers as long as the input (normalized text is never longer), trimmed once at the end:
        // this runs over the whole corpus, so no allocation per character.
        var units = new char[text.Length];
        var offsets = new int[text.Length];
        var (unitCount, codePoints) = Normalize(text, units, offsets);
        return new NormalizedText(text, new string(units, 0, unitCount), offsets[..codePoints]);
    }

    /// <summary>
    /// The normalized form alone, into <paramref name="buffer"/> (as long as the text: it never grows); returns its
    /// length. For passes over whole corpora that keep no offsets.
    /// </summary>
    public static int NormalizeInto(string text, Span<char> buffer) => Normalize(text, buffer, []).Units;

    /// <summary>The normalized form alone, for queries and keys.</summary>
    public static string NormalizeToString(string text) => Normalize(text).Text;

    // The normalized UTF-16 units into units and, when offsets is not empty, each kept code point's offset in text.
    private static (int Units, int CodePoints) Normalize(string text, Span<char> units, Span<int> offsets)
    {
        var unitCount = 0;
        var codePoints = 0;
        for (var i = 0; i < text.Length;)
        {
            var start = i;
            int codePoint = text[i++];
            if (char.IsHighSurrogate((char)codePoint) && i < text.Length && char.IsLowSurrogate(text[i]))
            {
                codePoint = char.ConvertToUtf32((char)codePoint, text[i++]);
            }

            codePoint = Fold(codePoint);
            if (!IsKept(codePoint))
            {
                continue;
            }

            if (!offsets.IsEmpty)
            {
                offsets[codePoints] = start;
            }

            codePoints++;
            if (codePoint > char.MaxValue)
            {
                units[unitCount++] = text[start];
                units[unitCount++] = text[start + 1];
            }
            else
            {
                units[unitCount++] = (char)codePoint;
            }
        }

        return (unitCount, codePoints);
    }

    /// <summary>Width then case folding: full-width ASCII to ASCII, then A–Z to a–z.</summary>
    public static int Fold(int codePoint)
    {
        if (codePoint is >= FullWidthFirst and <= FullWidthLast)
        {
            codePoint -= FullWidthShift;
        }

        return codePoint is >= 'A' and <= 'Z' ? codePoint + ('a' - 'A') : codePoint;
    }

    /// <summary>Letters (Lu Ll Lt Lm Lo) and numbers (Nd Nl No) are kept; everything else is dropped.</summary>
    public static bool IsKept(int codePoint)
    {
        if (codePoint < 0x80)
        {
            // The ASCII fast path: most non-Han characters in reports are digits and Latin letters.
            return codePoint is (>= 'a' and <= 'z') or (>= '0' and <= '9') or (>= 'A' and <= 'Z');
        }

        return CharUnicodeInfo.GetUnicodeCategory(codePoint) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
            _ => false,
        };
    }
}
