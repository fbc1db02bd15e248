namespace Archive.Site.Views;

/// <summary>One line about a report in a list: enough to recognise it and open it.</summary>
public sealed record ReportSummary(
    string Id,
    string Title,
    string Url,
    string BureauName,
    string BureauUrl,
    int Year,
    string PublishedText,
    string Punctuality,
    string RegionName);
