using System.Text;
using Archive.Reading.Figures;
using Archive.Site.Figures;
using Archive.Site.Views;

namespace Archive.Site;

/// <summary>
/// A report's key figures as the rows of a table: what each counts, the figure as written, its value in its base unit
/// and a link to its paragraph. Made in code, as the report's text is (<see cref="ReportBodyHtml"/>): a report holds
/// fifty figures on average, and a Liquid loop over them would cost more than the rest of the page.
/// </summary>
public static class FigureTableHtml
{
    public static SafeHtml Rows(IReadOnlyList<KeyFigure> figures)
    {
        var html = new StringBuilder(figures.Count * 160);
        foreach (var (anchor, figure) in figures)
        {
            // Nothing repeated on every row that the table's styles can say once: 2.5 million rows at 50,000 reports.
            var href = Html.Escape(anchor);
            html.Append("<tr><td>").Append(figure.Measure.Length == 0 ? "—" : Html.Escape(figure.Measure))
                .Append("</td><td>").Append(Html.Escape(figure.Text))
                .Append("</td><td>").Append(Html.Escape(FigureFormat.WithUnit(figure.Value, figure.Unit)))
                .Append("</td><td><a href=\"#").Append(href).Append("\">¶ ").Append(href).Append("</a></td></tr>\n");
        }

        return new SafeHtml(html.ToString());
    }
}
