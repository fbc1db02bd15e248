using Archive.Corpus;
using Archive.Search.Contract;

namespace Archive.Reading.Comparison;

/// <summary>
/// A text made ready for comparison: its blocks (headings and paragraphs in reading order), each block's distinct
/// normalized character bigrams (sorted; <see cref="TextNormalizer"/>), and all of them as one sorted array of
/// (bigram, block). Made once per report, though a report is compared twice: with the year before and the year after.
/// </summary>
public sealed class ComparableText
{
    private ComparableText(IReadOnlyList<ComparedBlock> blocks)
    {
        Blocks = blocks;
        Texts = [.. blocks.Select(b => b.Text)];
        Grams = [.. Texts.Select(Bigrams)];
        Postings = PostingsOf(Grams);
    }

    public IReadOnlyList<ComparedBlock> Blocks { get; }

    internal IReadOnlyList<string> Texts { get; }

    internal int[][] Grams { get; }

    /// <summary>Every (bigram, block) as bigram &lt;&lt; 20 | block, sorted.</summary>
    internal long[] Postings { get; }

    public static ComparableText Of(ReportBody body) => new(YearComparison.BlocksOf(body));

    /// <summary>Plain paragraphs, anchored by their place.</summary>
    public static ComparableText Of(IReadOnlyList<string> paragraphs) =>
        new([.. paragraphs.Select((p, i) => new ComparedBlock(i.ToString(System.Globalization.CultureInfo.InvariantCulture), p, false))]);

    // The distinct bigrams of the normalized text (its single character when it has one), sorted.
    private static int[] Bigrams(string text)
    {
        var normalized = TextNormalizer.NormalizeToString(text);
        if (normalized.Length < 2)
        {
            return normalized.Length == 1 ? [normalized[0]] : [];
        }

        var grams = new int[normalized.Length - 1];
        for (var i = 0; i + 1 < normalized.Length; i++)
        {
            grams[i] = (normalized[i] << 16) | normalized[i + 1];
        }

        Array.Sort(grams);
        var distinct = 1;
        for (var i = 1; i < grams.Length; i++)
        {
            if (grams[i] != grams[distinct - 1])
            {
                grams[distinct++] = grams[i];
            }
        }

        return grams[..distinct];
    }

    private static long[] PostingsOf(int[][] grams)
    {
        var postings = new long[grams.Sum(g => g.Length)];
        var at = 0;
        for (var i = 0; i < grams.Length; i++)
        {
            foreach (var gram in grams[i])
            {
                postings[at++] = ((long)gram << 20) | (uint)i;
            }
        }

        Array.Sort(postings);
        return postings;
    }
}
