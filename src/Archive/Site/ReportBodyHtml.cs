using System.Text;
using Archive.Corpus;
using Archive.Site.Views;

namespace Archive.Site;

/// <summary>
/// A report's text as HTML: paragraphs and nested sections, each with the anchor a reader cites it by and a link
/// to that anchor. Made in code and handed to the report template whole (as Jekyll hands a page its rendered
/// content): looping over every paragraph in Liquid was a sixth of the time spent rendering the site.
/// </summary>
public static class ReportBodyHtml
{
    // A section nested n deep is headed by h(n + 1), whatever its numbering's level, so no heading level is skipped:
    // the page's title is the h1.
    private const int DeepestHeading = 6;

    /// <summary>
    /// The body; a paragraph named in <paramref name="shared"/> is marked with how many other bureaus' reports share
    /// it, linked to where the page lists them (#shared-pN).
    /// </summary>
    public static SafeHtml Of(ReportBody body, IReadOnlyDictionary<string, int>? shared = null)
    {
        var html = new StringBuilder(4096);
        shared ??= new Dictionary<string, int>();
        foreach (var paragraph in body.Preamble)
        {
            Paragraph(html, paragraph, shared);
        }

        foreach (var section in body.Sections)
        {
            Section(html, section, 1, shared);
        }

        return new SafeHtml(html.ToString());
    }

    private static void Paragraph(StringBuilder html, Paragraph paragraph, IReadOnlyDictionary<string, int> shared)
    {
        var anchor = Html.Escape(paragraph.Anchor);
        html.Append("<p id=\"").Append(anchor).Append("\">").Append(Html.Escape(paragraph.Text));
        if (shared.TryGetValue(paragraph.Anchor, out var reports))
        {
            html.Append("<a class=\"shared-mark\" href=\"#shared-").Append(anchor).Append("\" title=\"其他部门的 ").Append(reports)
                .Append(" 份报告有相同或几乎相同的段落\">另见 ").Append(reports).Append(" 份</a>");
        }

        html.Append("<a class=\"cite\" href=\"#").Append(anchor).Append("\" title=\"本段链接\">¶</a></p>\n");
    }

    private static void Section(StringBuilder html, Section section, int depth, IReadOnlyDictionary<string, int> shared)
    {
        var anchor = Html.Escape(section.Anchor);
        var heading = $"h{Math.Min(DeepestHeading, depth + 1)}";
        html.Append("<section id=\"").Append(anchor).Append("\">\n<").Append(heading).Append('>').Append(Html.Escape(section.Heading))
            .Append("<a class=\"cite\" href=\"#").Append(anchor).Append("\" title=\"本节链接\">#</a></").Append(heading).Append(">\n");
        foreach (var paragraph in section.Paragraphs)
        {
            Paragraph(html, paragraph, shared);
        }

        foreach (var child in section.Children)
        {
            Section(html, child, depth + 1, shared);
        }

        html.Append("</section>\n");
    }
}
