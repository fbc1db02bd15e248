namespace Archive.Site.Views;

/// <summary>
/// A bureau with its timeline (one cell per year from its first report to its last), a chart of each figure its
/// reports state year after year, and its key terms.
/// </summary>
public sealed record BureauPage(
    string Id,
    string Name,
    string Url,
    IReadOnlyList<string> Aliases,
    string Kind,
    string RegionName,
    IReadOnlyList<Crumb> Breadcrumbs,
    string FeedUrl,
    IReadOnlyList<TimelineCell> Timeline,
    IReadOnlyList<ReportSummary> Reports,
    int MissingYears,
    int LateReports,
    int SeriesCount,
    SafeHtml Series,
    int ComparedYears,
    IReadOnlyList<BureauOverlapView> Overlaps,
    IReadOnlyList<TermLink> KeyTerms);

/// <summary>A bureau page's view digest: its view without the charts, and the SHA-256s of the files they are read from.</summary>
public sealed record BureauPageDigestView(BureauPage Outline, IReadOnlyList<string> SourceHashes);

/// <summary>
/// One year of a bureau's timeline. State is on-time (published by 1 April of the next year), late, undated
/// (published, date unknown), missing (no report in the archive), or none (outside the bureau's years).
/// CompareUrl: the comparison of the year's report with the bureau's previous year, when it has one.
/// </summary>
public sealed record TimelineCell(int Year, string State, string Label, string? ReportUrl, string? Title, string? CompareUrl = null);
