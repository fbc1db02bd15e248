using Archive.Corpus;
using Archive.Regions;

namespace Archive.Search.Contract;

/// <summary>
/// Document order of the search indexes (FORMAT.md §4): by province, city, district, bureau, year and id, so that a
/// region or a bureau is a contiguous range of document numbers.
/// </summary>
public static class ReportOrder
{
    public static List<Report> Sort(Corpus.Corpus corpus)
    {
        var placed = corpus.Reports.Select(r => (Place: PlaceOf(r, corpus.BureauOf(r)), Report: r)).ToList();
        placed.Sort((a, b) => Compare(a.Place, b.Place));
        return placed.Select(p => p.Report).ToList();
    }

    /// <summary>The region path of a bureau; national bodies (100000) have the path 全国.</summary>
    public static RegionPath RegionOf(Bureau bureau) => DivisionTable.Default.PathOf(bureau.DivisionCode);

    /// <summary>Where a report sorts: compare places with <see cref="Compare"/>.</summary>
    public static string[] PlaceOf(RegionPath path, string bureauId, int year, string reportId) =>
        [path.Province.Code, path.City?.Code ?? "", path.District?.Code ?? "", bureauId, year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), reportId];

    private static string[] PlaceOf(Report report, Bureau bureau) => PlaceOf(RegionOf(bureau), bureau.Id, report.Year, report.Id);

    public static int Compare(string[] a, string[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var order = string.CompareOrdinal(a[i], b[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }
}
