using System.Globalization;
using System.Text;
using Archive.Site.Figures;
using Archive.Site.Views;

namespace Archive.Site;

/// <summary>
/// A small column chart of a <see cref="FigureSeries"/>, drawn at build time as inline SVG: a column per year of the
/// bureau's span, value above, year below; a year whose report does not state the measure has no column. The chart is
/// decoration for the eye (aria-hidden): the values and their links are written beside it as text.
/// </summary>
public static class SeriesChartSvg
{
    private const int Column = 36;
    private const int Gap = 8;
    private const int Height = 96;
    private const int Label = 14;

    public static SafeHtml Of(FigureSeries series)
    {
        var first = series.Points[0].Year;
        var years = series.Points[^1].Year - first + 1;
        var max = series.Points.Max(p => p.Value);
        var width = (years * (Column + Gap)) + Gap;
        var svg = new StringBuilder(256 + (years * 200));
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {width} {Height + (2 * Label)}\" width=\"{width}\" height=\"{Height + (2 * Label)}\" aria-hidden=\"true\" focusable=\"false\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"0\" y1=\"{Height + Label}\" x2=\"{width}\" y2=\"{Height + Label}\"></line>");
        foreach (var point in series.Points)
        {
            var x = Gap + ((point.Year - first) * (Column + Gap));
            // A zero is a line on the axis, not nothing: it was stated.
            var bar = max <= 0 ? 1 : Math.Max(1, (int)Math.Round(point.Value / max * (Height - Label)));
            var top = Height + Label - bar;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{top}\" width=\"{Column}\" height=\"{bar}\"></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"value\" x=\"{x + (Column / 2)}\" y=\"{top - 3}\">{Html.Escape(Short(point.Value))}</text>");
        }

        for (var year = first; year <= series.Points[^1].Year; year++)
        {
            var x = Gap + ((year - first) * (Column + Gap)) + (Column / 2);
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"year\" x=\"{x}\" y=\"{Height + (2 * Label) - 2}\">{year}</text>");
        }

        return new SafeHtml(svg.Append("</svg>").ToString());
    }

    // A column is 36 units wide: 1234567 is written 123.5万, as Chinese tables do.
    private static string Short(decimal value) =>
        Math.Abs(value) >= 100_000_000m ? FigureFormat.Value(Math.Round(value / 100_000_000m, 1)) + "亿"
        : Math.Abs(value) >= 100_000m ? FigureFormat.Value(Math.Round(value / 10_000m, 1)) + "万"
        : FigureFormat.Value(Math.Round(value, 2));
}
