using Archive.Search.Contract;
using Archive.Search.Lucene;
using Archive.Tests.Support;

namespace Archive.Tests.Search;

/// <summary>
/// Ranking by SmartCn's words (issue 20, part 4), as `archive search` ranks: it reorders, it never changes which
/// reports match or their hits, and a report where the query stands as a whole word comes before one where it only
/// stands inside longer words (民工 in 农民工).
/// </summary>
[Collection(SearchCorporaCollection.Name)]
public sealed class WordRankingTests(SearchCorpora corpora)
{
    private static readonly SearchOptions ByWords = new(SnippetsPerResult: 0, RankByWords: true);
    private static readonly SearchOptions AsTheBrowser = new(SnippetsPerResult: 0);

    [Fact]
    public void A_report_where_the_term_is_a_whole_word_comes_before_one_where_it_is_inside_a_longer_word()
    {
        using var temp = new TempFolder();
        // whole: 民工 twice as a word (SmartCn: 加强|民工|权益), once inside 农民工; inside: four times inside 农民工.
        var input = SampleInput.Create(
            temp,
            ("whole.md", SampleInput.Report("whole", body: "我局加强民工权益保障，维护民工权益。\n" + SampleInput.DefaultBody)),
            ("inside.md", SampleInput.Report("inside", year: "2019", body: "全力保障农民工工资，农民工工资专户，农民工实名制。\n" + SampleInput.DefaultBody)),
            ("neither.md", SampleInput.Report("neither", year: "2018", body: "我局认真开展了年度法治政府建设工作。")));
        new SearchIndexBuilder().Build(new Archive.Corpus.CorpusReader().ReadValid(input), temp.Combine("cache"));
        using var engine = SearchEngine.Open(temp.Combine("cache"));

        var asTheBrowser = engine.Search(SearchQuery.Parse("民工"), AsTheBrowser).Results;
        var byWords = engine.Search(SearchQuery.Parse("民工"), ByWords).Results;

        Assert.Equal(["inside", "whole"], asTheBrowser.Select(r => r.Id));
        Assert.Equal(["whole", "inside"], byWords.Select(r => r.Id));
        Assert.Equal(asTheBrowser.ToDictionary(r => r.Id, r => r.Hits), byWords.ToDictionary(r => r.Id, r => r.Hits));
        // Where every hit is a whole word (拖欠|农民工|工资), the score is FORMAT.md §3's for a dictionary word.
        var wages = engine.Search(SearchQuery.Parse("工资"), ByWords).Results.Single(r => r.Id == "whole");
        Assert.Equal(engine.Search(SearchQuery.Parse("工资"), AsTheBrowser).Results.Single(r => r.Id == "whole").Score, wages.Score, 9);
    }

    [Theory]
    [InlineData("shipped")]
    [InlineData("imported")]
    public void Ranking_by_words_finds_the_same_reports_with_the_same_hits_and_year_counts(string name)
    {
        var corpus = corpora[name];
        var queries = QuerySamples.Draw(corpus.NormalizedTexts, 300).Concat(["农民工 工资", "双随机、一公开", "法治 OR 依法 -疫情", "\"新 质 生产力\""]).ToList();
        var reordered = 0;
        foreach (var text in queries)
        {
            var query = SearchQuery.Parse(text);
            var asTheBrowser = corpus.Engine.Search(query, AsTheBrowser);
            var byWords = corpus.Engine.Search(query, ByWords);

            Assert.Equal(asTheBrowser.Total, byWords.Total);
            Assert.Equal(asTheBrowser.YearCounts, byWords.YearCounts);
            Assert.Equal(asTheBrowser.Results.ToDictionary(r => r.Id, r => r.Hits), byWords.Results.ToDictionary(r => r.Id, r => r.Hits));
            Assert.Equal(byWords.Results.OrderByDescending(r => r.Score).Select(r => r.Score), byWords.Results.Select(r => r.Score));
            reordered += asTheBrowser.Results.Select(r => r.Id).SequenceEqual(byWords.Results.Select(r => r.Id)) ? 0 : 1;
        }

        Assert.True(reordered > 0, "ranking by words should reorder some results");
    }
}
