using Archive.Corpus;
using Archive.Search.Contract;

namespace Archive.Tests.Search;

/// <summary>
/// The definition of matching, executed literally by <see cref="SpecSearch"/> (written from FORMAT.md apart from the
/// product): normalize every report and scan for each term. Too slow for an archive, exact by construction; tests
/// hold the index-based searches to its answers.
/// </summary>
public sealed class BruteForceSearch
{
    private readonly IReadOnlyList<(string Id, string Text)> _reports;

    public BruteForceSearch(IEnumerable<Report> reports)
    {
        _reports = reports.Select(r => (r.Id, SpecSearch.SearchableText(r))).ToList();
    }

    /// <summary>The reports matching the query as written (only its text is read: it is parsed again, by the spec).</summary>
    public IReadOnlyDictionary<string, int> Match(SearchQuery query) => Match(query.Text);

    /// <summary>The matching reports by id, each with its hit count (the sum over the positive terms).</summary>
    public IReadOnlyDictionary<string, int> Match(string query)
    {
        var (clauses, excluded) = SpecSearch.Parse(query);
        var matches = new Dictionary<string, int>(StringComparer.Ordinal);
        if (clauses.Count == 0 && excluded.Count == 0)
        {
            return matches;
        }

        foreach (var (id, text) in _reports)
        {
            if (excluded.Any(term => SpecSearch.Hits(text, term) > 0))
            {
                continue;
            }

            var hits = 0;
            var satisfied = true;
            foreach (var clause in clauses)
            {
                var clauseHits = clause.Sum(term => SpecSearch.Hits(text, term));
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
