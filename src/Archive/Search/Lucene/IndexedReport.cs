namespace Archive.Search.Lucene;

/// <summary>The stored metadata of one report in the Lucene index, loaded once when the index is opened.</summary>
internal sealed record IndexedReport(
    string Id,
    string Title,
    string BureauId,
    string BureauName,
    int Year,
    DateOnly? Published,
    int Length,
    IReadOnlyList<string> Regions);
