using Archive.Corpus;
using Archive.Search.Contract;

namespace Archive.Tests.Search;

/// <summary>
/// The definition of matching, executed literally: normalize every report and scan for each term. Too slow for an
/// archive, exact by construction; tests hold the index-based searches to its answers.
/// </summary>
public sealed class BruteForceSearch
{
    private readonly IReadOnlyList<(string Id, string Text)> _reports;

    public BruteForceSearch(IEnumerable<Report> reports)
    {
        _reports = reports.Select(r => (r.Id, SearchableText.Of(r).Normalized.Text)).ToList();
    }

    /// <summary>The matching reports by id, each with its hit count (the sum over the positive terms).</summary>
    public IReadOnlyDictionary<string, int> Match(SearchQuery query)
    {
        var matches = new Dictionary<string, int>(StringComparer.Ordinal);
        if (query.IsEmpty)
        {
            return matches;
        }

        foreach (var (id, text) in _reports)
        {
            if (query.Excluded.Any(t => Occurrences.Count(text, t.Normalized) > 0))
            {
                continue;
            }

            var hits = 0;
            var satisfied = true;
            foreach (var clause in query.Clauses)
            {
                var clauseHits = clause.Alternatives.Sum(t => Occurrences.Count(text, t.Normalized));
                satisfied &= clauseHits > 0;
                hits += clauseHits;
            }

            if (satisfied)
            {
                matches[id] = hits;
            }
        }

        return matches;
    }
}
