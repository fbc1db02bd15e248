using System.Globalization;
using Archive.Core;
using Archive.Corpus;
using Archive.Regions;
using Archive.Site.Views;

namespace Archive.Site;

/// <summary>
/// The timeliness figures of the statistics page, computed from published dates and deadlines alone: days from the
/// deadline to publication (negative when early) for every report with a known date; medians per province and year;
/// and the years a bureau is expected to have reported but has not: every year from its first report to the archive's
/// newest year that it has no report for. Dates the importer inferred count as they stand in the front matter.
/// </summary>
public sealed class Timeliness(Corpus.Corpus corpus, DivisionTable divisions)
{
    private static readonly (string Label, string State, int From, int To)[] Ranges =
    [
        ("早于期限 90 天以上", "early", int.MinValue, -91),
        ("早于期限 31–90 天", "early", -90, -31),
        ("早于期限 1–30 天", "early", -30, -1),
        ("期限当日", "on-time", 0, 0),
        ("晚 1–7 天", "late", 1, 7),
        ("晚 8–30 天", "late", 8, 30),
        ("晚 31–90 天", "late", 31, 90),
        ("晚 91–365 天", "late", 91, 365),
        ("晚一年以上", "late", 366, int.MaxValue),
    ];

    public StatisticsPage Page()
    {
        var days = corpus.Reports.Select(r => (Report: r, Days: corpus.DaysLate(r))).ToList();
        var dated = days.Where(d => d.Days is not null).Select(d => d.Days!.Value).ToList();
        var counts = Ranges.Select(r => dated.Count(d => d >= r.From && d <= r.To)).ToList();
        var most = Math.Max(1, counts.DefaultIfEmpty(0).Max());
        var buckets = Ranges.Select((r, i) => new DaysBucket(r.Label, r.State, counts[i], counts[i] == 0 ? 0 : Math.Max(2, 100 * counts[i] / most))).ToList();

        var newest = corpus.Reports.Count == 0 ? 0 : corpus.Reports.Max(r => r.Year);
        var missing = MissingYears(newest);
        var years = corpus.Reports.Select(r => r.Year).Concat(missing.Select(m => m.Year)).Distinct().Order().ToList();
        var byProvince = corpus.Reports.GroupBy(r => Province(corpus.BureauOf(r).DivisionCode)).ToDictionary(g => g.Key, g => g.ToList());
        var missingByProvince = missing.GroupBy(m => Province(m.Bureau.DivisionCode)).ToDictionary(g => g.Key, g => g.ToList());
        var provinces = byProvince.Keys.Concat(missingByProvince.Keys).Distinct().Order(StringComparer.Ordinal).Select(code =>
        {
            var reports = byProvince.GetValueOrDefault(code, []);
            var gaps = missingByProvince.GetValueOrDefault(code, []);
            var name = divisions.Find(code)?.Name ?? code;
            var cells = years.Select(year =>
            {
                var ofYear = reports.Where(r => r.Year == year).ToList();
                var known = ofYear.Select(corpus.DaysLate).OfType<int>().ToList();
                var gap = gaps.Count(m => m.Year == year);
                var median = Median(known);
                var state = median is null ? "none" : median > 0 ? "late" : "on-time";
                var title = $"{name} {year}年：{ofYear.Count} 份报告，{known.Count} 份发布日期已知"
                    + (median is null ? "" : $"，中位数{Days(median.Value)}")
                    + (gap > 0 ? $"；{gap} 个部门应有而缺少" : "");
                return new ProvinceYear(year, median is null ? "" : Signed(median.Value), state, known.Count, ofYear.Count, gap, title);
            }).ToList();
            return new ProvinceRow(code, name, SitePaths.Region(code), cells, gaps.Count);
        }).ToList();

        var all = Median(dated);
        return new StatisticsPage(
            corpus.Reports.Count,
            dated.Count,
            dated.Count(d => d <= 0),
            dated.Count(d => d > 0),
            corpus.Reports.Count - dated.Count,
            all is null ? "无" : Days(all.Value),
            buckets,
            years,
            provinces,
            missing.Count);
    }

    public MethodsPage Methods() => new(
        [.. corpus.Deadlines.All.Select(rule => new RuleView(
            rule.Name,
            $"次年{rule.Month}月{rule.Day}日",
            (rule.Provinces.Count == 0 ? "各省" : string.Join("、", rule.Provinces.Select(p => divisions.Find(p + "0000")?.Name ?? p)))
                + (rule.Years.Count == 0 ? "，各年度" : "，" + string.Join("、", rule.Years) + "年度"),
            rule.Source))],
        corpus.Reports.Count == 0 ? 0 : corpus.Reports.Max(r => r.Year));

    /// <summary>
    /// The archive's own "now": the latest day its reports show has come, a published date or, for a report whose
    /// date is unknown, 1 January after the year it covers (a year is reported on once it is over). The build's own
    /// date would make the same input give a different site from one day to the next.
    /// </summary>
    public static DateOnly? ArchiveDate(Corpus.Corpus corpus) =>
        corpus.Reports.Count == 0 ? null : corpus.Reports.Max(r => r.Published is DateOnly p && p > new DateOnly(r.Year + 1, 1, 1) ? p : new DateOnly(r.Year + 1, 1, 1));

    /// <summary>Whether a deadline has passed by the archive's date (<see cref="ArchiveDate"/>).</summary>
    public static bool IsDue(DateOnly? archiveDate, DateOnly deadline) => archiveDate is not DateOnly now || deadline <= now;

    /// <summary>
    /// Each bureau's years from its first report to <paramref name="newest"/> with no report of its own, whose
    /// deadline has passed (<see cref="IsDue"/>).
    /// </summary>
    public List<MissingReport> MissingYears(int newest)
    {
        var now = ArchiveDate(corpus);
        var missing = new List<MissingReport>();
        foreach (var group in corpus.Reports.GroupBy(r => r.BureauId))
        {
            var bureau = corpus.BureauOf(group.First());
            var have = group.Select(r => r.Year).ToHashSet();
            for (var year = have.Min(); year <= newest; year++)
            {
                var deadline = corpus.Deadlines.For(year, bureau.DivisionCode).Date;
                if (!have.Contains(year) && IsDue(now, deadline))
                {
                    missing.Add(new MissingReport(bureau, year, deadline));
                }
            }
        }

        return missing;
    }

    private static string Province(string divisionCode) => divisionCode[..2] + "0000";

    // The lower median of an even count, so that it is always a day some report was published on.
    private static int? Median(List<int> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        return values[(values.Count - 1) / 2];
    }

    private static string Signed(int days) => days > 0 ? "+" + days.ToString(CultureInfo.InvariantCulture) : days.ToString(CultureInfo.InvariantCulture);

    private static string Days(int days) => days switch
    {
        > 0 => $"晚于期限 {days} 天",
        0 => "期限当日",
        _ => $"早于期限 {-days} 天",
    };
}

/// <summary>A report a bureau should have published, by its deadline, and the archive does not have.</summary>
public sealed record MissingReport(Bureau Bureau, int Year, DateOnly Deadline);
