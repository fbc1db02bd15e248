using System.Xml.Linq;
using Archive.Core;
using Archive.Site;

namespace Archive.Tests.Site;

public sealed class SitemapTests
{
    private static readonly XNamespace Sm = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private static List<string> Locations(string xml, string entry) =>
        XDocument.Parse(xml).Root!.Elements(Sm + entry).Select(e => e.Element(Sm + "loc")!.Value).ToList();

    [Fact]
    public void Up_to_the_limit_one_sitemap_lists_every_page()
    {
        var files = Sitemap.Files("https://example.org/", ["index.html", "reports/a.html", "reports/b.html"], maxUrlsPerFile: 3);

        var (path, xml) = Assert.Single(files);
        Assert.Equal(SitePaths.Sitemap, path);
        Assert.Equal(["https://example.org/", "https://example.org/reports/a.html", "https://example.org/reports/b.html"], Locations(xml, "url"));
    }

    [Fact]
    public void Past_the_limit_sitemap_xml_is_an_index_of_parts_that_together_list_every_page_once()
    {
        var pages = Enumerable.Range(0, 7).Select(i => $"reports/r{i}.html").ToList();

        var files = Sitemap.Files("https://example.org/", pages, maxUrlsPerFile: 3);

        Assert.Equal(SitePaths.Sitemap, files[0].Path);
        var parts = Locations(files[0].Xml, "sitemap");
        Assert.Equal(files.Skip(1).Select(f => "https://example.org/" + f.Path), parts);
        Assert.Equal(3, parts.Count);
        var listed = files.Skip(1).SelectMany(f => Locations(f.Xml, "url")).ToList();
        Assert.All(files.Skip(1), f => Assert.True(Locations(f.Xml, "url").Count <= 3));
        Assert.Equal(pages.Select(p => "https://example.org/" + p).Order(StringComparer.Ordinal), listed);
    }
}
