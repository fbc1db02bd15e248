namespace Archive.Site.Views;

/// <summary>A region in the browse tree with how many bureaus and reports it holds.</summary>
public sealed record RegionNode(string Code, string Name, string Url, int BureauCount, int ReportCount, IReadOnlyList<RegionNode> Children);

/// <summary>The province → city tree; districts too while the tree is small (a city's page lists its districts).</summary>
public sealed record RegionIndexPage(IReadOnlyList<RegionNode> Provinces, bool ShowsDistricts);

/// <summary>
/// One region: its sub-regions, the bureaus of its own level (a province's departments, a district's bureaus) and
/// their newest reports. A region within lists its own bureaus, so every page stays the size of one level.
/// </summary>
public sealed record RegionPage(
    string Code,
    string Name,
    string FullName,
    IReadOnlyList<Crumb> Breadcrumbs,
    IReadOnlyList<RegionNode> Children,
    IReadOnlyList<BureauLink> Bureaus,
    IReadOnlyList<ReportSummary> Reports,
    int ReportsOfBureaus,
    int BureausWithin,
    int ReportsWithin,
    string? FeedUrl,
    ProvinceLinks? Province);

/// <summary>A province's own lists: all of its bureaus and its part of the matrix.</summary>
public sealed record ProvinceLinks(string BureausUrl, string MatrixUrl);

/// <summary>A bureau in a list, with its count of reports.</summary>
public sealed record BureauLink(string Id, string Name, string Url, string RegionName, int ReportCount, string YearRange);

/// <summary>A province in a list that is split by province, with what its own page holds.</summary>
public sealed record ProvinceShare(string Code, string Name, string Url, int Bureaus, int Reports);

/// <summary>
/// Every bureau, by province: each province's bureaus on pages of their own (bureaus/in/), and all of them here too
/// while they fit on one page.
/// </summary>
public sealed record BureauIndexPage(IReadOnlyList<ProvinceShare> Provinces, IReadOnlyList<BureauLink> Bureaus, int Total);

/// <summary>One province's bureaus, in region then name order; one of its pages when they do not fit on one.</summary>
public sealed record ProvinceBureausPage(string Code, string Name, string RegionUrl, IReadOnlyList<BureauLink> Bureaus, int Total, Pager Pager);

/// <summary>A year with its number of reports and the bar length to draw (0–100).</summary>
public sealed record YearCount(int Year, string Url, int Count, int Percent);

/// <summary>The years covered by the archive.</summary>
public sealed record YearIndexPage(IReadOnlyList<YearCount> Years);

/// <summary>
/// Every report about one year, counted by province; the reports themselves are listed here while they fit on one
/// page, and always on each province's page for the year.
/// </summary>
public sealed record YearPage(int Year, string DeadlineText, IReadOnlyList<YearProvince> Provinces, IReadOnlyList<ReportSummary> Reports, int Total, int OnTime, int Late, int Undated, YearCount? Previous, YearCount? Next);

/// <summary>A province's reports about a year: how many, and how punctual.</summary>
/// <param name="Texts">Its reports' full texts as JSON Lines (<see cref="Core.SitePaths.DataJsonLines"/>).</param>
public sealed record YearProvince(string Code, string Name, string Url, int Reports, int OnTime, int Late, int Undated, string Texts);

/// <summary>One province's reports about one year; one of its pages when they do not fit on one.</summary>
public sealed record YearProvincePage(int Year, string YearUrl, string Code, string Name, string RegionUrl, IReadOnlyList<ReportSummary> Reports, int Total, Pager Pager);

/// <summary>
/// The compliance matrix: a row per province with a cell per year; every bureau's row here too while they fit on one
/// page, and always on each province's page.
/// </summary>
public sealed record MatrixPage(IReadOnlyList<int> Years, IReadOnlyList<MatrixProvince> Provinces, IReadOnlyList<MatrixGroup> Groups, int Bureaus);

/// <summary>A province's row of the matrix overview.</summary>
public sealed record MatrixProvince(string Code, string Name, string Url, int Bureaus, IReadOnlyList<MatrixTally> Cells);

/// <summary>A province and year in the overview: reports published and expected reports missing, told in full by Label.</summary>
public sealed record MatrixTally(int Year, int Reports, int Missing, string Label);

/// <summary>One province's bureaus in the matrix, grouped by city; one of its pages when they do not fit on one.</summary>
public sealed record ProvinceMatrixPage(string Code, string Name, string RegionUrl, IReadOnlyList<int> Years, IReadOnlyList<MatrixGroup> Groups, int Bureaus, Pager Pager);

/// <summary>The bureaus of one city (or of the province itself) in the matrix.</summary>
public sealed record MatrixGroup(string Name, IReadOnlyList<MatrixRow> Rows);

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
