
namespace Archive.Site.Views;

/// <summary>A region in the browse tree with how many bureaus and reports it holds.</summary>
public sealed record RegionNode(string Code, string Name, string Url, int BureauCount, int ReportCount, IReadOnlyList<RegionNode> Children);

/// <summary>The province → city → district tree.</summary>
public sealed record RegionIndexPage(IReadOnlyList<RegionNode> Provinces);

/// <summary>One region: its sub-regions, its bureaus and their reports.</summary>
public sealed record RegionPage(
    string Code,
    string Name,
    string FullName,
    IReadOnlyList<Crumb> Breadcrumbs,
    IReadOnlyList<RegionNode> Children,
    IReadOnlyList<BureauLink> Bureaus,
    IReadOnlyList<ReportSummary> Reports,
    string? FeedUrl);

/// <summary>A bureau in a list, with its count of reports.</summary>
public sealed record BureauLink(string Id, string Name, string Url, string RegionName, int ReportCount, string YearRange);

/// <summary>Every bureau of the archive.</summary>
public sealed record BureauIndexPage(IReadOnlyList<BureauLink> Bureaus);

/// <summary>A year with its number of reports and the bar length to draw (0–100).</summary>
public sealed record YearCount(int Year, string Url, int Count, int Percent);

/// <summary>The years covered by the archive.</summary>
public sealed record YearIndexPage(IReadOnlyList<YearCount> Years);

/// <summary>Every report about one year.</summary>
public sealed record YearPage(int Year, string DeadlineText, IReadOnlyList<ReportSummary> Reports, int OnTime, int Late, int Undated, YearCount? Previous, YearCount? Next);

/// <summary>The compliance matrix: a row per bureau, a cell per year.</summary>
public sealed record MatrixPage(IReadOnlyList<int> Years, IReadOnlyList<MatrixRow> Rows);

/// <summary>A bureau's row in the compliance matrix.</summary>
public sealed record MatrixRow(string Name, string Url, string RegionName, IReadOnlyList<TimelineCell> Cells);

/// <summary>The home page: what the archive holds and what is new.</summary>
public sealed record HomePage(
    int ReportCount,
    int BureauCount,
    int ProvinceCount,
    string YearRange,
    IReadOnlyList<ReportSummary> Latest,
    IReadOnlyList<YearCount> Years,
    IReadOnlyList<RegionNode> Provinces);

/// <summary>A page with only a title, such as the search page and the 404 page.</summary>
public sealed record SimplePage(string PageTitle);
