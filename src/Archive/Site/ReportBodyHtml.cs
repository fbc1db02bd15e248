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

    public static SafeHtml Of(ReportBody body)
    {
        var html = new StringBuilder(4096);
        foreach (var paragraph in body.Preamble)
        {
            Paragraph(html, paragraph);
        }

        foreach (var section in body.Sections)
        {
            Section(html, section, 1);
        }

        return new SafeHtml(html.ToString());
    }

    private static void Paragraph(StringBuilder html, Paragraph paragraph)
    {
        var anchor = Html.Escape(paragraph.Anchor);
        html.Append("<p id=\"").Append(anchor).Append("\">").Append(Html.Escape(paragraph.Text))
            .Append("<a class=\"cite\" href=\"#").Append(anchor).Append("\" title=\"本段链接\">¶</a></p>\n");
    }

    private static void Section(StringBuilder html, Section section, int depth)
    {
        var anchor = Html.Escape(section.Anchor);
        var heading = $"h{Math.Min(DeepestHeading, depth + 1)}";
        html.Append("<section id=\"").Append(anchor).Append("\">\n<").Append(heading).Append('>').Append(Html.Escape(section.Heading))
            .Append("<a class=\"cite\" href=\"#").Append(anchor).Append("\" title=\"本节链接\">#</a></").Append(heading).Append(">\n");
        foreach (var paragraph in section.Paragraphs)
        {
            Paragraph(html, paragraph);
        }

        foreach (var child in section.Children)
        {
            Section(html, child, depth + 1);
        }

        html.Append("</section>\n");
    }
}
