using System.Text;
using Archive.Site.Figures;
using Archive.Site.Views;

namespace Archive.Site;

/// <summary>
/// A bureau's recurring measures as HTML: per measure a caption, its chart (<see cref="SeriesChartSvg"/>) and its values
/// as the reports write them, each linked to its paragraph; after the first <see cref="Shown"/>, the rest inside a
/// closed details element. Made in code, as a report's text is: at 50,000 reports a bureau states a hundred measures
/// in several years, and a Liquid loop over them cost more than the rest of its page.
/// </summary>
public static class SeriesListHtml
{
    /// <summary>How many charts a bureau page shows open.</summary>
    public const int Shown = 12;

    /// <param name="root">The relative path from the page to the site's root (../ for a bureau page).</param>
    public static SafeHtml Of(IReadOnlyList<FigureSeries> series, string root)
    {
        var html = new StringBuilder(series.Count * 1200);
        for (var i = 0; i < series.Count; i++)
        {
            if (i == Shown)
            {
                html.Append("<details class=\"more-series\">\n<summary>另有 ").Append(series.Count - Shown)
                    .Append(" 项指标在两个以上年度出现</summary>\n<div class=\"series-list\">\n");
            }

            Series(html, series[i], root);
        }

        if (series.Count > Shown)
        {
            html.Append("</div>\n</details>\n");
        }

        return new SafeHtml(html.ToString());
    }

    private static void Series(StringBuilder html, FigureSeries series, string root)
    {
        html.Append("<figure class=\"series\">\n<figcaption>").Append(Html.Escape(series.Measure)).Append('（').Append(Html.Escape(series.Unit)).Append("）</figcaption>\n")
            .Append(SeriesChartSvg.Of(series).Value).Append("\n<ul class=\"series-values\">");
        foreach (var point in series.Points)
        {
            html.Append("<li><a href=\"").Append(Html.Escape(root + point.Url)).Append("\">").Append(point.Year).Append("年</a> ")
                .Append(Html.Escape(point.Text)).Append("</li>");
        }

        html.Append("</ul>\n</figure>\n");
    }
}
