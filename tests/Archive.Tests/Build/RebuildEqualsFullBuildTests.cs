using Archive.Tests.Search;
using Archive.Tests.SearchClient;
using Archive.Tests.Support;
using System.Text.Json;
using System.Text.RegularExpressions;
using Archive.Build;
using Archive.Corpus;
using Archive.Search.Contract;

namespace Archive.Tests.Build;

/// <summary>
/// A rebuild keeps every file whose digest of what it is made from is unchanged without making it again, so a digest
/// that misses something a file is made from leaves a stale file behind. Here each kind of edit (a report's text and
/// metadata, a bureau move, an alias, a bureau's name, site.yml, a template, the CSS, another build of the program,
/// reports removed and added, more reports changed than an update takes, updates on updates) is followed by a rebuild
/// with the cache and a build from scratch into another folder. Outside search/ the two sites must be the same byte
/// for byte; search/ too when the rebuild exported the index whole; when it added an update instead, the browser
/// engine asks both indexes the same random queries and must get the same reports, hits, scores and counts.
/// </summary>
public sealed class RebuildEqualsFullBuildTests
{
    private static readonly string[] Bureaus = ["440303-hrss", "120102-hrss", "330502-hrss"];

    // Whether the rebuild must have added an update to the search index (true), exported it whole (false), or either.
    // Reuses: whether the rebuild keeps some files (not when every file changes its compressed copies).
    private sealed record Edit(string What, Action Apply, bool? Update = null, bool ByAnotherProgram = false, bool Reuses = true);

