using Archive.Tests.Support;
using Archive.Tests.Search;
using System.Globalization;
using Archive.Search.Contract;
using Archive.Search.Lucene;
using Archive.Search.StaticIndex;

namespace Archive.Tests.SearchClient;

/// <summary>
/// The browser engine on the larger imported corpus (31 provincial work reports and the national sample): same
/// reports and hits as a brute-force scan, and the same order, scores and per-year counts as the C# engine.
/// </summary>
[Collection(SearchCorporaCollection.Name)]
public sealed class ImportedCorpusParityTests : IDisposable
{
    private readonly SearchCorpus _corpus;
    private readonly TempFolder _index = new();

    public ImportedCorpusParityTests(SearchCorpora corpora)
    {
        _corpus = corpora.Imported;
        foreach (var (path, bytes) in _corpus.Files)
        {
            _index.Write(path, bytes);
        }
    }

    private sealed record Answer(string Query, Dictionary<string, int> Reports, string[] Ids, double[] Scores, Dictionary<string, int> Years);

    private sealed record Output(Answer[] Answers, string[] Files);

    [Fact]
    public void Random_substrings_and_the_query_language_find_exactly_the_reports_and_hits_of_a_brute_force_scan()
    {
        var queries = RandomSubstrings(1000, 20240602).Concat(EngineParityTests.Named).Concat(EngineParityTests.Language).ToList();
        var mismatches = new List<string>();
        foreach (var answer in Search(queries))
        {
            var expected = _corpus.BruteForce.Match(SearchQuery.Parse(answer.Query));
            if (expected.Count != answer.Reports.Count || expected.Any(e => !answer.Reports.TryGetValue(e.Key, out var hits) || hits != e.Value))
            {
                mismatches.Add($"{answer.Query}: expected {expected.Count} reports / {expected.Values.Sum()} hits, JS gave {answer.Reports.Count} / {answer.Reports.Values.Sum()}");
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {queries.Count} queries differ:\n" + string.Join('\n', mismatches.Take(20)));
    }

    [Fact]
    public void Results_come_in_the_order_and_with_the_scores_and_year_counts_of_the_CSharp_engine()
    {
        // Both sides segment width-folded text, so ICU 60 (C#) and newer ICU (node, Chromium) agree on full-width digits.
        var queries = EngineParityTests.Named.Concat(["经济", "高质量发展", "人工智能 OR 数字经济", "改革 -开放", "\"新 质 生产力\"", "稳定", "人民", "农业 OR 工业 -粮食", "2024年", "乡村振兴", "１９５２", "1952年"])
            .Concat(RandomSubstrings(300, 7)).ToList();
        var mismatches = new List<string>();
        foreach (var answer in Search(queries))
        {
            var expected = _corpus.Engine.Search(SearchQuery.Parse(answer.Query), new SearchOptions(SnippetsPerResult: 0));
            var ids = expected.Results.Select(r => r.Id).ToArray();
            var scores = expected.Results.Select(r => r.Score).ToArray();
            var years = expected.YearCounts.ToDictionary(y => y.Year.ToString(CultureInfo.InvariantCulture), y => y.Reports);
            if (!ids.SequenceEqual(answer.Ids))
            {
                mismatches.Add($"{answer.Query}: order differs, C# {string.Join(",", ids.Take(5))}…, JS {string.Join(",", answer.Ids.Take(5))}…");
            }
            else if (scores.Zip(answer.Scores).Any(s => Math.Abs(s.First - s.Second) > 1e-6 * Math.Max(1, Math.Abs(s.First))))
            {
                var at = scores.Zip(answer.Scores).Select((s, i) => (s, i)).First(x => Math.Abs(x.s.First - x.s.Second) > 1e-6 * Math.Max(1, Math.Abs(x.s.First)));
                mismatches.Add($"{answer.Query}: score of {ids[at.i]} is {at.s.First} in C#, {at.s.Second} in JS");
            }
            else if (years.Count != answer.Years.Count || years.Any(y => answer.Years.GetValueOrDefault(y.Key) != y.Value))
            {
                mismatches.Add($"{answer.Query}: per-year counts differ");
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {queries.Count} queries differ:\n" + string.Join('\n', mismatches.Take(20)));
    }

    private List<string> RandomSubstrings(int count, int seed)
    {
        var random = new Random(seed);
        var texts = _corpus.NormalizedTexts;
        var queries = new List<string>();
        while (queries.Count < count)
        {
            var text = texts[random.Next(texts.Count)];
            var points = StringInfo.ParseCombiningCharacters(text);
            var length = random.Next(2, 9);
            if (points.Length <= length)
            {
                continue;
            }

            var start = random.Next(points.Length - length);
            var end = start + length;
            queries.Add(text[points[start]..(end < points.Length ? points[end] : text.Length)]);
        }

        return queries;
    }

    private Answer[] Search(IReadOnlyList<string> queries) => NodeScript.Run<Output>("search-cli.mjs", queries, _index.Combine(SearchIndexExporter.Folder)).Answers;

    public void Dispose() => _index.Dispose();
}
