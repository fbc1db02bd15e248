using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Archive.Build;
using Archive.Core;
using Archive.Corpus;
using Archive.Reading.Comparison;
using Archive.Tests.Support;

namespace Archive.Tests.Site;

/// <summary>
/// Each report with an earlier year from its bureau is compared with that report on its page (issue 20): read back
/// from the page, the older text plus the marked changes is the newer text, for every pair of a generated corpus whose
/// reports are edits of their bureau's previous year (paragraphs kept, rewritten, dropped, added) or drawn afresh.
/// </summary>
public sealed class YearComparisonTests
{
    private static readonly HtmlParser Parser = new();

    [Fact]
    public void The_newer_text_is_the_older_plus_the_marked_changes_for_every_pair_and_the_summary_counts_them()
    {
        using var temp = new TempFolder();
        var input = WriteEditedCorpus(temp);
        var output = temp.Combine("output");
        new SiteBuilder().Build(new BuildPaths(input, RepoPaths.Theme, output));
        var corpus = new CorpusReader().ReadValid(input);

        var pairs = 0;
        var kinds = new HashSet<string>();
        foreach (var report in corpus.Reports)
        {
            var page = Parser.ParseDocument(File.ReadAllText(Path.Combine(output, SitePaths.Report(report.Id))));
            var earlier = corpus.Reports.Where(r => r.BureauId == report.BureauId && r.Year < report.Year).MaxBy(r => (r.Year, r.Id));
            var section = page.QuerySelector("section#compare");
            if (earlier is null)
            {
                Assert.Null(section);
                continue;
            }

            Assert.NotNull(section);
            pairs++;
            var older = YearComparison.BlocksOf(earlier.ReadBody());
            var newer = YearComparison.BlocksOf(report.ReadBody());
            var olderByAnchor = older.ToDictionary(b => b.Anchor, b => b.Text);
            var blocks = section!.QuerySelectorAll(".diff > p").ToList();

            // Every block of both texts, each once, in reading order.
            Assert.Equal(older.Select(b => b.Anchor), blocks.Where(b => b.HasAttribute("data-older")).Select(b => b.GetAttribute("data-older")));
            Assert.Equal(newer.Select(b => b.Anchor), blocks.Where(b => b.HasAttribute("data-newer")).Select(b => b.GetAttribute("data-newer")));

            var rebuilt = blocks.Where(b => !b.ClassList.Contains("dropped")).Select(b => b.ClassList[0] switch
            {
                "same" => olderByAnchor[b.GetAttribute("data-older")!],
                "changed" => TextWithout(b, "del"),
                // A new block is whole in the text above, which its link leads to.
                "new" => ParagraphText(page, b.QuerySelector("a")!.GetAttribute("href")![1..], b.GetAttribute("data-newer")!),
                var other => throw new InvalidOperationException($"{report.Id}: a block marked {other}"),
            });
            Assert.Equal(newer.Select(b => b.Text), rebuilt);
            // A dropped block starts as it did and links to itself in the older report.
            Assert.All(blocks.Where(b => b.ClassList.Contains("dropped")), b =>
            {
                Assert.StartsWith(b.QuerySelector("del")!.TextContent.TrimEnd('…'), olderByAnchor[b.GetAttribute("data-older")!]);
                Assert.Equal($"{earlier.Id}.html#{b.GetAttribute("data-older")}", b.QuerySelector("a")!.GetAttribute("href"));
            });
            kinds.UnionWith(blocks.Select(b => b.ClassList[0]!));

            var count = (string kind) => blocks.Count(b => b.ClassList.Contains(kind));
            Assert.StartsWith($"与{earlier.Year}年相比：新增 {count("new")} 段，删除 {count("dropped")} 段，改写 {count("changed")} 段，", section.QuerySelector(".compare-summary")!.TextContent);
            Assert.Contains(SitePaths.Report(earlier.Id).Split('/')[^1], section.QuerySelector(".compare-summary a")!.GetAttribute("href"));

            // The older report links to this comparison.
            var olderPage = Parser.ParseDocument(File.ReadAllText(Path.Combine(output, SitePaths.Report(earlier.Id))));
            Assert.Contains(olderPage.QuerySelectorAll("nav.prevnext a"), a => a.GetAttribute("href")!.EndsWith(report.Id + ".html#compare", StringComparison.Ordinal));
        }

        Assert.True(pairs >= 20, $"only {pairs} pairs compared");
        // The crawl of the whole site: comparisons, charts and figure tables link only to what exists.
        var (checkedLinks, broken) = SiteLinks.Check(output);
        Assert.True(checkedLinks > 1000, $"only {checkedLinks} links checked");
        Assert.Empty(broken);
        Assert.Contains(Directory.EnumerateFiles(Path.Combine(output, "bureaus"), "*.html"), f => File.ReadAllText(f).Contains("figure class=\"series\"", StringComparison.Ordinal));
        Assert.Equal(["changed", "dropped", "new", "same"], kinds.Order(StringComparer.Ordinal));

        // The bureau's timeline links each compared year.
        var bureau = Parser.ParseDocument(File.ReadAllText(Path.Combine(output, SitePaths.Bureau("440303-hrss"))));
        Assert.Equal(
            corpus.Reports.Where(r => r.BureauId == "440303-hrss").Select(r => r.Year).Distinct().Order().Skip(1).Select(y => $"{y}年"),
            bureau.QuerySelectorAll("p.compare-links a").Select(a => a.TextContent));
    }

