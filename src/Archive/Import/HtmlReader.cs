using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Archive.Import;

/// <summary>
/// Reads a saved web page into lines: block elements become lines, scripts and page furniture (nav, header,
/// footer) are dropped, and the main content is taken where the page marks it. The page's title, publish
/// date and address become <see cref="PageHints"/>.
/// </summary>
public static partial class HtmlReader
{
    private static readonly string[] Dropped = ["script", "style", "noscript", "template", "nav", "header", "footer", "iframe", "form", "select", "button"];

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "aside", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
        "table", "tr", "td", "th", "caption", "blockquote", "pre", "center", "address", "figure", "figcaption", "hr", "br", "body",
    };

    // Chinese government sites put the article in one of these; a page with exactly one is unambiguous.
    private static readonly string[] ContentSelectors = ["article", "main", ".TRS_Editor", "#zoom", "#UCAP-CONTENT", ".article-content", ".content", "#content"];

    // How many lines above the article a banner line may stand: title, 来源/发布时间, font size and print links.
    private const int BannerReach = 6;

    private static readonly string[] DateMetaNames = ["PubDate", "pubdate", "publishdate", "firstpublishedtime", "article:published_time", "datePublished", "dc.date"];

    public static (IReadOnlyList<string> Lines, PageHints Hints) Read(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var hints = new PageHints(TitleOf(document), PublishedOf(document), AddressOf(document), null);
        foreach (var element in document.QuerySelectorAll(string.Join(',', Dropped)).ToList())
        {
            element.Remove();
        }

        var main = MainContent(document);
        var lines = LinesOf(main ?? (IElement?)document.Body ?? document.DocumentElement);
        return (lines, main is not null && document.Body is { } body ? hints with { Banner = BannerAbove(lines, LinesOf(body)) } : hints);
    }

    // Portal templates put "来源：… 发布时间：…" just above the element that holds the text; the publisher and date in
    // them are the page's own. Only the lines just above the article count: a sidebar's 来源 and date are not the page's.
    private static List<string> BannerAbove(List<string> article, List<string> page)
    {
        var start = article.Count == 0 ? -1 : page.IndexOf(article[0]);
        return start < 0 ? [] : [.. page.Take(start).TakeLast(BannerReach).Where(l => BannerLine().IsMatch(l))];
    }

    private static List<string> LinesOf(IElement root)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        Walk(root, lines, line);
        Flush(lines, line);
        return lines;
    }

    private static IElement? MainContent(IDocument document)
    {
        foreach (var selector in ContentSelectors)
        {
            var found = document.QuerySelectorAll(selector);
            if (found.Length == 1 && found[0].TextContent.Trim().Length > 0)
            {
                return found[0];
            }
        }

        return null;
    }

    private static void Walk(INode node, List<string> lines, StringBuilder line)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText text)
            {
                AppendCollapsed(line, text.Data);
                continue;
            }

            if (child is not IElement element)
            {
                continue;
            }

            var block = Blocks.Contains(element.LocalName);
            if (block)
            {
                Flush(lines, line);
            }

            Walk(element, lines, line);
            if (block)
            {
                Flush(lines, line);
            }
        }
    }

    // HTML collapses runs of ASCII white space; the ideographic space U+3000 is text and stays.
    private static void AppendCollapsed(StringBuilder line, string data)
    {
        foreach (var c in data)
        {
            if (c is ' ' or '\t' or '\n' or '\r' or '\f')
            {
                if (line.Length > 0 && line[^1] != ' ')
                {
                    line.Append(' ');
                }
            }
            else
            {
                line.Append(c == '\u00A0' ? ' ' : c);
            }
        }
    }

    private static void Flush(List<string> lines, StringBuilder line)
    {
        var text = line.ToString().Trim();
        if (text.Length > 0)
        {
            lines.Add(text);
        }

        line.Clear();
    }

    private static string? TitleOf(IDocument document)
    {
        var meta = Meta(document, "ArticleTitle");
        if (meta is not null)
        {
            return meta;
        }

        // "<title>Report_Site name</title>": the report's title is the part before the site's name.
        var title = document.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            return null;
        }

        var cut = title.IndexOfAny(['_', '|']);
        var dash = title.IndexOf(" - ", StringComparison.Ordinal);
        if (dash > 0 && (cut < 0 || dash < cut))
        {
            cut = dash;
        }

        return cut > 0 ? title[..cut].Trim() : title;
    }

    private static DateOnly? PublishedOf(IDocument document)
    {
        foreach (var name in DateMetaNames)
        {
            var value = Meta(document, name);
            if (value is not null && value.Length >= 10
                && DateOnly.TryParseExact(value[..10].Replace('/', '-').Replace('.', '-'), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }
        }

        return null;
    }

    private static string? AddressOf(IDocument document)
    {
        var href = document.QuerySelector("link[rel=canonical]")?.GetAttribute("href") ?? Meta(document, "og:url");
        return href is not null && Uri.TryCreate(href, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? href : null;
    }

    private static string? Meta(IDocument document, string name)
    {
        foreach (var meta in document.QuerySelectorAll("meta"))
        {
            var key = meta.GetAttribute("name") ?? meta.GetAttribute("property") ?? meta.GetAttribute("itemprop");
            var content = meta.GetAttribute("content")?.Trim();
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(content))
            {
                return content;
            }
        }

        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(发布时间|发布日期|信息来源|来源|发布机构)\s*[:：]")]
    private static partial System.Text.RegularExpressions.Regex BannerLine();
}
