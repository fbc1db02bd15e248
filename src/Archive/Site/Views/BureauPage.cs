namespace Archive.Site.Views;

/// <summary>A bureau with its timeline: one cell per year from its first report to its last.</summary>
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
    int LateReports);

/// <summary>
/// One year of a bureau's timeline. State is on-time (published by 1 April of the next year), late, undated
/// (published, date unknown), missing (no report in the archive), or none (outside the bureau's years).
/// </summary>
public sealed record TimelineCell(int Year, string State, string Label, string? ReportUrl, string? Title);
