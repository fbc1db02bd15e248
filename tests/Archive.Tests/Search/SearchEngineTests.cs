using Xunit.Abstractions;
using Archive.Core;
using Archive.Search.Contract;
using Archive.Search.Lucene;

namespace Archive.Tests.Search;

[Collection(SearchCorporaCollection.Name)]
public sealed class SearchEngineTests(SearchCorpora corpora, ITestOutputHelper output)
{
    public static TheoryData<string> Corpora => new("shipped", "imported");

    [Theory]
    [MemberData(nameof(Corpora))]
    public void LuceneFindsExactlyTheReportsThatContainEachTermWithTheSameHitCounts(string name)
    {
        var corpus = corpora[name];
        var queries = QuerySamples.Draw(corpus.NormalizedTexts, 2000);
        var disagreements = new List<string>();
        var matchedSomething = 0;
        foreach (var text in queries)
        {
            var query = SearchQuery.Parse(text);
            var expected = corpus.BruteForce.Match(query);
            var actual = corpus.EngineMatches(query);
            matchedSomething += expected.Count > 0 ? 1 : 0;
            if (!SameMatches(expected, actual))
            {
                disagreements.Add($"{text}: expected {Describe(expected)}, Lucene {Describe(actual)}");
            }
        }

        output.WriteLine($"{name}: {queries.Count} queries, {matchedSomething} with matches, {disagreements.Count} disagreements");
        Assert.True(matchedSomething > queries.Count / 2, "the sample should mostly be found");
        Assert.Empty(disagreements.Take(20));
    }

    [Theory]
    [MemberData(nameof(Corpora))]
    public void StaticIndexFilesAnswerEveryQueryLikeTheBruteForceSearch(string name)
    {
        var corpus = corpora[name];
        var disagreements = new List<string>();
        var queries = QuerySamples.Draw(corpus.NormalizedTexts, 2000);
        foreach (var text in queries)
        {
            var query = SearchQuery.Parse(text);
            var expected = corpus.BruteForce.Match(query);
            var actual = corpus.Static.Match(query);
            if (!SameMatches(expected, actual))
            {
                disagreements.Add($"{text}: expected {Describe(expected)}, static {Describe(actual)}");
            }
        }

        output.WriteLine($"{name}: {queries.Count} queries, {disagreements.Count} disagreements");
        Assert.Empty(disagreements.Take(20));
    }

    [Fact]
    public void TermInsideALongerWordIsFoundWhereTheDictionaryWouldSplitIt()
    {
        // ICU segments 农民工 as 农民|工, so a word index misses 民工; the exact field must not.
        var query = SearchQuery.Parse("民工");

        var matches = corpora.Shipped.EngineMatches(query);

        Assert.Equal(corpora.Shipped.BruteForce.Match(query), matches);
        Assert.NotEmpty(matches);
    }

    [Fact]
    public void DigitsInsideANumberAreFound()
    {
        var matches = corpora.Shipped.EngineMatches(SearchQuery.Parse("020"));

        Assert.Contains("440303-hrss-2020", matches.Keys);
    }

    [Fact]
    public void PunctuationInTheQueryOrTheTextDoesNotStopAMatch()
    {
        var withPunctuation = corpora.Shipped.EngineMatches(SearchQuery.Parse("双随机、一公开"));
        var without = corpora.Shipped.EngineMatches(SearchQuery.Parse("双随机一公开"));

        Assert.NotEmpty(without);
        Assert.Equal(without, withPunctuation);
    }

    [Fact]
    public void OnlyExcludedTermsMatchEveryReportWithoutThem()
    {
        var corpus = corpora.Shipped;
        var query = SearchQuery.Parse("-云仲裁");

        var matches = corpus.EngineMatches(query);

        Assert.Equal(corpus.Corpus.Reports.Count(r => !SearchableText.Of(r).Normalized.Text.Contains("云仲裁")), matches.Count);
        Assert.All(matches.Values, hits => Assert.Equal(0, hits));
    }

    [Fact]
    public void QueryWithoutLettersOrDigitsMatchesNothing()
    {
        var results = corpora.Shipped.Engine.Search(SearchQuery.Parse("，。！"));

        Assert.Equal(0, results.Total);
        Assert.NotEmpty(results.Notices);
    }