    [Fact]
    public void After_each_kind_of_edit_a_rebuild_writes_the_site_a_build_from_scratch_writes_and_its_index_answers_alike()
    {
        using var temp = new TempFolder();
        using var another = new AnotherProgramBuild();
        var input = FixtureReports.WriteCorpus(temp.Combine("input"), 80, seed: 11, Bureaus, 2, 5);
        File.Copy(Path.Combine(RepoPaths.Input, "site.yml"), Path.Combine(input, "site.yml"));
        var theme = temp.Combine("theme");
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Theme, "*", SearchOption.AllDirectories))
        {
            temp.Write(Path.Combine("theme", Path.GetRelativePath(RepoPaths.Theme, file)), File.ReadAllBytes(file));
        }

        // A report read by OCR: its page says so, from front matter that the report cache must keep too.
        var scanned = temp.Write("input/originals/r0200.pdf", "%PDF-1.4 stand-in for a scan"u8.ToArray());
        File.WriteAllText(Path.Combine(input, "reports", "r0200.md"), FixtureReports.Report(200, "330502-hrss", 2019, "我局坚持依法行政。\n" + FixtureReports.Paragraphs(new Random(9), 3))
            .Replace("reviewed: true", $"original:\n  path: \"originals/r0200.pdf\"\n  sha256: {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(scanned)))}\n  ocr:\n    engine: \"tesseract 5.3.0 (chi_sim)\"\n    pages:\n      - page: 1\n        confidence: 91.5\nreviewed: true", StringComparison.Ordinal));
        var paths = new BuildPaths(input, theme, temp.Combine("output"), temp.Combine("cache"));
        new SiteBuilder().Build(paths);
        Assert.Contains("平均置信度 91.5%", File.ReadAllText(Path.Combine(paths.Output, "reports", "330502-hrss-2019-200.html")));
        string ReportFile(int n) => Path.Combine(input, "reports", $"r{n:D4}.md");
        void Replace(string file, string from, string to)
        {
            var text = File.ReadAllText(file);
            Assert.Contains(from, text);
            File.WriteAllText(file, text.Replace(from, to, StringComparison.Ordinal));
        }

        var edits = new Edit[]
        {
            new("a report's text", () => File.AppendAllText(ReportFile(3), "我局还推进了劳动争议速裁庭建设。\n"), Update: true),
            // Published after the deadline: the report turns late on every page and in every file that says so.
            // Shared text: a paragraph of another bureau's report copied with a figure added joins that paragraph's
            // family; rewritten, it leaves it, and the family it made is looked at again.
            new("another bureau's paragraph copied into a report", () => File.AppendAllText(ReportFile(5), CopiedParagraph(ReportFile(4)) + "\n"), Update: true),
            new("the copied paragraph rewritten", () => Replace(ReportFile(5), CopiedParagraph(ReportFile(4)), "我局另行制定了本年度的普法责任清单，并逐项落实到各科室和二级单位。"), Update: true),
            new("a report's title and published date, an update on an update", () => File.WriteAllText(ReportFile(3), Regex.Replace(
                File.ReadAllText(ReportFile(3)).Replace("年法治政府建设年度报告", "年度法治政府建设情况报告", StringComparison.Ordinal),
                @"published: (\d{4})-\d\d-\d\d", "published: $1-05-20")), Update: true),
            // Key terms: a word no other report uses, planted in two reports, is a key term of both and makes them
            // similar; removing one moves the word's df from 2 to 1, which changes its weight in the other.
            new("a rare word planted in two reports", () =>
            {
                File.AppendAllText(ReportFile(7), "今年新建岩画展示中心一处，岩画产业稳步发展，岩画保护纳入执法检查。\n");
                File.AppendAllText(ReportFile(8), "今年新建岩画展示中心一处，岩画产业稳步发展，岩画保护纳入执法检查。\n");
            }, Update: true),
            new("one of the two reports with the rare word removed", () => File.Delete(ReportFile(8)), Update: true),
            new("a report moved to another bureau", () => Replace(ReportFile(6), "bureau: 440303-hrss", "bureau: 120102-hrss"), Update: false),
            new("a bureau's alias", () => Replace(Path.Combine(input, "bureaus.yml"), "aliases: []", "aliases: [\"罗湖区劳动局\"]")),
            new("a bureau's name", () => Replace(Path.Combine(input, "bureaus.yml"), "天津市河东区人力资源和社会保障局", "天津市河东区人力资源局")),
            new("site.yml", () => Replace(Path.Combine(input, "site.yml"), "title: 法治政府建设年度报告公开库", "title: 部门法治报告档案")),
            new("site.yml: no compressed copies, for a Pages host", () => Replace(Path.Combine(input, "site.yml"), "precompress: both", "precompress: none"), Update: false, Reuses: false),
            new("site.yml: gzip copies only", () => Replace(Path.Combine(input, "site.yml"), "precompress: none", "precompress: gzip"), Update: false, Reuses: false),
            new("site.yml: both copies again", () => Replace(Path.Combine(input, "site.yml"), "precompress: gzip", "precompress: both"), Update: false, Reuses: false),
            new("a theme template", () => Replace(Path.Combine(theme, "templates", "report.liquid"), "</article>", "<p class=\"note\">以上为报告原文。</p></article>")),
            new("the CSS", () => File.AppendAllText(Path.Combine(theme, "assets", "style.css"), "\n.note { color: #555; }\n")),
            new("another build of the program, nothing else", () => { }, ByAnotherProgram: true),
            new("this build of the program again, and a report removed", () => File.Delete(ReportFile(10))),
            new("a report removed", () => File.Delete(ReportFile(11)), Update: true),
            new("a report added", () => File.WriteAllText(ReportFile(100),
                FixtureReports.Report(100, "330502-hrss", 2025, "我局坚持依法行政。\n" + FixtureReports.Paragraphs(new Random(5), 3))), Update: true),
            new("68 reports changed, more than an update takes", () =>
            {
                for (var n = 12; n < 80; n++)
                {
                    File.AppendAllText(ReportFile(n), $"补充一段：第{n}份报告的整改情况。\n");
                }
            }, Update: false),
            new("a report's text after that full export", () => File.AppendAllText(ReportFile(20), "全年办结欠薪案件四百余件。\n"), Update: true),
            new("another report's text, an update on that update", () => File.AppendAllText(ReportFile(21), "推行云仲裁平台。\n"), Update: true),
        };

        for (var i = 0; i < edits.Length; i++)
        {
            var edit = edits[i];
            edit.Apply();
            if (edit.ByAnotherProgram)
            {
                var run = another.Run(temp.Path, "build", "--input", input, "--theme", theme, "--output", paths.Output, "--cache", paths.Cache!);
                Assert.True(run.Exit == 0, run.Output);
                Assert.DoesNotContain("is up to date", run.Stdout);
            }
            else
            {
                var rebuilt = new SiteBuilder().Build(paths);
                Assert.False(rebuilt.UpToDate, edit.What);
                Assert.True(rebuilt.ReusedFiles > 0 == edit.Reuses, $"{edit.What}: {rebuilt.ReusedFiles} files kept");
            }

            var fresh = temp.Combine($"fresh-{i}");
            new SiteBuilder().Build(new BuildPaths(input, theme, fresh));

            var updated = File.ReadAllText(Path.Combine(paths.Output, "search", "manifest.json")).Contains("\"update\"", StringComparison.Ordinal);
            if (edit.Update is { } expectUpdate)
            {
                Assert.True(expectUpdate == updated, $"after {edit.What}, the rebuild {(updated ? "added an update to" : "exported")} the search index");
            }

            // An index with an update is laid out otherwise than a whole one: it is compared by its answers below.
            var expected = SiteFiles(fresh, withSearch: !updated);
            var actual = SiteFiles(paths.Output, withSearch: !updated);
            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
            var stale = expected.Keys
                .Where(file => !expected[file].AsSpan().SequenceEqual(actual[file]))
                .Order(StringComparer.Ordinal).ToList();
            Assert.True(stale.Count == 0, $"after {edit.What}, the rebuild left these files unlike a full build's: {string.Join(", ", stale.Take(20))}");
            if (updated)
            {
                AssertSameAnswers(input, paths.Output, fresh, edit.What, seed: i);
            }

            Directory.Delete(fresh, recursive: true);
        }
    }

    // The first long paragraph of a report, with a figure written into its middle: a near copy of it.
    private static string CopiedParagraph(string reportFile)
    {
        var paragraph = File.ReadLines(reportFile).SkipWhile(l => l != "---").Skip(1).SkipWhile(l => l != "---").Skip(1).First(l => l.Length >= 60);
        return paragraph.Insert(paragraph.Length / 2, "（共12件）");
    }

    private sealed record Answer(string Query, Dictionary<string, int> Reports, string[] Ids, double[] Scores, Dictionary<string, int> Years);

    private sealed record Answers(Answer[] Items, string[] Files)
    {
        public static Answers Of(JsonElement json) => new(
            [.. json.GetProperty("answers").EnumerateArray().Select(a => new Answer(
                a.GetProperty("query").GetString()!,
                a.GetProperty("reports").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal),
                [.. a.GetProperty("ids").EnumerateArray().Select(e => e.GetString()!)],
                [.. a.GetProperty("scores").EnumerateArray().Select(e => e.GetDouble())],
                a.GetProperty("years").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal)))],
            [.. json.GetProperty("files").EnumerateArray().Select(e => e.GetString()!)]);
    }

    // The index an incremental build wrote and the one a build from scratch wrote, asked alike by the browser engine:
    // random substrings of the corpus as it now stands, single characters, long runs, pairs, OR and NOT.
    private static void AssertSameAnswers(string input, string rebuilt, string fresh, string what, int seed)
    {
        var texts = new CorpusReader().ReadValid(input).Reports.Select(r => SearchableText.Of(r).Normalized.Text).ToList();
        var queries = QuerySamples.Draw(texts, 60, seed: 5000 + seed);
        queries.AddRange(["劳动争议速裁庭", "年度法治政府建设情况报告", "整改情况", "欠薪案件", "云仲裁平台", "依法行政 -整改"]);
        var ofRebuilt = Answers.Of(NodeScript.Run<JsonElement>("search-cli.mjs", queries, Path.Combine(rebuilt, "search"))).Items;
        var ofFresh = Answers.Of(NodeScript.Run<JsonElement>("search-cli.mjs", queries, Path.Combine(fresh, "search"))).Items;

        var differences = new List<string>();
        for (var q = 0; q < queries.Count; q++)
        {
            var (a, b) = (ofRebuilt[q], ofFresh[q]);
            var scoresA = a.Ids.Zip(a.Scores).ToDictionary(x => x.First, x => x.Second, StringComparer.Ordinal);
            var scoresB = b.Ids.Zip(b.Scores).ToDictionary(x => x.First, x => x.Second, StringComparer.Ordinal);
            if (!Same(a.Reports, b.Reports) || !Same(a.Years, b.Years) || a.Ids.Length != b.Ids.Length
                || scoresB.Any(s => !scoresA.TryGetValue(s.Key, out var score) || Math.Abs(score - s.Value) > 1e-9))
            {
                differences.Add($"{queries[q]}: rebuilt {Describe(a.Reports)}, fresh {Describe(b.Reports)}");
            }
        }

        Assert.True(ofRebuilt.Count(a => a.Reports.Count > 0) > queries.Count / 2, $"after {what}: most queries find nothing, so they test little");
        Assert.True(differences.Count == 0, $"after {what}, {differences.Count} of {queries.Count} queries answer differently:\n{string.Join('\n', differences.Take(10))}");
    }

    private static bool Same(Dictionary<string, int> a, Dictionary<string, int> b) =>
        a.Count == b.Count && a.All(e => b.TryGetValue(e.Key, out var other) && other == e.Value);

    private static string Describe(Dictionary<string, int> reports) =>
        reports.Count == 0 ? "nothing" : string.Join(", ", reports.OrderBy(r => r.Key, StringComparer.Ordinal).Take(6).Select(r => $"{r.Key}×{r.Value}"));

    private static Dictionary<string, byte[]> SiteFiles(string output, bool withSearch) =>
        Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(output, file).Replace('\\', '/'))
            .Where(file => withSearch || !file.StartsWith("search/", StringComparison.Ordinal))
            .ToDictionary(file => file, file => File.ReadAllBytes(Path.Combine(output, file)), StringComparer.Ordinal);
}
