using Archive.Tests.Search;
using Archive.Tests.Support;
using System.Globalization;
using Archive.Corpus;
using Archive.Search.Contract;

namespace Archive.Tests.SearchClient;

/// <summary>
/// The browser engine (engine.js under Node, reading the exported output/search/) finds exactly the reports and hit
/// counts of a brute-force scan of the normalized texts, for random substrings and for the query language.
/// </summary>
public class EngineParityTests(BuiltSite site) : IClassFixture<BuiltSite>
{
    private sealed record Passage(string Href, string Text, string[] Marked);

    private sealed record Answer(string Query, Dictionary<string, int> Reports, string[] Ids, Passage[] Snippets);

    private sealed record Output(Answer[] Answers, string[] Files);

    public static readonly string[] Named = ["民工", "欠薪", "调解率", "云仲裁", "双随机一公开", "谁执法谁普法", "年以来"];

    public static readonly string[] Language =
    [
        "民工 欠薪", "欠薪 OR 调解率", "民工 -欠薪", "-欠薪", "-法治", "\"双随机 一公开\"", "双随机、一公开", "农民 工 OR 仲裁 -\"云 仲裁\"",
        "谁执法谁普法 OR 云仲裁 年以来", "欠薪 欠薪", "a OR", "OR 欠薪", "、。，", "", "ＷＴＯ", "2020年", "二〇二〇", "法治 -法治",
        "“欠薪”", "－欠薪 民工", "00", "000", "0", "欠薪 OR OR 民工", "<img src=x onerror=alert(1)>", "没有这个词组合就不会出现",
    ];

    private readonly Archive.Corpus.Corpus _corpus = new CorpusReader().ReadValid(RepoPaths.Input);

    [Fact]
    public void Random_substrings_find_exactly_the_reports_and_hits_of_a_brute_force_scan()
    {
        var random = new Random(20240601);
        var texts = _corpus.Reports.Select(r => SearchableText.Of(r)).ToList();
        var queries = new List<string>();
        for (var i = 0; i < 1200; i++)
        {
            var text = texts[random.Next(texts.Count)];
            var points = StringInfo.ParseCombiningCharacters(text.Normalized.Text);
            var length = random.Next(2, 9);
            var start = random.Next(Math.Max(1, points.Length - length));
            var end = Math.Min(points.Length, start + length);
            queries.Add(text.Normalized.Text[points[start]..(end < points.Length ? points[end] : text.Normalized.Text.Length)]);
        }

        for (var i = 0; i < 200; i++)
        {
            // Substrings of the original text carry punctuation, line breaks and spaces into the query.
            var joined = texts[random.Next(texts.Count)].Joined;
            var start = random.Next(joined.Length - 12);
            queries.Add(joined.Substring(start, random.Next(2, 12)));
        }

        AssertSameAsBruteForce(queries);
    }

    [Fact]
    public void Named_terms_and_the_query_language_find_exactly_the_reports_and_hits_of_a_brute_force_scan()
    {
        AssertSameAsBruteForce([.. Named, .. Language]);
    }

    [Fact]
    public void Passages_link_to_a_block_of_the_report_and_mark_the_term()
    {
        var answers = Search(Named).Answers;
        var anchors = _corpus.Reports.ToDictionary(r => r.Id, r => SearchableText.Of(r).Blocks.Select(b => b.Anchor).ToHashSet());

        foreach (var answer in answers.Where(a => a.Ids.Length > 0))
        {
            Assert.NotEmpty(answer.Snippets);
            foreach (var passage in answer.Snippets)
            {
                var (url, anchor) = (passage.Href.Split('#')[0], passage.Href.Split('#')[1]);
                Assert.Equal(SitePathsOf(answer.Ids[0]), url);
                Assert.Contains(anchor, anchors[answer.Ids[0]]);
                Assert.StartsWith(TextNormalizer.NormalizeToString(passage.Marked[0]), TextNormalizer.NormalizeToString(answer.Query), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Repeating_a_query_reads_no_file_twice()
    {
        var files = Search([.. Named, .. Named]).Files;

        Assert.Equal(files.Length, files.Distinct().Count());
    }

    private static string SitePathsOf(string id) => Archive.Core.SitePaths.Report(id);

    private void AssertSameAsBruteForce(IReadOnlyList<string> queries)
    {
        var bruteForce = new BruteForceSearch(_corpus.Reports);
        var answers = Search(queries).Answers;
        var mismatches = new List<string>();
        foreach (var answer in answers)
        {
            var expected = bruteForce.Match(SearchQuery.Parse(answer.Query));
            var same = expected.Count == answer.Reports.Count && expected.All(e => answer.Reports.TryGetValue(e.Key, out var hits) && hits == e.Value);
            if (!same)
            {
                mismatches.Add($"{answer.Query}: expected {Describe(expected)}, JS gave {Describe(answer.Reports)}");
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {answers.Length} queries differ:\n" + string.Join('\n', mismatches.Take(20)));
    }

    private static string Describe(IReadOnlyDictionary<string, int> reports) =>
        reports.Count == 0 ? "nothing" : string.Join(", ", reports.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}×{r.Value}"));

    private Output Search(IReadOnlyList<string> queries)
    {
        var folder = Path.Combine(site.Output, "search");
        Assert.True(File.Exists(Path.Combine(folder, "manifest.json")), "the build wrote no search/manifest.json");
        return NodeScript.Run<Output>("search-cli.mjs", queries, folder);
    }
}