    [Fact]
    public void A_report_whose_previous_year_changes_is_compared_again_on_a_rebuild()
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(
            temp,
            ("a.md", SampleInput.Report("luohu-2019", year: "2019", body: "全年办理行政复议案件58件。\n组织培训两次。\n")),
            ("b.md", SampleInput.Report("luohu-2020", year: "2020", body: "全年办理行政复议案件61件。\n组织培训两次。\n")));
        var paths = new BuildPaths(input, RepoPaths.Theme, temp.Combine("output"), temp.Combine("cache"));
        new SiteBuilder().Build(paths);
        string Compare() => Parser.ParseDocument(File.ReadAllText(Path.Combine(paths.Output, SitePaths.Report("luohu-2020")))).QuerySelector("section#compare .diff")!.InnerHtml;
        Assert.Contains("<del>58</del><ins>61</ins>", Compare());

        File.WriteAllText(Path.Combine(input, "reports", "a.md"), SampleInput.Report("luohu-2019", year: "2019", body: "全年办理行政复议案件57件。\n组织培训两次。\n"));
        new SiteBuilder().Build(paths);

        Assert.Contains("<del>57</del><ins>61</ins>", Compare());
    }

    // The text of the block the page's body holds at the anchor, without its citation link.
    private static string ParagraphText(IDocument page, string anchor, string newerAnchor)
    {
        Assert.Equal(newerAnchor, anchor);
        var block = page.QuerySelector(".body")!.QuerySelector($"[id='{anchor}']")!;
        var own = block.LocalName == "section" ? block.Children.First(c => c.LocalName.StartsWith('h')) : block;
        // Without the links the page adds to a paragraph: its citation link and the mark of shared text.
        return string.Concat(own.ChildNodes.Where(n => n is not IElement { ClassName: "cite" or "shared-mark" }).Select(n => n.TextContent));
    }

    private static string TextWithout(IElement block, string tag)
    {
        var text = new StringBuilder();
        foreach (var node in block.ChildNodes)
        {
            if (node is not IElement { LocalName: var name } || name != tag)
            {
                text.Append(node.TextContent);
            }
        }

        return text.ToString();
    }

    // Three bureaus over six years: two whose every report edits the one before (a paragraph dropped, one rewritten
    // by a few characters, one added, a heading renamed), one whose reports are drawn afresh each year.
    private static string WriteEditedCorpus(TempFolder temp)
    {
        var random = new Random(17);
        var reports = new List<(string, string)>();
        foreach (var bureau in new[] { "440303-hrss", "120102-hrss" })
        {
            var paragraphs = FixtureReports.Paragraphs(random, 10).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
            var heading = "一、主要举措和成效";
            for (var year = 2017; year <= 2022; year++)
            {
                var body = $"我局坚持依法行政，认真开展了年度法治政府建设工作。\n{heading}\n{string.Join('\n', paragraphs.Take(5))}\n二、存在的不足\n{string.Join('\n', paragraphs.Skip(5))}\n";
                reports.Add(($"{bureau}-{year}.md", SampleInput.Report($"{bureau}-{year}", bureau: bureau, year: year.ToString(System.Globalization.CultureInfo.InvariantCulture), body: body)));
                paragraphs.RemoveAt(random.Next(paragraphs.Count));
                var edited = random.Next(paragraphs.Count);
                var text = paragraphs[edited];
                var at = random.Next(1, text.Length - 6);
                paragraphs[edited] = text[..at] + "进一步" + text[(at + 3)..];
                paragraphs.Insert(random.Next(paragraphs.Count + 1), FixtureReports.Paragraphs(random, 1).Trim());
                heading = year % 2 == 0 ? "一、主要举措和成效" : "一、主要工作举措";
            }
        }

        var input = SampleInput.Create(temp, [.. reports]);
        FixtureReports.WriteCorpus(Path.Combine(input, "more"), 12, seed: 3, ["330502-hrss"], 3, 7);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(input, "more", "reports")))
        {
            File.Move(file, Path.Combine(input, "reports", Path.GetFileName(file)));
        }

        // The shipped bureaus, which hold all three.
        File.Move(Path.Combine(input, "more", "bureaus.yml"), Path.Combine(input, "bureaus.yml"), overwrite: true);
        Directory.Delete(Path.Combine(input, "more"), recursive: true);
        return input;
    }
}
