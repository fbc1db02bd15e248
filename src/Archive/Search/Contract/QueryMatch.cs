namespace Archive.Search.Contract;

/// <summary>
/// Whether a query matches one report's normalized searchable text, and with how many hits (FORMAT.md §2): every
/// clause has a term that occurs, no excluded term occurs; hits are the occurrences of every positive term at every
/// start position. What the engines answer from their indexes, computed from the text itself.
/// </summary>
public static class QueryMatch
{
    /// <summary>The hit count, or null when the query does not match (an empty query matches nothing).</summary>
    public static int? Hits(SearchQuery query, string normalizedText)
    {
        if (query.IsEmpty || query.Excluded.Any(t => Occurrences(normalizedText, t.Normalized) > 0))
        {
            return null;
        }

        var hits = 0;
        foreach (var clause in query.Clauses)
        {
            var found = clause.Alternatives.Sum(t => Occurrences(normalizedText, t.Normalized));
            if (found == 0)
            {
                return null;
            }

            hits += found;
        }

        return hits;
    }

    /// <summary>Occurrences of <paramref name="term"/> at every start position (overlapping ones count).</summary>
    public static int Occurrences(string text, string term)
    {
        var count = 0;
        for (var at = text.IndexOf(term, StringComparison.Ordinal); at >= 0; at = text.IndexOf(term, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
