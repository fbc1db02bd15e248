using System.Globalization;
using Archive.Core;
using Archive.Corpus;
using Archive.Reading.Comparison;
using Archive.Reading.Figures;
using Archive.Regions;
using Archive.Site.Figures;
using Archive.Site.Views;

namespace Archive.Site;

/// <summary>
/// The corpus seen from the site's side: reports grouped by bureau, year and region, and the view of every page.
/// Built once per build; views hold only what templates show.
/// </summary>
public sealed partial class SiteModel
{
    private readonly Corpus.Corpus _corpus;
    private readonly DivisionTable _divisions;
    private readonly Dictionary<string, List<Report>> _byBureau;
    // Made when a view first needs them: a rebuild that keeps every page by its inputs digest needs none.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ReportSummary> _summaries = new(StringComparer.Ordinal);
    private readonly Lazy<List<RegionNode>> _regionTree;
    private readonly Lazy<List<Bureau>> _bureausWithReports;
    private readonly Lazy<Dictionary<string, RegionNode>> _regionNodes;
    // Per region code: the bureaus within it, in the order of BureausWithReports. One pass over the bureaus, not one
    // per region page (at 50,000 reports there are 3,500 region pages and 5,000 bureaus).
    private readonly Lazy<Dictionary<string, List<Bureau>>> _bureausWithin;

