using Archive.Search.Contract;
using Archive.Tests.Search;
using Archive.Tests.Support;

namespace Archive.Tests.SearchClient;

/// <summary>
/// One passage rule on both sides (FORMAT.md §6): for the first result of a query, `archive search` and the browser
/// engine (under Node, on the exported index of the same input) show the same blocks, the same window of each block,
/// and the same marked runs.
/// </summary>
[Collection(SearchCorporaCollection.Name)]
public class PassageParityTests(BuiltSite site, SearchCorpora corpora) : IClassFixture<BuiltSite>
{
    private sealed record Passage(string Href, string Text, string[] Marked);

    private sealed record Answer(string Query, string[] Ids, Passage[] Snippets);

    private sealed record Output(Answer[] Answers, string[] Files);

    // Terms of every length, terms that span punctuation and blocks, and queries of several terms whose hits share blocks.
    private static readonly string[] Queries =
    [
        .. EngineParityTests.Named, "法治", "工作", "人力资源", "2020年", "劳动 仲裁", "欠薪 OR 农民工", "法治 政府 建设", "双随机、一公开", "年度报告",
    ];

    [Fact]
    public void The_first_result_shows_the_same_passages_in_archive_search_and_in_the_browser()
    {
        var answers = NodeScript.Run<Output>("search-cli.mjs", Queries, Path.Combine(site.Output, "search")).Answers;
        var compared = 0;
        foreach (var answer in answers.Where(a => a.Ids.Length > 0))
        {
            var result = corpora.Shipped.Engine.Search(SearchQuery.Parse(answer.Query)).Results[0];
            Assert.Equal(answer.Ids[0], result.Id);

            var expected = answer.Snippets.Select(p => (Anchor: p.Href.Split('#')[1], p.Text, Marked: string.Join('|', p.Marked))).ToList();
            var actual = result.Snippets.Select(s => (s.Anchor, s.Text, Marked: string.Join('|', s.Marks.Select(m => s.Text[m.Start..m.End])))).ToList();
            Assert.True(expected.SequenceEqual(actual), $"{answer.Query}: the browser shows\n{string.Join('\n', expected)}\nbut archive search shows\n{string.Join('\n', actual)}");
            compared += actual.Count;
        }

        Assert.True(compared >= Queries.Length, $"only {compared} passages compared");
    }
}
