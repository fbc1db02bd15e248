namespace Archive.Reading;

/// <summary>Sets kept as sorted arrays of distinct values, as the comparisons of texts keep their n-grams.</summary>
public static class SortedSets
{
    /// <summary>How many values two sorted arrays of distinct values share, in one merge.</summary>
    public static int SharedCount<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
        where T : IComparable<T>
    {
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            var order = a[i].CompareTo(b[j]);
            if (order == 0)
            {
                shared++;
                i++;
                j++;
            }
            else if (order < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return shared;
    }
}
