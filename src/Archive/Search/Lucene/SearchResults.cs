using Archive.Search.Contract;

namespace Archive.Search.Lucene;

/// <summary>
/// The answer to a query: how many reports match after the filters, the results in order (up to the limit), the
/// number of matching reports per year (every filter but the year applied), and what the parser dropped.
/// </summary>
public sealed record SearchResults(
    SearchQuery Query,
    int Total,
    IReadOnlyList<SearchResult> Results,
    IReadOnlyList<YearCount> YearCounts,
    IReadOnlyList<string> Notices);

/// <summary>How many reports about one year match.</summary>
public sealed record YearCount(int Year, int Reports);
