namespace Archive.Reading;

/// <summary>Sets kept as sorted arrays of distinct values, as the comparisons of texts keep their n-grams.</summary>
public static class SortedSets
{
    /// <summary>How many values two sorted arrays of distinct values share, in one merge.</summary>
    public static int SharedCount<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
        where T : IComparable<T>
    {
        // Without branches on the comparison: in a merge of two similar sets it goes either way, so a branch is
        // mispredicted half the time, and the checks of shared text make tens of millions of merges.
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            var order = a[i].CompareTo(b[j]);
            shared += order == 0 ? 1 : 0;
            i += order <= 0 ? 1 : 0;
            j += order >= 0 ? 1 : 0;
        }

        return shared;
    }
}
