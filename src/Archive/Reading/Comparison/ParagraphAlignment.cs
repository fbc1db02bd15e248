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

    public static IReadOnlyList<AlignedParagraph> Align(ComparableText olderText, ComparableText newerText)
    {
        var (older, newer) = (olderText.Texts, newerText.Texts);
        var similarity = Similarities(olderText, newerText);
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

    // similarity[i * newer + j]: Dice over the distinct bigrams of the normalized texts, exact for every pair that can
    // reach Similar (the alignment reads no other). Both texts' bigrams are sorted arrays of (bigram, paragraph),
    // merged once. A bigram in many older paragraphs (的工, 工作) is not counted pair by pair: most of the counting went
    // to them. Instead each pair is bounded by the rare bigrams it shares plus the fewer of the two paragraphs' common
    // ones, and only a pair whose bound reaches the threshold is counted exactly, by merging its two sorted arrays.
    private static float[] Similarities(ComparableText olderText, ComparableText newerText)
    {
        var (older, newer) = (olderText.Texts, newerText.Texts);
        var (olderGrams, newerGrams) = (olderText.Grams, newerText.Grams);
        var (olderPostings, newerPostings) = (olderText.Postings, newerText.Postings);
        var common = Math.Max(4, older.Count / 8);
        var olderCommon = new int[older.Count];
        var newerCommon = new int[newer.Count];
        var rareShared = new int[older.Count * newer.Count];
        for (int p = 0, q = 0; p < olderPostings.Length;)
        {
            var gram = olderPostings[p] >> 20;
            var olderEnd = GroupEnd(olderPostings, p);
            while (q < newerPostings.Length && newerPostings[q] >> 20 < gram)
            {
                q++;
            }

            var newerEnd = q;
            while (newerEnd < newerPostings.Length && newerPostings[newerEnd] >> 20 == gram)
            {
                newerEnd++;
            }

            if (olderEnd - p >= common)
            {
                for (var a = p; a < olderEnd; a++)
                {
                    olderCommon[Paragraph(olderPostings[a])]++;
                }

                for (var b = q; b < newerEnd; b++)
                {
                    newerCommon[Paragraph(newerPostings[b])]++;
                }
            }
            else
            {
                for (var a = p; a < olderEnd; a++)
                {
                    var row = Paragraph(olderPostings[a]) * newer.Count;
                    for (var b = q; b < newerEnd; b++)
                    {
                        rareShared[row + Paragraph(newerPostings[b])]++;
                    }
                }
            }

            p = olderEnd;
            q = newerEnd;
        }

        var similarity = new float[rareShared.Length];
        for (var i = 0; i < older.Count; i++)
        {
            for (var j = 0; j < newer.Count; j++)
            {
                var sizes = olderGrams[i].Length + newerGrams[j].Length;
                var cell = (i * newer.Count) + j;
                if (sizes == 0)
                {
                    similarity[cell] = string.Equals(older[i], newer[j], StringComparison.Ordinal) ? 1 : 0;
                }
                else if (2f * (rareShared[cell] + Math.Min(olderCommon[i], newerCommon[j])) / sizes >= Similar)
                {
                    similarity[cell] = 2f * SortedSets.SharedCount<int>(olderGrams[i], newerGrams[j]) / sizes;
                }
            }
        }

        return similarity;
    }

    private static int GroupEnd(long[] postings, int start)
    {
        var end = start;
        while (end < postings.Length && postings[end] >> 20 == postings[start] >> 20)
        {
            end++;
        }

        return end;
    }

    private static int Paragraph(long posting) => (int)(posting & 0xFFFFF);

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
