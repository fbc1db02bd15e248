using Archive.Corpus;
using Archive.Regions;

namespace Archive.Search;

/// <summary>
/// Document order of the search indexes (FORMAT.md §4): by province, city, district, bureau, year and id, so that a
/// region or a bureau is a contiguous range of document numbers.
/// </summary>
public static class ReportOrder
{
    public static List<Report> Sort(Corpus.Corpus corpus)
    {
        var keyed = corpus.Reports.Select(r => (Key: KeyOf(r, corpus.BureauOf(r)), Report: r)).ToList();
        keyed.Sort((a, b) => Compare(a.Key, b.Key));
        return keyed.Select(k => k.Report).ToList();
    }

    /// <summary>The region path of a bureau; national bodies (100000) have the path 全国.</summary>
    public static RegionPath RegionOf(Bureau bureau) => DivisionTable.Default.PathOf(bureau.DivisionCode);

    private static string[] KeyOf(Report report, Bureau bureau)
    {
        var path = RegionOf(bureau);
        return [path.Province.Code, path.City?.Code ?? "", path.District?.Code ?? "", bureau.Id, report.Year.ToString("D4"), report.Id];
    }

    private static int Compare(string[] a, string[] b)
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
