using Archive.Tests.Search;
using Archive.Tests.Support;
using System.Globalization;
using Archive.Corpus;
using Archive.Search.Contract;
using Archive.Search.StaticIndex;

namespace Archive.Tests.SearchClient;

/// <summary>
/// A static index brought up to date by an update (FORMAT.md §4.6) answers as the corpus it describes: the browser
/// engine finds exactly the reports and hits of a brute-force scan after reports were changed, removed and added
/// (one of them under a bureau new to the index), and scores every report as a fresh full export does.
/// </summary>
public sealed class IndexUpdateParityTests : IDisposable
{
    private const int Seed = 20261123;
    private readonly TempFolder _temp = new();

    private sealed record Answer(string Query, Dictionary<string, int> Reports, string[] Ids, double[] Scores);

    private sealed record Output(Answer[] Answers, string[] Files);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void After_changes_removals_and_additions_the_updated_index_finds_exactly_what_a_scan_finds_and_scores_as_a_fresh_one()
    {
        var input = WriteCorpus(reports: 40);
        // Tiny packs, so that the base and the update each fill several, and the update's key set has postings in packs too.
        var exporter = new SearchIndexExporter(SearchCorpus.Tiny);
        var before = new CorpusReader().ReadValid(input);
        var baseFiles = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var last = exporter.Write(before, (path, bytes) => { lock (baseFiles) { baseFiles[path] = bytes; } });

        var reports = Path.Combine(input, "reports");
        File.AppendAllText(Path.Combine(reports, "r0003.md"), "本年度新设立了劳动争议速裁庭，办结速裁案件一百二十件。\n");
        File.WriteAllText(Path.Combine(reports, "r0010.md"), File.ReadAllText(Path.Combine(reports, "r0010.md")).Replace("依法行政", "依法办事", StringComparison.Ordinal));
        File.AppendAllText(Path.Combine(reports, "r0021.md"), "二、下一步工作打算\n持续推进欠薪治理。\n");
        var removedText = SearchableText.Of(before.Reports.Single(r => r.SourceFile.EndsWith("r0005.md", StringComparison.Ordinal))).Normalized.Text;
        File.Delete(Path.Combine(reports, "r0005.md"));
        File.Delete(Path.Combine(reports, "r0030.md"));
        File.WriteAllText(Path.Combine(reports, "r0900.md"), Report(900, "440600-hrss", 2024, "新设区的首份报告：推进劳动争议速裁庭建设。\n一、主要成效\n办结速裁案件三十件。"));
        File.WriteAllText(Path.Combine(reports, "r0901.md"), Report(901, "440303-hrss", 2025, Paragraphs(new Random(Seed + 1), 8)));
        var after = new CorpusReader().ReadValid(input);

        var update = exporter.UpdateFiles(after, last);
        Assert.NotNull(update);
        Assert.DoesNotContain(update, f => f.Path.StartsWith("search/keys/", StringComparison.Ordinal));
        Assert.Contains(update, f => f.Path.StartsWith("search/update/keys/", StringComparison.Ordinal));
        var updated = _temp.Combine("updated");
        WriteAll(updated, baseFiles.Select(f => (f.Key, f.Value)).Concat(update));
        var fresh = _temp.Combine("fresh");
        WriteAll(fresh, new SearchIndexExporter(SearchCorpus.Tiny).Files(after));

