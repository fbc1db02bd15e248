using ICU4N.Globalization;
using ICU4N.Text;

namespace Archive.Search;

/// <summary>
/// Dictionary word segmentation (ICU word break with the cjdict dictionary), the same segmentation the browser gets
/// from Intl.Segmenter('zh', {granularity: 'word'}). Context-dependent (民工 inside 农民工 splits as 农民|工), so it
/// only ranks; it never decides whether a report matches.
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

    /// <summary>
    /// Word boundaries in normalized code point positions (FORMAT.md §3): each original boundary maps to the number of
    /// kept code points before it. Segmenting the joined blocks at once equals segmenting each block, because a line
    /// break is always a boundary and dictionary runs never cross it.
    /// </summary>
    public static bool[] NormalizedBoundaries(NormalizedText normalized, string original)
    {
        var boundaries = new bool[normalized.Length + 1];
        boundaries[0] = true;
        boundaries[normalized.Length] = true;
        foreach (var offset in Boundaries(original))
        {
            boundaries[normalized.KeptBefore(offset)] = true;
        }

        return boundaries;
    }
}
