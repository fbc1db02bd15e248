namespace Archive.Search.Lucene;

/// <summary>One matching report: who published it, for which year, how many hits, its score and hits in context.</summary>
public sealed record SearchResult(
    string Id,
    string Title,
    string BureauId,
    string BureauName,
    int Year,
    DateOnly? Published,
    string Url,
    int Hits,
    double Score,
    IReadOnlyList<Snippet> Snippets);
