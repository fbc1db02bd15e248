namespace Archive.Search.Contract;

/// <summary>Exact occurrences of a normalized term in normalized text, counted at every start (overlaps count).</summary>
public static class Occurrences
{
    /// <summary>The UTF-16 start index of every occurrence of <paramref name="term"/> in <paramref name="text"/>.</summary>
    public static List<int> StartsOf(string text, string term)
    {
        var starts = new List<int>();
        if (term.Length == 0)
        {
            return starts;
        }

        // Both strings are well-formed UTF-16, so an ordinal match never starts inside a surrogate pair and
        // stepping by one unit finds every code point start.
        for (var at = text.IndexOf(term, StringComparison.Ordinal); at >= 0; at = text.IndexOf(term, at + 1, StringComparison.Ordinal))
        {
            starts.Add(at);
        }

        return starts;
    }

    public static int Count(string text, string term)
    {
        if (term.Length == 0)
        {
            return 0;
        }

        var count = 0;
        for (var at = text.IndexOf(term, StringComparison.Ordinal); at >= 0; at = text.IndexOf(term, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
