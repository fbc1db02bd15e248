namespace Archive.Search.Lucene;

/// <summary>Filters, order and size of a search: year, region (code or name), bureau id; all optional.</summary>
public sealed record SearchOptions(
    int? Year = null,
    string? Region = null,
    string? Bureau = null,
    SearchSort Sort = SearchSort.Relevance,
    int Limit = int.MaxValue,
    int SnippetsPerResult = 3);
