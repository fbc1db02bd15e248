using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Archive.Import;

namespace Archive.Collect;

/// <summary>
/// A fetched HTML page as the collector reads it: its text decoded by the charset the server or the page declares
/// (GBK, GB2312, GB18030, UTF-8), its links resolved against its address, the attachments it offers, the link to the
/// next page of a column, and whether it is a "page not found" page sent with status 200.
/// </summary>
public sealed partial class WebPage
{
    private static readonly string[] AttachmentExtensions = [".pdf", ".doc", ".docx", ".wps"];
    private static readonly string[] NextPageTexts = ["下一页", "下页", "后页", "后一页", "next", "next page", ">", "›", "»", ">>"];

    private readonly IDocument _document;

    private WebPage(Uri address, string html)
    {
        Address = address;
        Html = html;
        _document = new HtmlParser().ParseDocument(html);
        Links = [.. _document.QuerySelectorAll("a[href]")
            .Select(a => Resolve(a.GetAttribute("href")!) is { } target ? new PageLink(target, LinkText(a), InChrome(a)) : null)
            .OfType<PageLink>()];
    }

    public Uri Address { get; }

    public string Html { get; }

    /// <summary>Every link with an http(s) address, in page order, fragments dropped.</summary>
    public IReadOnlyList<PageLink> Links { get; }

    /// <summary>Links to documents a report may be published as (.pdf, .doc, .docx, .wps), outside the page's header, footer and navigation.</summary>
    public IReadOnlyList<PageLink> Attachments => [.. Links.Where(l => !l.InChrome && IsAttachment(l.Address)).DistinctBy(l => l.Address)];

    /// <summary>The next page of a column: a rel=next link, or one whose text says 下一页.</summary>
    public Uri? NextPage =>
        _document.QuerySelector("a[rel~=next][href], link[rel~=next][href]")?.GetAttribute("href") is { } next && Resolve(next) is { } address
            ? address
            : Links.FirstOrDefault(l => NextPageTexts.Contains(l.Text.Trim().ToLowerInvariant()) && l.Address != Address)?.Address;

    public static WebPage Read(Uri address, byte[] payload, string? contentType) => new(address, Decode(payload, contentType));

    /// <summary>Whether a fetched result is a portal's "page not found" page (see <see cref="SaysNotFound"/>).</summary>
    public static bool IsNotFoundPage(FetchResult result) =>
        DocumentKind.IsHtml(result.ContentType, result.Payload) && Read(result.Final, result.Payload, result.ContentType).SaysNotFound();

    public static bool IsAttachment(Uri address)
    {
        var path = Uri.UnescapeDataString(address.AbsolutePath).ToLowerInvariant();
        return AttachmentExtensions.Any(e => path.EndsWith(e, StringComparison.Ordinal));
    }

    /// <summary>
    /// A portal's "page not found" sent with status 200: a short page whose title or heading says 页面不存在, 404 or
    /// the like. Importing it would make a report of the portal's apology.
    /// </summary>
    public bool SaysNotFound()
    {
        var title = _document.Title ?? "";
        var heading = _document.QuerySelector("h1, h2")?.TextContent ?? "";
        var text = _document.Body?.TextContent ?? "";
        var visible = WhiteSpace().Replace(text, "");
        return visible.Length < 600 && (NotFound().IsMatch(title) || NotFound().IsMatch(heading) || NotFound().IsMatch(visible));
    }

    /// <summary>The page's text as import reads it: the article's lines and what the page says of itself.</summary>
    public (IReadOnlyList<string> Lines, PageHints Hints) Article() => HtmlReader.Read(Html);

    /// <summary>The address without its #fragment, which names a place in a page and not another page.</summary>
    public static Uri WithoutFragment(Uri address) =>
        address.Fragment.Length == 0 ? address : new Uri(address.GetLeftPart(UriPartial.Query));

    private Uri? Resolve(string href)
    {
        href = href.Trim();
        if (href.Length == 0 || href.StartsWith('#') || !Uri.TryCreate(Address, href, out var target) || target.Scheme is not ("http" or "https"))
        {
            return null;
        }

        return WithoutFragment(target);
    }

    // A link's words: its text, or its title when the text is cut short with an ellipsis, as columns often show.
    private static string LinkText(IElement link)
    {
        var text = WhiteSpace().Replace(link.TextContent, " ").Trim();
        var title = link.GetAttribute("title")?.Trim();
        return !string.IsNullOrEmpty(title) && (text.Length == 0 || text.EndsWith("...", StringComparison.Ordinal) || text.EndsWith('…') || title.Length > text.Length) ? title : text;
    }

    private static bool InChrome(IElement element)
    {
        for (var node = element.ParentElement; node is not null; node = node.ParentElement)
        {
            if (node.LocalName is "header" or "footer" or "nav")
            {
                return true;
            }
        }

        return false;
    }

    // As import reads it (the declared charset when it decodes cleanly, else what the bytes are); a page that is
    // empty or not text is read as no page, which holds no links and no article.
    private static string Decode(byte[] payload, string? contentType)
    {
        try
        {
            return TextDecoder.DecodeDeclared(payload, "page", TextDecoder.CharsetOf(contentType)).Text;
        }
        catch (Archive.Core.InputException)
        {
            return "";
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex("页面不存在|页面未找到|找不到(该|此|您要的)?页面|页面已(被)?删除|信息已(被)?删除|您访问的页面|404")]
    private static partial Regex NotFound();
}

/// <summary>A link of a page: where it goes, its words, and whether it sits in the page's header, footer or navigation.</summary>
public sealed record PageLink(Uri Address, string Text, bool InChrome);
