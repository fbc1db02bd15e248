using System.Globalization;
using System.Text;
using System.Xml;
using Archive.Core;

namespace Archive.Site;

/// <summary>
/// Writes sitemap.xml listing every page by its absolute address. The sitemap protocol allows 50,000 addresses per
/// file, and a national archive has more pages than that: then sitemap.xml is a sitemap index of numbered parts.
/// </summary>
public static class Sitemap
{
    /// <summary>The most addresses one sitemap file may list (sitemaps.org).</summary>
    public const int MaxUrlsPerFile = 50_000;

    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <summary>The sitemap files to write, as (output path, XML): sitemap.xml alone, or an index and its parts.</summary>
    public static List<(string Path, string Xml)> Files(string absoluteRoot, IEnumerable<string> pagePaths, int maxUrlsPerFile = MaxUrlsPerFile)
    {
        var urls = pagePaths.Order(StringComparer.Ordinal)
            .Select(path => absoluteRoot + (path == SitePaths.Home ? "" : Uri.EscapeDataString(path).Replace("%2F", "/", StringComparison.Ordinal)))
            .ToList();
        if (urls.Count <= maxUrlsPerFile)
        {
            return [(SitePaths.Sitemap, Document("urlset", "url", urls))];
        }

        var parts = urls.Chunk(maxUrlsPerFile)
            .Select((chunk, i) => (Path: string.Create(CultureInfo.InvariantCulture, $"sitemaps/sitemap-{i + 1}.xml"), Xml: Document("urlset", "url", chunk)))
            .ToList();
        return [(SitePaths.Sitemap, Document("sitemapindex", "sitemap", parts.Select(p => absoluteRoot + p.Path))), .. parts];
    }

    private static string Document(string root, string entry, IEnumerable<string> locations)
    {
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(new StringWriterUtf8(text), new XmlWriterSettings { Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement(root, SitemapNamespace);
            foreach (var location in locations)
            {
                xml.WriteStartElement(entry, SitemapNamespace);
                xml.WriteElementString("loc", SitemapNamespace, location);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return text.ToString();
    }
}
