using System.Globalization;
using Archive.Core;
using Archive.Corpus;
using Archive.Site.Views;

namespace Archive.Site;

/// <summary>
/// The part of the site model a reader follows the archive by: saved searches (input/watch.yml) and their feeds, the
/// provinces' feeds of new, late and missing reports, and the timeliness statistics and methods pages.
/// </summary>
public sealed partial class SiteModel
{
    private Lazy<IReadOnlyList<string>> _provinceCodes => field ??= new(() => [.. BureausWithReports.Select(ProvinceOf).Distinct().Order(StringComparer.Ordinal)]);

    // Every province's feed at once: the reports and the missing years are grouped in one pass each.
    private Lazy<Dictionary<string, (IReadOnlyList<Report>, IReadOnlyList<MissingReport>)>> _provinceFeeds => field ??= new(() =>
    {
        var reports = _corpus.Reports.GroupBy(r => _corpus.BureauOf(r).DivisionCode[..2]).ToDictionary(g => g.Key, g => g.ToList());
        var missing = new Timeliness(_corpus, _divisions).MissingYears(Years.Count == 0 ? 0 : Years[^1])
            .GroupBy(m => m.Bureau.DivisionCode[..2]).ToDictionary(g => g.Key, g => g.ToList());
        return reports.Keys.Union(missing.Keys).ToDictionary(
            p => p,
            p => ((IReadOnlyList<Report>)reports.GetValueOrDefault(p, []), (IReadOnlyList<MissingReport>)missing.GetValueOrDefault(p, [])));
    });

    /// <summary>What each saved search of input/watch.yml finds (the build matches them; see Incremental.SavedSearchMatches).</summary>
    public IReadOnlyList<SavedSearchResult> SavedSearchResults { get; init; } = [];

    /// <summary>The saved searches as the search page lists them: name, query, where to search and where to subscribe.</summary>
    public IReadOnlyList<SavedSearchView> SavedSearchViews() => [.. SavedSearchResults.Select(r => new SavedSearchView(
        r.Search.Id, r.Search.Name, r.Search.Query, SavedSearchUrl(r.Search), SitePaths.SavedSearchFeed(r.Search.Id), r.Matches.Count,
        [.. r.Search.Years.Select(y => y.ToString(CultureInfo.InvariantCulture))], r.Search.Regions, r.Search.Kinds, r.Search.Bureaus))];

    /// <summary>The search page's address for a saved search: its query and filters as the page keeps them.</summary>
    public static string SavedSearchUrl(SavedSearch search)
    {
        var parts = new List<string> { "q=" + Uri.EscapeDataString(search.Query) };
        parts.AddRange(search.Years.Select(y => "year=" + y.ToString(CultureInfo.InvariantCulture)));
        parts.AddRange(search.Regions.Select(r => "region=" + Uri.EscapeDataString(r)));
        parts.AddRange(search.Kinds.Select(k => "kind=" + Uri.EscapeDataString(k)));
        parts.AddRange(search.Bureaus.Select(b => "bureau=" + Uri.EscapeDataString(b)));
        return SitePaths.Search + "?" + string.Join('&', parts);
    }

    /// <summary>The province codes (440000 …) of the bureaus with reports, in code order.</summary>
    public IReadOnlyList<string> ProvinceCodes => _provinceCodes.Value;

    /// <summary>The reports of a province's bureaus, and the ones they should have published and have not.</summary>
    public (IReadOnlyList<Report> Reports, IReadOnlyList<MissingReport> Missing) ProvinceFeed(string code) =>
        _provinceFeeds.Value.TryGetValue(code[..2], out var feed) ? feed : ([], []);

    /// <summary>The statistics page: punctuality of publication, per province and year, and missing years.</summary>
    public StatisticsPage Statistics() => new Timeliness(_corpus, _divisions).Page();

    /// <summary>The methods page: the deadline rules with their sources.</summary>
    public MethodsPage Methods() => new Timeliness(_corpus, _divisions).Methods();
}
