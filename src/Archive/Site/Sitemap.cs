using System.Text;
using System.Xml;

namespace Archive.Site;

/// <summary>Writes sitemap.xml listing every page by its absolute address.</summary>
public static class Sitemap
{
    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static string Write(string absoluteRoot, IEnumerable<string> pagePaths)
    {
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(new StringWriterUtf8(text), new XmlWriterSettings { Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("urlset", SitemapNamespace);
            foreach (var path in pagePaths.Order(StringComparer.Ordinal))
            {
                xml.WriteStartElement("url", SitemapNamespace);
                xml.WriteElementString("loc", SitemapNamespace, absoluteRoot + (path == SitePaths.Home ? "" : Uri.EscapeDataString(path).Replace("%2F", "/", StringComparison.Ordinal)));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return text.ToString();
    }
}
