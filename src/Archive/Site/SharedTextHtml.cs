using System.Text;
using Archive.Core;
using Archive.Corpus;
using Archive.Site.Views;

namespace Archive.Site;

/// <summary>
/// A shared paragraph of a report as the page lists it: its anchor, its text (empty for a digest), how many other
/// bureaus' reports have it and the first <see cref="SharedTextHtml.Linked"/> of them, at the first place each has it.
/// </summary>
public sealed record SharedParagraphRow(string Anchor, string Text, int OtherReports, IReadOnlyList<(Report Report, int Paragraph)> Linked);

/// <summary>
/// A report's shared paragraphs as list items (#shared-pN, which the marks in the text link to): the paragraph's
/// start, how many other bureaus' reports have it, and links to the first of them, at their paragraph. Made in code,
/// as the text is (<see cref="ReportBodyHtml"/>): a page may list a hundred.
/// </summary>
public static class SharedTextHtml
{
    /// <summary>Reports linked by name per paragraph; the rest are counted (and listed in the open data).</summary>
    public const int Linked = 8;

    private const int Start = 40;

    public static SafeHtml Rows(IReadOnlyList<SharedParagraphRow> rows, Func<Report, ReportSummary> summaryOf)
    {
        var html = new StringBuilder(rows.Count * 400);
        foreach (var row in rows)
        {
            var anchor = Html.Escape(row.Anchor);
            html.Append("<li id=\"shared-").Append(anchor).Append("\"><a href=\"#").Append(anchor).Append("\">¶ ").Append(anchor).Append("</a> ");
            if (row.Text.Length > 0)
            {
                var start = row.Text.Length > Start ? row.Text[..Start] + "…" : row.Text;
                html.Append("<q>").Append(Html.Escape(start)).Append("</q> ");
            }

            html.Append("另见于 ").Append(row.OtherReports).Append(" 份其他部门的报告：");
            for (var i = 0; i < row.Linked.Count; i++)
            {
                var (report, paragraph) = row.Linked[i];
                var summary = summaryOf(report);
                // Report pages are all in reports/: another is linked by its file name.
                html.Append(i == 0 ? "" : "、").Append("<a href=\"").Append(Html.Escape(Path.GetFileName(SitePaths.Report(report.Id))))
                    .Append("#p").Append(paragraph).Append("\">").Append(Html.Escape(summary.BureauName)).Append(' ').Append(report.Year).Append("年</a>");
            }

            if (row.OtherReports > row.Linked.Count)
            {
                html.Append(" 等");
            }

            html.Append("</li>\n");
        }

        return new SafeHtml(html.ToString());
    }
}