    public SiteModel(Corpus.Corpus corpus, DivisionTable divisions)
    {
        _corpus = corpus;
        _divisions = divisions;
        _byBureau = corpus.Reports
            .GroupBy(r => r.BureauId)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Year).ThenBy(r => r.Id, StringComparer.Ordinal).ToList());
        Years = corpus.Reports.Select(r => r.Year).Distinct().Order().ToList();
        _regionTree = new Lazy<List<RegionNode>>(BuildRegionTree);
        _regionNodes = new Lazy<Dictionary<string, RegionNode>>(() =>
        {
            // The first node of a code in tree order, as a search of the tree would find it.
            var nodes = new Dictionary<string, RegionNode>(StringComparer.Ordinal);
            foreach (var node in Flatten(_regionTree.Value))
            {
                nodes.TryAdd(node.Code, node);
            }

            return nodes;
        });
        _bureausWithReports = new Lazy<List<Bureau>>(() =>
            [.. _corpus.Bureaus.Where(b => _byBureau.ContainsKey(b.Id)).OrderBy(b => b.DivisionCode, StringComparer.Ordinal).ThenBy(b => b.Name, StringComparer.Ordinal)]);
        _bureausWithin = new Lazy<Dictionary<string, List<Bureau>>>(() =>
        {
            var within = new Dictionary<string, List<Bureau>>(StringComparer.Ordinal);
            foreach (var bureau in _bureausWithReports.Value)
            {
                foreach (var code in RegionChain(bureau.DivisionCode).Select(d => d.Code).Distinct())
                {
                    (within.TryGetValue(code, out var list) ? list : within[code] = []).Add(bureau);
                }
            }

            return within;
        });
    }

    public Corpus.Corpus Corpus => _corpus;

    public IReadOnlyList<int> Years { get; }

    /// <summary>The archive's own date, against which deadlines have passed or not (see <see cref="Timeliness.ArchiveDate"/>).</summary>
    private DateOnly? ArchiveDate => _archiveDate.Value;

    private Lazy<DateOnly?> _archiveDate => field ??= new(() => Timeliness.ArchiveDate(_corpus));

    /// <summary>Bureaus with at least one report, in region then name order.</summary>
    public IReadOnlyList<Bureau> BureausWithReports => _bureausWithReports.Value;

    /// <summary>Every region code that some report's bureau lies in, from province down to its own division.</summary>
    public IEnumerable<string> RegionCodes => Flatten(_regionTree.Value).Select(n => n.Code);

    public IReadOnlyList<Report> ReportsOf(Bureau bureau) => _byBureau.GetValueOrDefault(bureau.Id) ?? [];

    public ReportSummary SummaryOf(Report report) =>
        _summaries.TryGetValue(report.Id, out var summary) ? summary : _summaries.GetOrAdd(report.Id, Summarize(report));

    public string RegionNameOf(Bureau bureau) => _divisions.PathOf(bureau.DivisionCode).DisplayName;

    public static string FormatDate(DateOnly? date) =>
        date?.ToString("yyyy年M月d日", CultureInfo.InvariantCulture) ?? "未知";

    public HomePage Home()
    {
        var latest = _corpus.Reports
            .OrderByDescending(r => r.Published ?? DateOnly.MinValue)
            .ThenByDescending(r => r.Year)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .Take(10)
            .Select(SummaryOf)
            .ToList();
        var provinces = _regionTree.Value;
        var range = Years.Count == 0 ? "" : Years[0] == Years[^1] ? $"{Years[0]}" : $"{Years[0]}–{Years[^1]}";
        return new HomePage(_corpus.Reports.Count, BureausWithReports.Count(), provinces.Count, range, latest, YearCounts(), provinces);
    }

    /// <summary>
    /// What a report page's HTML depends on, for its view digest, without reading a text: the page's view without the
    /// text, table of contents, figures and comparison (all made from the report's file and its previous year's) and
    /// the SHA-256s of both files. A report that was not read from a file (no hash), or compared with one that was
    /// not, is digested from its whole view.
    /// </summary>
    public object ReportPageDigestView(Report report, ShownTexts texts)
    {
        var previous = PreviousYearOf(report);
        return report.SourceHash.Length == 0 || previous is { SourceHash.Length: 0 }
            ? ReportPage(report, texts.Of(report), comparison: previous is null ? null : YearComparison.Of(texts.Of(previous), texts.Of(report)))
            : new ReportPageDigestView(ReportPage(report, null), report.SourceHash, previous?.SourceHash);
    }

    /// <summary>
    /// The view of a report's page; without its text, table of contents, figures and comparison when
    /// <paramref name="body"/> is null. <paramref name="figures"/>: the body's key figures when the caller has them
    /// already; <paramref name="comparison"/>: the report against <see cref="PreviousYearOf"/>.
    /// </summary>
    public ReportPage ReportPage(Report report, ReportBody? body, IReadOnlyList<KeyFigure>? figures = null, YearComparison? comparison = null)
    {
        figures ??= body is null ? [] : KeyFigure.AllOf(body);
        var earlier = PreviousYearOf(report);
        var bureau = _corpus.BureauOf(report);
        var siblings = _byBureau[bureau.Id];
        var index = siblings.IndexOf(report);
        var summary = SummaryOf(report);
        var breadcrumbs = RegionChain(bureau.DivisionCode)
            .Select(d => new Crumb(d.Name, SitePaths.Region(d.Code)))
            .Append(new Crumb(bureau.Name, SitePaths.Bureau(bureau.Id)))
            .ToList();
        var original = report.Original;
        return new ReportPage(
            summary,
            report.Title,
            breadcrumbs,
            DeadlineText(report),
            report.SourceUrl,
            original is null ? null : SitePaths.Original(report.Id, original.Path),
            original is null ? null : Path.GetFileName(original.Path),
            original?.Sha256,
            original?.Encoding,
            original?.Ocr is { } ocr ? OcrNote(ocr) : null,
            original?.Fetched is { } fetched
                ? new FetchView(fetched.Url, Uri.UnescapeDataString(fetched.Url), fetched.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture), fetched.Warc, fetched.RecordId)
                : null,
            body?.AllSections.Select(s => new TocEntry(s.Anchor, s.Level, s.Heading)).ToList() ?? [],
            body is null ? new SafeHtml("") : ReportBodyHtml.Of(body, SharedMarksOf(report)),
            report.RemovedChrome,
            report.Uncertain.Select(i => new InferenceView(i.Field, i.Value ?? "未知", i.Confidence.ToString().ToLowerInvariant(), i.Reason)).ToList(),
            index > 0 ? SummaryOf(siblings[index - 1]) : null,
            index >= 0 && index < siblings.Count - 1 ? SummaryOf(siblings[index + 1]) : null,
            Citation.Of(report, bureau, RegionNameOf(bureau), _corpus.Settings.AbsoluteRoot, original is null ? null : SitePaths.Original(report.Id, original.Path)),
            figures.Count,
            FigureTableHtml.Rows(figures),
            SitePaths.DataFiguresCsv(report.Year, ProvinceOf(report)),
            SitePaths.DataFiguresJson(report.Year, ProvinceOf(report)),
            body is not null && earlier is not null && comparison is not null ? Compare(earlier, comparison) : null,
            _comparisons.Value.Next.GetValueOrDefault(report) is { } later ? SitePaths.Report(later.Id) + "#compare" : null,
            SharedTextOf(report, body),
            KeyTermsOf(report),
            SimilarTo(report));
    }

    // Readers who quote the text must know it was read from a scan, and how sure the reading was.
    private static string OcrNote(OcrReading ocr) =>
        $"本文第 {string.Join("、", ocr.Pages.Select(p => p.Page))} 页由扫描件经文字识别（OCR，{ocr.Engine}）得到，平均置信度 {ocr.Pages.Average(p => p.Confidence):0.0}%，可能有个别字识别错误；引用前请核对原始文件。";

    /// <summary>
    /// The view of a bureau's page; its charts drawn from <paramref name="figuresOf"/>, the key figures of each of its
    /// reports, or none when that is null (the outline of its digest view).
    /// </summary>
    public BureauPage BureauPage(Bureau bureau, Func<Report, IReadOnlyList<KeyFigure>>? figuresOf = null)
    {
        var reports = ReportsOf(bureau);
        var timeline = Timeline(bureau, reports[0].Year, Years[^1]);
        var breadcrumbs = RegionChain(bureau.DivisionCode).Select(d => new Crumb(d.Name, SitePaths.Region(d.Code))).ToList();
        // One report a year, the one its timeline cell links to: the first of the year.
        var series = figuresOf is null
            ? []
            : FigureSeries.Recurring([.. reports.GroupBy(r => r.Year).Select(g => (g.First(), figuresOf(g.First())))]);
        return new BureauPage(
            bureau.Id,
            bureau.Name,
            SitePaths.Bureau(bureau.Id),
            bureau.Aliases,
            bureau.Kind,
            RegionNameOf(bureau),
            breadcrumbs,
            SitePaths.BureauFeed(bureau.Id),
            timeline,
            reports.Select(SummaryOf).Reverse().ToList(),
            timeline.Count(c => c.State == "missing"),
            reports.Count(IsLate),
            series.Count,
            SeriesListHtml.Of(series, SitePaths.RootFrom(SitePaths.Bureau(bureau.Id))),
            timeline.Count(c => c.CompareUrl is not null),
            OverlapsOf(bureau),
            KeyTermsOf(bureau));
    }

    /// <summary>
    /// What a bureau page's HTML depends on, without reading its reports' texts: its view without the charts and the
    /// SHA-256s of its reports' files. A bureau with a report not read from a file is digested from its whole view.
    /// </summary>
    public object BureauPageDigestView(Bureau bureau, ShownTexts texts)
    {
        var reports = ReportsOf(bureau);
        return reports.Any(r => r.SourceHash.Length == 0)
            ? BureauPage(bureau, r => KeyFigure.AllOf(texts.Of(r)))
            : new BureauPageDigestView(BureauPage(bureau), [.. reports.Select(r => r.SourceHash)]);
    }

    /// <summary>True when the report's published date is known and after its deadline (input/deadlines.yml).</summary>
    public bool IsLate(Report report) => _corpus.IsLate(report);

    // A year's deadline where no province's own rule applies, and a word when such rules exist for the year.
    private string YearDeadlineText(int year)
    {
        // No province code starts with 99: the first rule for every province that covers the year, else the national one.
        var general = FormatDate(_corpus.Deadlines.For(year, "990000").Date);
        return _corpus.Deadlines.Rules.Any(r => r.Provinces.Count > 0 && (r.Years.Count == 0 || r.Years.Contains(year))) ? $"{general}（部分地区另有期限，见统计方法说明）" : general;
    }

    // The deadline, the rule it comes from when that is not the national one, and how far from it the report came.
    private string DeadlineText(Report report)
    {
        var deadline = _corpus.DeadlineOf(report);
        var rule = deadline.Rule == DeadlineRules.National ? "" : $"（{deadline.Rule.Name}）";
        var days = _corpus.DaysLate(report) switch
        {
            null => "；发布日期未知，无法判断是否按期",
            > 0 and var late => $"；晚于期限 {late} 天发布",
            0 => "；期限当日发布",
            var early => $"；早于期限 {-early} 天发布",
        };
        return FormatDate(deadline.Date) + rule + days;
    }

    // A bureau's years run from its first report to the newest year the archive covers, so a bureau that stopped
    // publishing shows its missing years instead of ending quietly.
    private List<TimelineCell> Timeline(Bureau bureau, int first, int last)
    {
        var byYear = ReportsOf(bureau).GroupBy(r => r.Year).ToDictionary(g => g.Key, g => g.First());
        var cells = new List<TimelineCell>();
        for (var year = first; year <= last; year++)
        {
            if (!byYear.TryGetValue(year, out var report))
            {
                // A year whose deadline the archive's date has not reached is not missing yet.
                var due = _corpus.Deadlines.For(year, bureau.DivisionCode).Date;
                cells.Add(Timeliness.IsDue(ArchiveDate, due)
                    ? new TimelineCell(year, "missing", $"{year}年：本库没有该年度报告", null, null)
                    : new TimelineCell(year, "pending", $"{year}年：尚未到公开期限（{FormatDate(due)}）", null, null));
                continue;
            }

            var deadline = FormatDate(_corpus.DeadlineOf(report).Date);
            var (state, label) = report.Published switch
            {
                null => ("undated", $"{year}年：已公开，发布日期未知（期限 {deadline}）"),
                _ when IsLate(report) => ("late", $"{year}年：{FormatDate(report.Published)}发布，晚于 {deadline} 的期限 {_corpus.DaysLate(report)} 天"),
                _ => ("on-time", $"{year}年：{FormatDate(report.Published)}发布，按期（期限 {deadline}）"),
            };
            cells.Add(new TimelineCell(year, state, label, SitePaths.Report(report.Id), report.Title, PreviousYearOf(report) is null ? null : SitePaths.Report(report.Id) + "#compare"));
        }

        return cells;
    }

    private List<YearCount> YearCounts()
    {
        var counts = _corpus.Reports.GroupBy(r => r.Year).ToDictionary(g => g.Key, g => g.Count());
        var max = counts.Count == 0 ? 1 : counts.Values.Max();
        return Years.Select(y => new YearCount(y, SitePaths.Year(y), counts[y], (int)Math.Round(100.0 * counts[y] / max))).ToList();
    }

    // Built bottom-up from each bureau's chain (province, city, district as people name them), so a municipality's
    // districts hang directly under it and each region counts every bureau inside it once.
    private List<RegionNode> BuildRegionTree()
    {
        var bureaus = new Dictionary<string, int>(StringComparer.Ordinal);
        var reports = new Dictionary<string, int>(StringComparer.Ordinal);
        var children = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var provinces = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var bureau in BureausWithReports)
        {
            var chain = RegionChain(bureau.DivisionCode).Select(d => d.Code).ToList();
            provinces.Add(chain[0]);
            for (var i = 0; i < chain.Count; i++)
            {
                bureaus[chain[i]] = bureaus.GetValueOrDefault(chain[i]) + 1;
                reports[chain[i]] = reports.GetValueOrDefault(chain[i]) + ReportsOf(bureau).Count;
                if (i > 0)
                {
                    (children.TryGetValue(chain[i - 1], out var set) ? set : children[chain[i - 1]] = new SortedSet<string>(StringComparer.Ordinal)).Add(chain[i]);
                }
            }
        }

        RegionNode Node(string code) => new(
            code,
            _divisions.Find(code)!.Name,
            SitePaths.Region(code),
            bureaus[code],
            reports[code],
            children.TryGetValue(code, out var set) ? set.Select(Node).ToList() : []);
        return provinces.Select(Node).ToList();
    }

    private static IEnumerable<RegionNode> Flatten(IEnumerable<RegionNode> nodes) =>
        nodes.SelectMany(n => Flatten(n.Children).Prepend(n));

    private IEnumerable<Division> RegionChain(string code)
    {
        var path = _divisions.PathOf(code);
        return new[] { path.Province, path.City, path.District }.OfType<Division>();
    }

    private BureauLink Link(Bureau bureau)
    {
        var reports = ReportsOf(bureau);
        var range = reports[0].Year == reports[^1].Year ? $"{reports[0].Year}" : $"{reports[0].Year}–{reports[^1].Year}";
        return new BureauLink(bureau.Id, bureau.Name, SitePaths.Bureau(bureau.Id), RegionNameOf(bureau), reports.Count, range);
    }

    private ReportSummary Summarize(Report report)
    {
        var bureau = _corpus.BureauOf(report);
        var punctuality = report.Published is null ? "undated" : IsLate(report) ? "late" : "on-time";
        return new ReportSummary(report.Id, report.Title, SitePaths.Report(report.Id), bureau.Name, SitePaths.Bureau(bureau.Id), report.Year, FormatDate(report.Published), punctuality, RegionNameOf(bureau));
    }

}
