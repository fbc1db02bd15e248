using Archive.Core;
using Archive.Corpus;
using Archive.Reading.Comparison;
using Archive.Site.Views;

namespace Archive.Site;

/// <summary>Who is compared with whom: each report with its bureau's previous year, as the report pages show it.</summary>
public sealed partial class SiteModel
{
    /// <summary>The report <paramref name="report"/> is compared with: its bureau's last report of an earlier year, if any.</summary>
    public Report? PreviousYearOf(Report report) => _comparisons.Value.Previous.GetValueOrDefault(report);

    // Who is compared with whom, found in one pass over each bureau's reports (in year order): each report's previous
    // year, and for a report the first later one compared with it.
    private Lazy<(Dictionary<Report, Report> Previous, Dictionary<Report, Report> Next)> _comparisons => field ??= new(() =>
    {
        var previous = new Dictionary<Report, Report>(ReferenceEqualityComparer.Instance);
        var next = new Dictionary<Report, Report>(ReferenceEqualityComparer.Instance);
        foreach (var siblings in _byBureau.Values)
        {
            for (var i = 0; i < siblings.Count; i++)
            {
                if (siblings.LastOrDefault(r => r.Year < siblings[i].Year) is { } earlier)
                {
                    previous[siblings[i]] = earlier;
                    next.TryAdd(earlier, siblings[i]);
                }
            }
        }

        return (previous, next);
    });

    private static ComparisonView Compare(Report earlier, YearComparison comparison)
    {
        var summary = $"与{earlier.Year}年相比：新增 {comparison.NewCount} 段，删除 {comparison.DroppedCount} 段，改写 {comparison.ChangedCount} 段，{comparison.UnchangedPercent}% 文字未变。";
        // Both pages are in reports/: the older one is linked by its file name.
        var olderUrl = Path.GetFileName(SitePaths.Report(earlier.Id));
        return new ComparisonView(earlier.Year, SitePaths.Report(earlier.Id), earlier.Title, summary, ComparisonHtml.Of(comparison, olderUrl));
    }
}
