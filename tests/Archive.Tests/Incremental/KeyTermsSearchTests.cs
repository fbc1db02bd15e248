using Archive.Corpus;
using Archive.Incremental;
using Archive.Reading.KeyTerms;
using Archive.Tests.Support;

namespace Archive.Tests.Incremental;

/// <summary>
/// A build keeps last build's key terms and similar reports and redoes only what a change can move; what it finds must
/// be what a build without a cache finds, for every report and bureau, after every kind of change: a text edited, a
/// word planted that crosses a power of two in df, reports removed, added, moved to another bureau, given another's
/// text, and N crossing a power of two (which looks at every report again).
/// </summary>
public sealed class KeyTermsSearchTests
{
    private const string Planted = "今年新建岩画展示中心一处，岩画产业稳步发展，岩画保护纳入执法检查。\n";

    private static readonly string[] Bureaus = ["440303-hrss", "120102-hrss", "330502-hrss", "440105-hrss", "440600-hrss"];

    [Fact]
    public void After_each_kind_of_change_the_kept_key_terms_and_similar_reports_equal_those_found_from_scratch()
    {
        using var temp = new TempFolder();
        var input = FixtureReports.WriteCorpus(temp.Combine("input"), 60, seed: 4, Bureaus, 3, 8);
        var cache = KeyTermsSearch.PathFor(temp.Combine("cache"), input);
        string ReportFile(int n) => Path.Combine(input, "reports", $"r{n:D4}.md");
        void Add(int n, string bureau, int year, string body) => File.WriteAllText(ReportFile(n), FixtureReports.Report(n, bureau, year, body));
        KeyTermsSearch.Find(new CorpusReader().ReadValid(input), cache);

        // Per change: whether every report is looked at again, and the reports (by number) of which the planted word
        // must then be a key term.
        var edits = new (string What, Action Apply, bool Full, int[] WithWord)[]
        {
            ("nothing", () => { }, false, []),
            ("a report's text", () => File.AppendAllText(ReportFile(3), "我局还推进了劳动争议速裁庭建设，开展欠薪专项治理。\n"), false, []),
            ("a rare word planted in two reports of other bureaus", () =>
            {
                File.AppendAllText(ReportFile(7), Planted);
                File.AppendAllText(ReportFile(8), Planted);
            }, false, [7, 8]),
            ("one of them removed: the word's df falls from 2 to 1", () => File.Delete(ReportFile(8)), false, [7]),
            ("a report moved to another bureau", () => File.WriteAllText(ReportFile(9), File.ReadAllText(ReportFile(9)).Replace($"bureau: {Bureaus[4]}", $"bureau: {Bureaus[0]}", StringComparison.Ordinal)), false, []),
            ("a report added with the rare word", () => Add(100, Bureaus[1], 2024, "我局坚持依法行政。\n" + Planted + FixtureReports.Paragraphs(new Random(8), 4)), false, [7, 100]),
            ("a report given another's text", () => Add(12, Bureaus[2], 2016, File.ReadAllText(ReportFile(7)).Split("---")[2]), false, []),
            ("a report's text cut to one line", () => Add(13, Bureaus[3], 2016, "我局坚持依法行政。\n"), false, []),
            ("reports added until N passes 64", () =>
            {
                for (var n = 101; n < 106; n++)
                {
                    Add(n, Bureaus[n % Bureaus.Length], 2025, "我局坚持依法行政。\n" + FixtureReports.Paragraphs(new Random(n), 5));
                }
            }, true, []),
            ("twenty reports' texts", () =>
            {
                for (var n = 20; n < 40; n++)
                {
                    File.AppendAllText(ReportFile(n), $"补充一段：第{n}份报告的整改情况，岩画保护。\n");
                }
            }, false, []),
        };

        foreach (var (what, apply, full, withWord) in edits)
        {
            apply();
            var corpus = new CorpusReader().ReadValid(input);
            var note = "";
            var kept = KeyTermsSearch.Find(corpus, cache, progress: message => note = message);
            var fresh = KeyTermsSearch.Find(corpus, null);
            Assert.True(full == note.Contains("every report looked at", StringComparison.Ordinal), $"{what}: {note}");
            foreach (var report in corpus.Reports)
            {
                Assert.True(fresh.OfReport(report.Id).Terms.SequenceEqual(kept.OfReport(report.Id).Terms), $"{what}: the terms of {report.Id}");
                Assert.True(fresh.OfReport(report.Id).Similar.SequenceEqual(kept.OfReport(report.Id).Similar), $"{what}: the similar reports of {report.Id}");
            }

            foreach (var bureau in Bureaus)
            {
                Assert.True(fresh.OfBureau(bureau).SequenceEqual(kept.OfBureau(bureau)), $"{what}: the terms of bureau {bureau}");
            }

            // Not vacuous: nearly every report has similar reports, and the planted word is a key term where it must be.
            Assert.True(corpus.Reports.Count(r => kept.OfReport(r.Id).Similar.Count > 0) >= corpus.Reports.Count - 1, what);
            foreach (var n in withWord)
            {
                var report = corpus.Reports.Single(r => r.Id.EndsWith($"-{n}", StringComparison.Ordinal));
                Assert.Contains("岩画", kept.OfReport(report.Id).Terms.Select(t => t.Word));
            }
        }
    }

    [Fact]
    public void Weights_move_only_when_a_df_or_N_crosses_a_power_of_two()
    {
        Assert.True(TermStatistics.SameWeight(5, 6));
        Assert.False(TermStatistics.SameWeight(7, 8));
        Assert.False(TermStatistics.SameWeight(1, 2));
        Assert.False(TermStatistics.SameWeight(0, 1));
    }
}