        var queries = Queries(after, removedText);
        var answers = Search(updated, queries);
        var bruteForce = new BruteForceSearch(after.Reports);
        var mismatches = new List<string>();
        foreach (var answer in answers)
        {
            var expected = bruteForce.Match(SearchQuery.Parse(answer.Query));
            if (expected.Count != answer.Reports.Count || !expected.All(e => answer.Reports.TryGetValue(e.Key, out var hits) && hits == e.Value))
            {
                mismatches.Add($"{answer.Query}: expected {Describe(expected)}, JS gave {Describe(answer.Reports)}");
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {answers.Length} queries differ:\n" + string.Join('\n', mismatches.Take(20)));
        Assert.Contains(answers, a => a.Reports.ContainsKey("440600-hrss-2024-900"));

        // Scores need N, df, avgdl and each report's length: the same after an update as after a full export. (Ties
        // may be ordered differently: added reports come after the base's in doc order.)
        var freshAnswers = Search(fresh, queries);
        for (var q = 0; q < answers.Length; q++)
        {
            var scores = ScoresById(answers[q]);
            var freshScores = ScoresById(freshAnswers[q]);
            Assert.Equal(freshScores.Keys.Order(StringComparer.Ordinal), scores.Keys.Order(StringComparer.Ordinal));
            Assert.All(freshScores, s => Assert.True(Math.Abs(s.Value - scores[s.Key]) < 1e-9, $"{answers[q].Query}: {s.Key} scored {scores[s.Key]}, fresh {s.Value}"));
        }
    }

    [Fact]
    public void An_update_is_refused_when_a_report_moved_to_another_bureau()
    {
        var input = WriteCorpus(reports: 10);
        var exporter = new SearchIndexExporter();
        var last = exporter.Write(new CorpusReader().ReadValid(input), (_, _) => { });
        var file = Path.Combine(input, "reports", "r0002.md");
        File.WriteAllText(file, File.ReadAllText(file).Replace("bureau: 330502-hrss", "bureau: 440600-hrss", StringComparison.Ordinal));

        Assert.Null(exporter.UpdateFiles(new CorpusReader().ReadValid(input), last));
    }

    private static Dictionary<string, double> ScoresById(Answer answer) =>
        answer.Ids.Select((id, i) => (id, answer.Scores[i])).ToDictionary(x => x.id, x => x.Item2, StringComparer.Ordinal);

    private static List<string> Queries(Archive.Corpus.Corpus corpus, string removedText)
    {
        var random = new Random(Seed);
        var texts = corpus.Reports.Select(r => SearchableText.Of(r).Normalized.Text).Append(removedText).ToList();
        var queries = new List<string> { "速裁庭", "劳动争议速裁庭", "依法办事", "依法行政", "下一步工作打算", "新设区的首份报告", "欠薪", "-依法行政", "-法治", "欠薪 -依法办事" };
        for (var i = 0; i < 400; i++)
        {
            var text = texts[random.Next(texts.Count)];
            var points = StringInfo.ParseCombiningCharacters(text);
            var length = random.Next(2, 12);
            var start = random.Next(Math.Max(1, points.Length - length));
            var end = Math.Min(points.Length, start + length);
            queries.Add(text[points[start]..(end < points.Length ? points[end] : text.Length)]);
        }

        return queries;
    }

    private static Answer[] Search(string output, IReadOnlyList<string> queries) =>
        NodeScript.Run<Output>("search-cli.mjs", queries, Path.Combine(output, "search")).Answers;

    private static void WriteAll(string folder, IEnumerable<(string Path, byte[] Bytes)> files)
    {
        foreach (var (path, bytes) in files)
        {
            var file = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, bytes);
        }
    }

    private static string Describe(IReadOnlyDictionary<string, int> reports) =>
        reports.Count == 0 ? "nothing" : string.Join(", ", reports.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}×{r.Value}"));

    // Four of the five bureaus of input/ (the fifth is new to the index when a report of it is added), eleven years,
    // 4–9 paragraphs a report.
    private string WriteCorpus(int reports) =>
        FixtureReports.WriteCorpus(_temp.Combine("input"), reports, Seed, ["440303-hrss", "120102-hrss", "330502-hrss", "440105-hrss"], 4, 10);

    private static string Paragraphs(Random random, int count) => FixtureReports.Paragraphs(random, count);

    private static string Report(int number, string bureau, int year, string body) => FixtureReports.Report(number, bureau, year, body);
}
