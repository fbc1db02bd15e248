using Archive.Core;
using Archive.Corpus;
using Archive.Site.Views;

namespace Archive.Site;

/// <summary>
/// The part of the site model a reader browses by: regions, years, bureaus and the matrix. Lists that grow with the
/// archive are grouped by province and paged by <see cref="Limits"/>: no page holds more than one province's share, and
/// none more than a page of it, so every page stays small at any size and each keeps its address as the archive grows.
/// </summary>
public sealed partial class SiteModel
{
    /// <summary>How long a list may grow on one page.</summary>
    public BrowseLimits Limits { get; init; } = BrowseLimits.Default;

    // Per region code: the bureaus whose own division it is (a province's departments, a city's, a district's).
    private Lazy<Dictionary<string, List<Bureau>>> _bureausAt => field ??= new(() =>
        BureausWithReports.GroupBy(b => RegionChain(b.DivisionCode).Last().Code).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal));

    // Per year: its reports in region then id order.
    private Lazy<Dictionary<int, List<Report>>> _reportsByYear => field ??= new(() => _corpus.Reports
        .GroupBy(r => r.Year)
        .ToDictionary(g => g.Key, g => g.OrderBy(r => _corpus.BureauOf(r).DivisionCode, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList()));

    // Every bureau's row of the matrix, in region then name order, made once for the overview and the provinces' pages.
    private Lazy<List<(Bureau Bureau, MatrixRow Row)>> _matrixRows => field ??= new(() =>
    {
        var years = MatrixYears();
        return [.. BureausWithReports.Select(b =>
        {
            var cells = Timeline(b, ReportsOf(b)[0].Year, Years[^1]).ToDictionary(c => c.Year);
            var all = years.Select(y => cells.GetValueOrDefault(y) ?? new TimelineCell(y, "none", $"{y}年：不在该部门的报告年份内", null, null)).ToList();
            return (b, new MatrixRow(b.Name, SitePaths.Bureau(b.Id), RegionNameOf(b), all));
        })];
    });

    /// <summary>The full name of a region (its path of divisions), the title of its page.</summary>
    public string RegionTitle(string code) => _divisions.PathOf(code).DisplayName;

    /// <summary>The name of a province by its code (440000 …).</summary>
    public string ProvinceName(string code) => _divisions.Find(code)?.Name ?? code;

    public RegionIndexPage RegionIndex() => new(_regionTree.Value, Flatten(_regionTree.Value).Count() <= Limits.RegionsInIndex);

    public RegionPage RegionPage(string code)
    {
        var division = _divisions.Find(code) ?? throw new KeyNotFoundException($"division {code}");
        var own = _bureausAt.Value.GetValueOrDefault(code) ?? [];
        var node = _regionNodes.Value.GetValueOrDefault(code);
        var reports = own.SelectMany(ReportsOf).OrderByDescending(r => r.Year).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var province = ProvinceCodes.Contains(code);
        return new RegionPage(
            code,
            division.Name,
            RegionTitle(code),
            RegionChain(code).SkipLast(1).Select(d => new Crumb(d.Name, SitePaths.Region(d.Code))).ToList(),
            node?.Children ?? [],
            own.Select(Link).ToList(),
            reports.Take(Limits.ReportsPerPage).Select(SummaryOf).ToList(),
            reports.Count,
            node?.BureauCount ?? 0,
            node?.ReportCount ?? 0,
            province ? SitePaths.ProvinceFeed(code) : null,
            province ? new ProvinceLinks(SitePaths.BureausIn(code), SitePaths.MatrixIn(code)) : null);
    }

    public BureauIndexPage BureauIndex()
    {
        var all = BureausWithReports;
        var provinces = ProvinceCodes.Select(code =>
        {
            var bureaus = BureausOfProvince(code);
            return new ProvinceShare(code, ProvinceName(code), SitePaths.BureausIn(code), bureaus.Count, bureaus.Sum(b => ReportsOf(b).Count));
        }).ToList();
        return new BureauIndexPage(provinces, all.Count <= Limits.BureausPerPage ? [.. all.Select(Link)] : [], all.Count);
    }

    /// <summary>Every page of a province's list of bureaus, with its address.</summary>
    public IReadOnlyList<(string Path, ProvinceBureausPage Page)> ProvinceBureauPages(string code)
    {
        var bureaus = BureausOfProvince(code);
        return [.. Paging.Split(bureaus, Limits.BureausPerPage, SitePaths.BureausIn(code), GroupOf)
            .Select(p => (p.Path, new ProvinceBureausPage(code, ProvinceName(code), SitePaths.Region(code), [.. p.Items.Select(Link)], bureaus.Count, p.Pager)))];
    }

    public YearIndexPage YearIndex() => new(YearCounts());

    public YearPage YearPage(int year)
    {
        var reports = _reportsByYear.Value.GetValueOrDefault(year) ?? [];
        var counts = YearCounts();
        var at = counts.FindIndex(c => c.Year == year);
        var provinces = reports.GroupBy(r => ProvinceOf(_corpus.BureauOf(r))).Select(g =>
        {
            var (onTime, late, undated) = Punctuality(g);
            return new YearProvince(g.Key, ProvinceName(g.Key), SitePaths.YearIn(year, g.Key), g.Count(), onTime, late, undated, SitePaths.DataJsonLines(year, g.Key));
        }).ToList();
        var (allOnTime, allLate, allUndated) = Punctuality(reports);
        return new YearPage(
            year,
            YearDeadlineText(year),
            provinces,
            reports.Count <= Limits.ReportsPerPage ? [.. reports.Select(SummaryOf)] : [],
            reports.Count,
            allOnTime,
            allLate,
            allUndated,
            at > 0 ? counts[at - 1] : null,
            at < counts.Count - 1 ? counts[at + 1] : null);
    }

    /// <summary>Every page of every province's reports about a year, with its address.</summary>
    public IReadOnlyList<(string Path, YearProvincePage Page)> YearProvincePages(int year) =>
        [.. (_reportsByYear.Value.GetValueOrDefault(year) ?? []).GroupBy(r => ProvinceOf(_corpus.BureauOf(r))).SelectMany(g =>
        {
            var reports = g.ToList();
            return Paging.Split(reports, Limits.ReportsPerPage, SitePaths.YearIn(year, g.Key), r => GroupOf(_corpus.BureauOf(r)))
                .Select(p => (p.Path, new YearProvincePage(year, SitePaths.Year(year), g.Key, ProvinceName(g.Key), SitePaths.Region(g.Key), [.. p.Items.Select(SummaryOf)], reports.Count, p.Pager)));
        })];

    /// <summary>The matrix overview: a row per province, and every bureau's row while they fit on one page.</summary>
    public MatrixPage Matrix()
    {
        var years = MatrixYears();
        var rows = _matrixRows.Value;
        var provinces = rows.GroupBy(r => ProvinceOf(r.Bureau)).Select(g =>
        {
            var name = ProvinceName(g.Key);
            return new MatrixProvince(g.Key, name, SitePaths.MatrixIn(g.Key), g.Count(),
                [.. years.Select((year, i) => Tally(name, year, g.Select(r => r.Row.Cells[i]).ToList()))]);
        }).ToList();
        var groups = rows.Count <= Limits.MatrixRowsPerPage(years.Count) ? Grouped(rows) : [];
        return new MatrixPage(years, provinces, groups, rows.Count);
    }

    /// <summary>Every bureau's row of the matrix, in region then name order.</summary>
    public IReadOnlyList<MatrixRow> MatrixRows() => [.. _matrixRows.Value.Select(r => r.Row)];

    /// <summary>Every page of a province's part of the matrix, with its address.</summary>
    public IReadOnlyList<(string Path, ProvinceMatrixPage Page)> ProvinceMatrixPages(string code)
    {
        var years = MatrixYears();
        var rows = _matrixRows.Value.Where(r => ProvinceOf(r.Bureau) == code).ToList();
        return [.. Paging.Split(rows, Limits.MatrixRowsPerPage(years.Count), SitePaths.MatrixIn(code), r => GroupOf(r.Bureau))
            .Select(p => (p.Path, new ProvinceMatrixPage(code, ProvinceName(code), SitePaths.Region(code), years, Grouped(p.Items), rows.Count, p.Pager)))];
    }

    // Every year from the first to the newest, so a year no bureau reported about still has its column.
    private List<int> MatrixYears() => Years.Count == 0 ? [] : [.. Enumerable.Range(Years[0], Years[^1] - Years[0] + 1)];

    // A bureau's province code (440000 …): the one rule for grouping by province, feeds and browse pages alike.
    private static string ProvinceOf(Bureau bureau) => bureau.DivisionCode[..2] + "0000";

    /// <summary>The division code of the province of <paramref name="report"/>'s bureau.</summary>
    public string ProvinceOf(Report report) => ProvinceOf(_corpus.BureauOf(report));

    private List<Bureau> BureausOfProvince(string code) => _bureausWithin.Value.GetValueOrDefault(code) ?? [];

    // What a bureau's line is grouped under on its province's pages: its city, or the province's own level.
    private string GroupOf(Bureau bureau)
    {
        var chain = RegionChain(bureau.DivisionCode).ToList();
        return chain.Count > 1 ? chain[1].Name : chain[0].Name + "本级";
    }

    // Rows in region order, one group per run of the same city.
    private List<MatrixGroup> Grouped(IEnumerable<(Bureau Bureau, MatrixRow Row)> rows)
    {
        var runs = new List<(string Name, List<MatrixRow> Rows)>();
        foreach (var (bureau, row) in rows)
        {
            var name = GroupOf(bureau);
            if (runs.Count == 0 || runs[^1].Name != name)
            {
                runs.Add((name, []));
            }

            runs[^1].Rows.Add(row);
        }

        return [.. runs.Select(r => new MatrixGroup(r.Name, r.Rows))];
    }

    // A province's year in the overview, counted from its bureaus' cells of that year.
    private static MatrixTally Tally(string province, int year, List<TimelineCell> cells)
    {
        int Count(string state) => cells.Count(c => c.State == state);
        var (onTime, late, undated, missing) = (Count("on-time"), Count("late"), Count("undated"), Count("missing"));
        var reports = onTime + late + undated;
        var label = $"{province} {year}年：{reports} 份报告（按期 {onTime}，逾期 {late}，日期未知 {undated}）" + (missing > 0 ? $"，{missing} 个部门应有而缺少" : "");
        return new MatrixTally(year, reports, missing, label);
    }

    private (int OnTime, int Late, int Undated) Punctuality(IEnumerable<Report> reports)
    {
        var list = reports as IReadOnlyCollection<Report> ?? [.. reports];
        return (list.Count(r => r.Published is not null && !IsLate(r)), list.Count(IsLate), list.Count(r => r.Published is null));
    }
}
