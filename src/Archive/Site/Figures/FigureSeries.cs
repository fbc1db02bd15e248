using Archive.Core;
using Archive.Corpus;
using Archive.Reading.Figures;

namespace Archive.Site.Figures;

/// <summary>
/// One year's value of a measure a bureau reports year after year, the figure as the report writes it (1.2万件), and
/// the address of the paragraph that states it.
/// </summary>
public sealed record SeriesPoint(int Year, decimal Value, string Text, string Url);

/// <summary>
/// A measure that recurs across a bureau's years (收到政府信息公开申请 · 件), with its value in each year whose report
/// states it, oldest first.
/// </summary>
public sealed record FigureSeries(string Measure, string Unit, IReadOnlyList<SeriesPoint> Points)
{
    /// <summary>
    /// The measures that the reports of <paramref name="years"/> (one report per year, oldest first) state in at least
    /// two years, in the same unit: most years first, then in the newest report's reading order. A report that states a
    /// measure twice is taken at its first statement, the one that usually sums up.
    /// </summary>
    public static IReadOnlyList<FigureSeries> Recurring(IReadOnlyList<(Report Report, IReadOnlyList<KeyFigure> Figures)> years)
    {
        var series = new Dictionary<(string Measure, string Unit), List<SeriesPoint>>();
        var newest = new Dictionary<(string Measure, string Unit), int>();
        foreach (var (report, figures) in years)
        {
            var order = 0;
            foreach (var (anchor, figure) in figures)
            {
                var key = (figure.Measure, figure.Unit);
                if (figure.Measure.Length == 0)
                {
                    continue;
                }

                if (!series.TryGetValue(key, out var points))
                {
                    series[key] = points = [];
                }
                else if (points[^1].Year == report.Year)
                {
                    continue;
                }

                points.Add(new SeriesPoint(report.Year, figure.Value, figure.Text, SitePaths.Report(report.Id) + "#" + anchor));
                newest[key] = order++;
            }
        }

        return [.. series.Where(s => s.Value.Count >= 2)
            .OrderByDescending(s => s.Value.Count)
            .ThenByDescending(s => s.Value[^1].Year)
            .ThenBy(s => newest[s.Key])
            .Select(s => new FigureSeries(s.Key.Measure, s.Key.Unit, s.Value))];
    }
}
