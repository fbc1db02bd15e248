using System.Text;
using Archive.Reading.Comparison;
using Archive.Site.Views;

namespace Archive.Site;

/// <summary>
/// A report against its bureau's report of the previous available year, as HTML for the report's page: every heading
/// and paragraph of both in one column, in the newer's reading order, marked new, dropped, changed (with its
/// insertions and deletions as ins and del) or unchanged. A changed block is shown whole; an unchanged or new block
/// shows its start and links to itself in the text above, a dropped one its start and a link to itself in the older
/// report (at 50,000 reports, new and dropped blocks written out whole took report pages from 1.8 to 3.5 GB). Each
/// block names its anchors in both reports (data-older, data-newer), so that the newer text can be read back from the
/// older, the marks and the text above.
/// </summary>
public static class ComparisonHtml
{
    // How much of a block not shown whole is shown, to recognise it.
    private const int Start = 40;

    /// <param name="olderUrl">The older report's page, relative to the newer's (its anchors link there).</param>
    public static SafeHtml Of(YearComparison comparison, string olderUrl)
    {
        var html = new StringBuilder(comparison.Newer.Sum(b => b.Text.Length) * 2);
        foreach (var paragraph in comparison.Paragraphs)
        {
            var older = paragraph.Older is { } o ? comparison.Older[o] : null;
            var newer = paragraph.Newer is { } n ? comparison.Newer[n] : null;
            var kind = paragraph.Change switch
            {
                ParagraphChange.Unchanged => "same",
                ParagraphChange.Changed => "changed",
                ParagraphChange.New => "new",
                _ => "dropped",
            };
            html.Append("<p class=\"").Append(kind).Append((newer ?? older)!.IsHeading ? " heading" : "").Append('"');
            if (older is not null)
            {
                html.Append(" data-older=\"").Append(Html.Escape(older.Anchor)).Append('"');
            }

            if (newer is not null)
            {
                html.Append(" data-newer=\"").Append(Html.Escape(newer.Anchor)).Append('"');
            }

            html.Append('>');
            switch (paragraph.Change)
            {
                case ParagraphChange.Unchanged:
                    html.Append("<a href=\"#").Append(Html.Escape(newer!.Anchor)).Append("\">").Append(Html.Escape(Shortened(newer.Text))).Append("</a>");
                    break;
                case ParagraphChange.Changed:
                    foreach (var edit in paragraph.Edits)
                    {
                        var tag = edit.Kind switch { EditKind.Insert => "ins", EditKind.Delete => "del", _ => null };
                        html.Append(tag is null ? "" : $"<{tag}>").Append(Html.Escape(edit.Text)).Append(tag is null ? "" : $"</{tag}>");
                    }

                    break;
                case ParagraphChange.New:
                    // Whole in the text above, like an unchanged block; the class says it is new.
                    html.Append("<a href=\"#").Append(Html.Escape(newer!.Anchor)).Append("\">").Append(Html.Escape(Shortened(newer.Text))).Append("</a>");
                    break;
                default:
                    html.Append("<a href=\"").Append(Html.Escape(olderUrl)).Append('#').Append(Html.Escape(older!.Anchor)).Append("\"><del>")
                        .Append(Html.Escape(Shortened(older.Text))).Append("</del></a>");
                    break;
            }

            html.Append("</p>\n");
        }

        return new SafeHtml(html.ToString());
    }

    private static string Shortened(string text) => text.Length <= Start ? text : text[..Start] + "…";
}
