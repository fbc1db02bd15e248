using ICU4N.Globalization;
using ICU4N.Text;

namespace Archive.Search;

/// <summary>
/// Dictionary word segmentation (ICU word break with the cjdict dictionary), the same segmentation the browser gets
/// from Intl.Segmenter('zh', {granularity: 'word'}). Context-dependent (民工 inside 农民工 splits as 农民|工), so it
/// only ranks; it never decides whether a report matches. Only the clause around a hit is segmented (FORMAT.md §3):
/// dictionary segmentation runs at ~3 MB/s, too slow to spend on whole reports while building or searching.
/// </summary>
public static class WordSegmenter
{
    private static readonly BreakIterator Prototype = BreakIterator.GetWordInstance(new UCultureInfo("zh"));

    [ThreadStatic]
    private static BreakIterator? _iterator;

    /// <summary>The boundaries of <paramref name="text"/> (width-folded first) as UTF-16 offsets, ascending, from 0 to its length.</summary>
    public static List<int> Boundaries(string text)
    {
        var iterator = _iterator ??= (BreakIterator)Prototype.Clone();
        iterator.SetText(TextNormalizer.FoldWidth(text));
        var boundaries = new List<int>();
        for (var at = iterator.First(); at != BreakIterator.Done; at = iterator.Next())
        {
            boundaries.Add(at);
        }

        return boundaries;
    }

    /// <summary>True when normalized code points [start, start + length) start and end on word boundaries.</summary>
    public static bool OnWordBoundaries(NormalizedText normalized, string original, int start, int length) =>
        IsBoundary(normalized, original, start) && IsBoundary(normalized, original, start + length);

    /// <summary>
    /// Whether normalized position <paramref name="position"/> (a code point index, 0 … length) is a word boundary
    /// (FORMAT.md §3): the ends of the text, a place where normalization dropped something, or a boundary of the
    /// dictionary segmentation of the clause (the run of kept code points with nothing dropped between them) there.
    /// </summary>
    public static bool IsBoundary(NormalizedText normalized, string original, int position)
    {
        if (position <= 0 || position >= normalized.Length || !Adjacent(normalized, original, position - 1))
        {
            return true;
        }

        var first = position - 1;
        while (first > 0 && Adjacent(normalized, original, first - 1))
        {
            first--;
        }

        var last = position;
        while (last + 1 < normalized.Length && Adjacent(normalized, original, last))
        {
            last++;
        }

        var clauseStart = normalized.SourceOffset(first);
        var clause = original[clauseStart..normalized.SourceSpan(last, last + 1).End];
        return Boundaries(clause).BinarySearch(normalized.SourceOffset(position) - clauseStart) >= 0;
    }

    /// <summary>True when normalized code points <paramref name="index"/> and the next are next to each other in the original.</summary>
    private static bool Adjacent(NormalizedText normalized, string original, int index) =>
        normalized.SourceSpan(index, index + 1).End == normalized.SourceOffset(index + 1);
}
