using ICU4N.Globalization;
using ICU4N.Text;
using Archive.Search.Contract;

namespace Archive.Search.Lucene;

/// <summary>
/// Dictionary word segmentation (ICU word break with the cjdict dictionary), the same segmentation the browser gets
/// from Intl.Segmenter('zh', {granularity: 'word'}). Context-dependent (民工 inside 农民工 splits as 农民|工), so it
/// only ranks; it never decides whether a report matches. Only query terms are segmented (FORMAT.md §3):
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

    /// <summary>
    /// Whether a normalized query term is one dictionary word (FORMAT.md §3: the term's BM25 weight gets the word
    /// boost): its segmentation has no boundary inside it.
    /// </summary>
    public static bool IsOneWord(string normalizedTerm) =>
        normalizedTerm.Length > 0 && Boundaries(normalizedTerm) is [0, var end] && end == normalizedTerm.Length;
}
