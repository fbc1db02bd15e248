namespace Archive.Search.Lucene;

/// <summary>
/// Filters, order and size of a search: year, region (code or name), bureau id; all optional. With
/// <paramref name="RankByWords"/> (as `archive search` ranks), relevance weighs a term's hits by whether they stand
/// as whole words of SmartCn's segmentation (the words field); without it, relevance is FORMAT.md §3's, the
/// browser's. Either way the same reports match.
/// </summary>
public sealed record SearchOptions(
    int? Year = null,
    string? Region = null,
    string? Bureau = null,
    SearchSort Sort = SearchSort.Relevance,
    int Limit = int.MaxValue,
    int SnippetsPerResult = 3,
    bool RankByWords = false);
