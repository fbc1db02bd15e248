using Archive.Corpus;
using Archive.Search.Contract;
using Archive.Tests.Support;

namespace Archive.Tests.Search;

/// <summary>
/// QueryMatch (what saved-search feeds are made with) answers as the literal reading of the spec does: the same reports
/// and hit counts as <see cref="BruteForceSearch"/> for terms drawn from the reports themselves, with OR, exclusions,
/// phrases across punctuation and absent terms.
/// </summary>
public class QueryMatchTests
{
    [Fact]
    public void Every_query_matches_the_reports_and_hits_the_brute_force_scan_finds()
    {
        var corpus = new CorpusReader().ReadValid(RepoPaths.Input);
        var texts = corpus.Reports.ToDictionary(r => r.Id, r => SearchableText.Of(r).Normalized.Text);
        var random = new Random(17);
        var queries = new List<string> { "欠薪", "双随机一公开", "农民工 OR 欠薪", "法治 -疫情", "-口罩", "\"依法 行政\"", "不存在的词语组合", "仲裁 欠薪 OR 工资" };
        foreach (var text in texts.Values)
        {
            for (var i = 0; i < 6; i++)
            {
                var length = random.Next(1, 7);
                var at = random.Next(0, text.Length - length);
                var term = text.Substring(at, length);
                queries.Add(random.Next(3) switch { 0 => term, 1 => $"{term} OR 欠薪", _ => $"{term} -疫情" });
            }
        }

        var scan = new BruteForceSearch(corpus.Reports);
        foreach (var query in queries)
        {
            var parsed = SearchQuery.Parse(query);
            var found = texts.Select(t => (t.Key, Hits: QueryMatch.Hits(parsed, t.Value))).Where(t => t.Hits is not null).ToDictionary(t => t.Key, t => t.Hits!.Value);
            Assert.Equal(scan.Match(query).OrderBy(e => e.Key, StringComparer.Ordinal), found.OrderBy(e => e.Key, StringComparer.Ordinal));
        }

        Assert.Null(QueryMatch.Hits(SearchQuery.Parse("  "), texts.Values.First()));
        Assert.Equal(2, QueryMatch.Occurrences("aaa", "aa"));
    }
}
