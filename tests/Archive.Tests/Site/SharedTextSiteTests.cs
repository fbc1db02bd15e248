using System.Text.RegularExpressions;
using Archive.Build;
using Archive.Core;
using Archive.Tests.Support;

namespace Archive.Tests.Site;

/// <summary>
/// Shared text in the site (issue 20, part 2), on <see cref="SharedTextCorpus"/>: every copied paragraph is marked
/// with the number of other bureaus' reports that have it and listed with links to them; the two reports that share
/// most of their text are flagged on both pages and on their bureaus' pages; the open-data file names every place;
/// and nothing else is marked.
/// </summary>
public sealed class SharedTextSiteTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _output;

    public SharedTextSiteTests()
    {
        SharedTextCorpus.Write(_temp);
        _output = _temp.Combine("output");
        new SiteBuilder().Build(new BuildPaths(_temp.Combine("input"), RepoPaths.Theme, _output));
    }

    [Fact]
    public void Every_copied_paragraph_is_marked_with_how_many_other_bureaus_reports_have_it_and_nothing_else_is()
    {
        // Paragraph numbers (anchors pN) as the reports were written: the first paragraph of each is p1.
        Assert.Equal(Marks(("p1", 1), ("p2", 1), ("p3", 1), ("p4", 1), ("p5", 1), ("p6", 1), ("p7", 1), ("p9", 1)), MarksOn("luohu-2021"));
        Assert.Equal(Marks(("p1", 1), ("p2", 1), ("p3", 1), ("p4", 1), ("p5", 1), ("p6", 1), ("p7", 1)), MarksOn("hedong-2021"));
        Assert.Equal(Marks(("p2", 1)), MarksOn("wuxing-2021"));
        Assert.Empty(MarksOn("luohu-2022"));
    }

    [Fact]
    public void Each_listed_paragraph_links_to_the_paragraph_it_is_shared_with()
    {
        var page = Page("luohu-2021");
        var item = Regex.Match(page, "<li id=\"shared-p9\">(.*?)</li>").Groups[1].Value;
        Assert.Contains("另见于 1 份其他部门的报告", item, StringComparison.Ordinal);
        Assert.Contains("<a href=\"wuxing-2021.html#p2\">湖州市吴兴区人力资源和社会保障局 2021年</a>", item, StringComparison.Ordinal);
        // Every link of every list reaches an element of the page it names.
        foreach (var id in new[] { "luohu-2021", "hedong-2021", "wuxing-2021" })
        {
            foreach (Match link in Regex.Matches(Regex.Match(Page(id), "<ol class=\"shared-list\">(.*?)</ol>", RegexOptions.Singleline).Groups[1].Value, "href=\"([a-z0-9-]+)\\.html#(p\\d+)\""))
            {
                Assert.Contains($"id=\"{link.Groups[2].Value}\"", Page(link.Groups[1].Value), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Two_reports_that_share_most_of_their_text_are_flagged_on_both_pages_and_on_their_bureaus_pages()
    {
        Assert.Matches("overlap-note.*hedong-2021\\.html.*本报告 \\d+% 的文字见于该报告", Page("luohu-2021"));
        Assert.Matches("overlap-note.*luohu-2021\\.html", Page("hedong-2021"));
        Assert.DoesNotContain("overlap-note", Page("wuxing-2021"), StringComparison.Ordinal);
        Assert.Contains("与其他部门报告大量相同", File.ReadAllText(Path.Combine(_output, SitePaths.Bureau("120102-hrss"))), StringComparison.Ordinal);
        Assert.Contains("与其他部门报告大量相同", File.ReadAllText(Path.Combine(_output, SitePaths.Bureau("440303-hrss"))), StringComparison.Ordinal);
        Assert.DoesNotContain("与其他部门报告大量相同", File.ReadAllText(Path.Combine(_output, SitePaths.Bureau("330502-hrss"))), StringComparison.Ordinal);
    }

    [Fact]
    public void The_open_data_file_names_every_place_of_every_shared_family_and_each_anchor_exists()
    {
        var rows = File.ReadAllLines(Path.Combine(_output, SitePaths.DataSharedParagraphs));
        Assert.Equal("family,report_id,bureau,year,anchor,url", rows[0]);
        var places = rows[1..].Select(r => r.Split(',')).ToList();
        // Eight families: seven paragraphs 罗湖 and 河东 share, one 罗湖 and 吴兴 share; each has two places.
        Assert.Equal(8, places.Select(p => p[0]).Distinct().Count());
        Assert.Equal(16, places.Count);
        foreach (var place in places)
        {
            Assert.Contains($"id=\"{place[4]}\"", Page(place[1]), StringComparison.Ordinal);
            Assert.EndsWith($"reports/{place[1]}.html#{place[4]}", place[5], StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, int> Marks(params (string Anchor, int Reports)[] marks) => marks.ToDictionary(m => m.Anchor, m => m.Reports);

    private Dictionary<string, int> MarksOn(string report) =>
        Regex.Matches(Page(report), "<a class=\"shared-mark\" href=\"#shared-(p\\d+)\"[^>]*>另见 (\\d+) 份</a>")
            .ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));

    private string Page(string report) => File.ReadAllText(Path.Combine(_output, SitePaths.Report(report)));

    public void Dispose() => _temp.Dispose();
}
