namespace Archive.Site.Views;

/// <summary>
/// How punctually reports were published: the distribution of days from deadline to publication, the median per
/// province and year, and the years a bureau's run of reports is missing; the methods page says how each is counted.
/// </summary>
public sealed record StatisticsPage(
    int Reports,
    int Dated,
    int OnTime,
    int Late,
    int Undated,
    string MedianText,
    IReadOnlyList<DaysBucket> Buckets,
    IReadOnlyList<int> Years,
    IReadOnlyList<ProvinceRow> Provinces,
    int Missing);

/// <summary>A range of days from the deadline, with how many dated reports fall in it and the bar length (0–100).</summary>
public sealed record DaysBucket(string Label, string State, int Count, int Percent);

/// <summary>A province's row: for each year, the median days from deadline to publication and the counts behind it.</summary>
public sealed record ProvinceRow(string Code, string Name, string Url, IReadOnlyList<ProvinceYear> Years, int Missing);

/// <summary>
/// One province and year: median days (signed; empty when no report of that year has a known date), reports dated,
/// reports in all, and expected reports missing.
/// </summary>
public sealed record ProvinceYear(int Year, string Median, string State, int Dated, int Reports, int Missing, string Title);

/// <summary>The methods page: the deadline rules with their sources, and how the archive's figures are computed.</summary>
public sealed record MethodsPage(IReadOnlyList<RuleView> Rules, int NewestYear);

/// <summary>A deadline rule as the methods page lists it.</summary>
public sealed record RuleView(string Name, string Deadline, string Scope, string Source);

/// <summary>A saved search (input/watch.yml) as the search page lists it and watch.json gives it to the page's script.</summary>
public sealed record SavedSearchView(
    string Id,
    string Name,
    string Query,
    string SearchUrl,
    string FeedUrl,
    int Reports,
    IReadOnlyList<string> Years,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Kinds,
    IReadOnlyList<string> Bureaus);

/// <summary>The search page: its saved searches, listed under the form.</summary>
public sealed record SearchPage(string PageTitle, IReadOnlyList<SavedSearchView> Saved);