    [Fact]
    public void YearFilterKeepsOneYearButYearCountsShowEveryYear()
    {
        var engine = corpora.Shipped.Engine;
        var all = engine.Search(SearchQuery.Parse("法治"));

        var only2020 = engine.Search(SearchQuery.Parse("法治"), new SearchOptions(Year: 2020));

        Assert.All(only2020.Results, r => Assert.Equal(2020, r.Year));
        Assert.Equal(all.Results.Count(r => r.Year == 2020), only2020.Total);
        Assert.Equal(all.YearCounts, only2020.YearCounts);
        Assert.Equal(all.Total, all.YearCounts.Sum(y => y.Reports));
    }

    [Theory]
    [InlineData("广东省")]
    [InlineData("广东")]
    [InlineData("440000")]
    public void ProvinceFilterByNameOrCodeKeepsOnlyThatProvince(string province)
    {
        var results = corpora.Shipped.Engine.Search(SearchQuery.Parse("法治"), new SearchOptions(Region: province));

        Assert.Equal(["440105-hrss-2021", "440303-hrss-2020", "440600-hrss-2020"], results.Results.Select(r => r.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CityFilterKeepsOnlyThatCity()
    {
        var results = corpora.Shipped.Engine.Search(SearchQuery.Parse("法治"), new SearchOptions(Region: "深圳市"));

        Assert.Equal(["440303-hrss-2020"], results.Results.Select(r => r.Id));
    }

    [Fact]
    public void UnknownRegionOrBureauIsAUserError()
    {
        var engine = corpora.Shipped.Engine;

        Assert.Throws<InputException>(() => engine.Search(SearchQuery.Parse("法治"), new SearchOptions(Region: "不存在市")));
        Assert.Throws<InputException>(() => engine.Search(SearchQuery.Parse("法治"), new SearchOptions(Bureau: "nobody")));
    }

    [Fact]
    public void BureauFilterKeepsOnlyThatBureau()
    {
        var results = corpora.Shipped.Engine.Search(SearchQuery.Parse("法治"), new SearchOptions(Bureau: "120102-hrss"));

        Assert.Equal(["120102-hrss-2023"], results.Results.Select(r => r.Id));
    }

    [Fact]
    public void DateSortPutsTheNewestPublishedFirstAndUnknownDatesLast()
    {
        var results = corpora.Shipped.Engine.Search(SearchQuery.Parse("法治"), new SearchOptions(Sort: SearchSort.Date)).Results;

        var known = results.TakeWhile(r => r.Published is not null).ToList();
        Assert.Equal(known.OrderByDescending(r => r.Published), known);
        Assert.All(results.Skip(known.Count), r => Assert.Null(r.Published));
    }

    [Fact]
    public void RelevanceRanksAReportWithManyHitsAboveOneWithFew()
    {
        var results = corpora.Shipped.Engine.Search(SearchQuery.Parse("仲裁")).Results;

        Assert.Equal(results.OrderByDescending(r => r.Score), results);
        Assert.True(results[0].Hits > results[^1].Hits);
    }

    [Fact]
    public void SnippetsShowTheHitAsWrittenWithContextAndTheBlockAnchor()
    {
        var result = corpora.Shipped.Engine.Search(SearchQuery.Parse("双随机一公开")).Results[0];

        var snippet = result.Snippets[0];
        Assert.Equal("双随机、一公开", snippet.Match);
        Assert.InRange(snippet.Before.Length, 0, SnippetBuilder.ContextLength);
        Assert.InRange(snippet.After.Length, 0, SnippetBuilder.ContextLength);
        var report = corpora.Shipped.Corpus.Reports.Single(r => r.Id == result.Id);
        var block = SearchableText.Of(report).Blocks.Single(b => b.Anchor == snippet.Anchor);
        Assert.Contains(snippet.Before + snippet.Match + snippet.After, block.Text);
        Assert.InRange(result.Snippets.Count, 1, 3);
    }

    private static bool SameMatches(IReadOnlyDictionary<string, int> expected, IReadOnlyDictionary<string, int> actual) =>
        expected.Count == actual.Count && expected.All(e => actual.TryGetValue(e.Key, out var hits) && hits == e.Value);

    private static string Describe(IReadOnlyDictionary<string, int> matches) =>
        "{" + string.Join(", ", matches.OrderBy(m => m.Key, StringComparer.Ordinal).Take(6).Select(m => $"{m.Key}:{m.Value}")) + (matches.Count > 6 ? ", …}" : "}");
}
