using Archive.Search.Contract;

namespace Archive.Reading.Comparison;

/// <summary>What became of a paragraph (or heading) from one year's report to the next.</summary>
public enum ParagraphChange
{
    Unchanged,
    Changed,
    New,
    Dropped,
}

/// <summary>
/// A paragraph of the comparison: its place in the older and the newer text (none where it is not in one of them),
/// and, for a changed paragraph, the edits that turn the older into the newer.
/// </summary>
public sealed record AlignedParagraph(ParagraphChange Change, int? Older, int? Newer, IReadOnlyList<Edit> Edits);

/// <summary>
/// Aligns the paragraphs of two texts in reading order by the similarity of their normalized text (Dice over
/// character bigrams, <see cref="TextNormalizer"/>): the pairs of at least <see cref="Similar"/> that sum to the
/// greatest similarity without crossing are the same paragraph, kept as it was or changed; the rest are new or dropped.
/// </summary>
public static class ParagraphAlignment
{
    /// <summary>How alike two paragraphs must be to count as one, changed: half their bigrams shared.</summary>
    public const double Similar = 0.5;

    public static IReadOnlyList<AlignedParagraph> Align(IReadOnlyList<string> older, IReadOnlyList<string> newer)
    {
        var similarity = Similarities(older, newer);
        var pairs = BestPairs(similarity, older.Count, newer.Count);
        var aligned = new List<AlignedParagraph>(older.Count + newer.Count);
        int o = 0, n = 0;
        foreach (var (pairOlder, pairNewer) in pairs.Append((older.Count, newer.Count)))
        {
            // Between two kept pairs, what the older text had is dropped before what the newer adds, as a reader reads a correction.
            for (; o < pairOlder; o++)
            {
                aligned.Add(new AlignedParagraph(ParagraphChange.Dropped, o, null, []));
            }

            for (; n < pairNewer; n++)
            {
                aligned.Add(new AlignedParagraph(ParagraphChange.New, null, n, []));
            }

            if (pairOlder < older.Count)
            {
                aligned.Add(string.Equals(older[o], newer[n], StringComparison.Ordinal)
                    ? new AlignedParagraph(ParagraphChange.Unchanged, o, n, [])
                    : new AlignedParagraph(ParagraphChange.Changed, o, n, TextDiff.Of(older[o], newer[n])));
                o++;
                n++;
            }
        }

        return aligned;
    }

    // similarity[i * newer + j]: Dice over the distinct bigrams of the normalized texts, counted through an index of
    // the older paragraphs' bigrams, so that paragraphs sharing nothing cost nothing.
    private static float[] Similarities(IReadOnlyList<string> older, IReadOnlyList<string> newer)
    {
        var olderGrams = older.Select(Bigrams).ToArray();
        var newerGrams = newer.Select(Bigrams).ToArray();
        var index = new Dictionary<int, List<int>>();
        for (var i = 0; i < olderGrams.Length; i++)
        {
            foreach (var gram in olderGrams[i])
            {
                (index.TryGetValue(gram, out var list) ? list : index[gram] = []).Add(i);
            }
        }

        var shared = new int[older.Count * newer.Count];
        for (var j = 0; j < newerGrams.Length; j++)
        {
            foreach (var gram in newerGrams[j])
            {
                if (index.TryGetValue(gram, out var list))
                {
                    foreach (var i in list)
                    {
                        shared[(i * newer.Count) + j]++;
                    }
                }
            }
        }

        var similarity = new float[shared.Length];
        for (var i = 0; i < older.Count; i++)
        {
            for (var j = 0; j < newer.Count; j++)
            {
                var sizes = olderGrams[i].Length + newerGrams[j].Length;
                similarity[(i * newer.Count) + j] = sizes == 0
                    ? (string.Equals(older[i], newer[j], StringComparison.Ordinal) ? 1 : 0)
                    : 2f * shared[(i * newer.Count) + j] / sizes;
            }
        }

        return similarity;
    }

    // The distinct bigrams of the normalized text (its single character when it has one).
    private static int[] Bigrams(string text)
    {
        var normalized = TextNormalizer.NormalizeToString(text);
        if (normalized.Length == 1)
        {
            return [normalized[0]];
        }

        var grams = new HashSet<int>();
        for (var i = 0; i + 1 < normalized.Length; i++)
        {
            grams.Add((normalized[i] << 16) | normalized[i + 1]);
        }

        return [.. grams];
    }

    // The non-crossing pairs of similar paragraphs with the greatest total similarity (a weighted longest common
    // subsequence), in reading order.
    private static List<(int Older, int Newer)> BestPairs(float[] similarity, int olderCount, int newerCount)
    {
        var best = new float[(olderCount + 1) * (newerCount + 1)];
        int At(int i, int j) => (i * (newerCount + 1)) + j;
        for (var i = 1; i <= olderCount; i++)
        {
            for (var j = 1; j <= newerCount; j++)
            {
                var value = Math.Max(best[At(i - 1, j)], best[At(i, j - 1)]);
                var pair = similarity[((i - 1) * newerCount) + j - 1];
                if (pair >= Similar)
                {
                    value = Math.Max(value, best[At(i - 1, j - 1)] + pair);
                }

                best[At(i, j)] = value;
            }
        }

        var pairs = new List<(int, int)>();
        for (int i = olderCount, j = newerCount; i > 0 && j > 0;)
        {
            var pair = similarity[((i - 1) * newerCount) + j - 1];
            if (pair >= Similar && best[At(i, j)] == best[At(i - 1, j - 1)] + pair)
            {
                pairs.Add((i - 1, j - 1));
                i--;
                j--;
            }
            else if (best[At(i, j)] == best[At(i - 1, j)])
            {
                i--;
            }
            else
            {
                j--;
            }
        }

        pairs.Reverse();
        return pairs;
    }
}
