namespace Archive.Search.StaticIndex;

/// <summary>Sizes of the gram counter's documents (records of code points in a <see cref="SpillFile"/>), and how to split them.</summary>
internal static class DocumentRanges
{
    /// <summary>Contiguous ranges of documents with about the same number of code points each, one per part.</summary>
    public static List<(int From, int To)> Split(SpillFile docs, int docCount, int parts)
    {
        var total = CodePoints(docs, 0, docCount);
        var ranges = new List<(int From, int To)>();
        var from = 0;
        long sum = 0;
        for (var d = 0; d < docCount; d++)
        {
            sum += docs.LengthOf(d) / sizeof(int);
            if (sum * parts >= total * (ranges.Count + 1) && ranges.Count < parts - 1)
            {
                ranges.Add((from, d + 1));
                from = d + 1;
            }
        }

        ranges.Add((from, docCount));
        return ranges;
    }

    /// <summary>The code points of documents <paramref name="from"/> … <paramref name="to"/> − 1.</summary>
    public static long CodePoints(SpillFile docs, int from, int to)
    {
        long total = 0;
        for (var d = from; d < to; d++)
        {
            total += docs.LengthOf(d) / sizeof(int);
        }

        return total;
    }

    /// <summary>The code points of the longest of documents <paramref name="from"/> … <paramref name="to"/> − 1 (at least 1).</summary>
    public static int Longest(SpillFile docs, int from, int to)
    {
        var longest = 1;
        for (var d = from; d < to; d++)
        {
            longest = Math.Max(longest, docs.LengthOf(d) / sizeof(int));
        }

        return longest;
    }
}
