using Archive.Tests.Support;
using System.Text;
using Archive.Core;
using Archive.Corpus;
using Archive.Incremental;

namespace Archive.Tests.Corpus;

public class CorpusReaderTests
{
    [Theory]
    [InlineData(null, Precompress.Both)]
    [InlineData("none", Precompress.None)]
    [InlineData("Gzip", Precompress.Gzip)]
    [InlineData("brotli", Precompress.Brotli)]
    public void Site_yml_says_which_compressed_copies_to_write_both_unless_it_says_otherwise(string? value, Precompress expected)
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(temp, ("a.md", SampleInput.Report("a")));
        if (value is not null)
        {
            temp.Write("input/site.yml", $"title: 档案\nprecompress: {value}\n");
        }

        Assert.Equal(expected, new CorpusReader().ReadValid(input).Settings.Precompress);
    }

    [Fact]
    public void A_precompress_value_site_yml_cannot_mean_is_a_problem_naming_the_values_it_can()
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(temp, ("a.md", SampleInput.Report("a")));
        temp.Write("input/site.yml", "precompress: zstd\n");

        var (_, problems) = new CorpusReader().Read(input);

        var problem = Assert.Single(problems);
        Assert.Equal("input/site.yml", problem.File);
        Assert.Contains("precompress 'zstd' must be both, gzip, brotli or none", problem.Message);
    }

    [Fact]
    public void Each_report_carries_the_SHA256_of_its_file_so_later_stages_can_tell_it_unchanged()
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(temp, ("a.md", SampleInput.Report("a")), ("b.md", SampleInput.Report("b", year: "2021")));

        var corpus = new CorpusReader().ReadValid(input);

        Assert.All(corpus.Reports, r => Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(temp.Combine("input", "reports", r.Id + ".md")))),
            r.SourceHash));
    }

    [Fact]
    public void A_report_text_is_read_from_its_file_when_needed_and_a_file_changed_since_is_refused_by_name()
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(temp, ("a.md", SampleInput.Report("a", body: "一、总体情况\n我局推进云仲裁平台建设。")));
        var corpus = new CorpusReader().ReadValid(input);
        var report = Assert.Single(corpus.Reports);

        Assert.Equal("一、总体情况\n我局推进云仲裁平台建设。", report.ReadBody().PlainText);
        Assert.NotSame(report.ReadBody(), report.ReadBody());

        File.AppendAllText(temp.Combine("input", "reports", "a.md"), "后来添加的段落。\n");
        var refused = Assert.Throws<InputException>(() => report.ReadBody());
        Assert.Contains("input/reports/a.md", refused.Message);
        Assert.Contains("changed while the build was running", refused.Message);

        File.Delete(temp.Combine("input", "reports", "a.md"));
        Assert.Contains("input/reports/a.md", Assert.Throws<InputException>(() => report.ReadBody()).Message);
    }

    [Fact]
    public void A_report_file_unchanged_since_the_last_read_is_taken_from_the_cache_and_a_changed_one_is_read_again()
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(temp, ("a.md", SampleInput.Report("a")), ("b.md", SampleInput.Report("b")));
        var cacheFile = temp.Combine("cache", "reports.bin");
        var first = new CorpusReader().ReadValid(input, ReportCache.Open(cacheFile));

        // Same size and write time, other bytes: only a cache answers with the old title (and the text's checksum
        // still catches the change when a stage reads the text).
        var a = temp.Combine("input", "reports", "a.md");
        var written = File.GetLastWriteTimeUtc(a);
        File.WriteAllText(a, File.ReadAllText(a).Replace("2020年法治", "2019年法治"));
        File.SetLastWriteTimeUtc(a, written);
        File.AppendAllText(temp.Combine("input", "reports", "b.md"), "新增一段。\n");
        var second = new CorpusReader().ReadValid(input, ReportCache.Open(cacheFile));

        Assert.Equal(first.Reports[0] with { Text = second.Reports[0].Text, RemovedChrome = second.Reports[0].RemovedChrome, Inferences = second.Reports[0].Inferences }, second.Reports[0]);
        Assert.Equal(first.Reports[0].Inferences, second.Reports[0].Inferences);
        Assert.Equal("440303-hrss 2020年法治政府建设年度报告", second.Reports[0].Title);
        Assert.Contains("changed while the build was running", Assert.Throws<InputException>(() => second.Reports[0].ReadBody()).Message);
        Assert.NotEqual(first.Reports[1].SourceHash, second.Reports[1].SourceHash);
        Assert.EndsWith("新增一段。", second.Reports[1].ReadBody().PlainText);

        // A damaged cache is no cache.
        File.WriteAllText(cacheFile, "garbage");
        Assert.Equal("440303-hrss 2019年法治政府建设年度报告", new CorpusReader().ReadValid(input, ReportCache.Open(cacheFile)).Reports[0].Title);
    }

    [Fact]
    public void The_cache_keeps_an_originals_hash_only_while_its_size_and_write_time_stay()
    {
        using var temp = new TempFolder();
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("原文")));
        var report = SampleInput.Report("a-2020").Replace("reviewed: true", "reviewed: true\noriginal:\n  path: originals/a-2020.txt\n  sha256: " + sha);
        var input = SampleInput.Create(temp, ("a.md", report));
        var original = temp.Write("input/originals/a-2020.txt", "原文");
        var cacheFile = temp.Combine("cache", "reports.bin");
        Assert.Empty(new CorpusReader().Read(input, ReportCache.Open(cacheFile)).Problems);

        // Same size and write time, other bytes: the hash the cache kept answers, as for a report file.
        var written = File.GetLastWriteTimeUtc(original);
        File.WriteAllText(original, "伪文");
        File.SetLastWriteTimeUtc(original, written);
        Assert.Empty(new CorpusReader().Read(input, ReportCache.Open(cacheFile)).Problems);

        // Another write time: read and hashed again, and caught.
        File.SetLastWriteTimeUtc(original, written.AddSeconds(1));
        Assert.Contains("the original must never change", Assert.Single(new CorpusReader().Read(input, ReportCache.Open(cacheFile)).Problems).Message);

        // Restored: the cache now knows the new write time with the changed bytes' hash, and a restore is another write.
        File.WriteAllText(original, "原文");
        Assert.Empty(new CorpusReader().Read(input, ReportCache.Open(cacheFile)).Problems);
    }

    [Fact]
    public void A_valid_folder_reads_every_report_sorted_by_id()
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(temp, ("b.md", SampleInput.Report("b-2021", year: "2021")), ("a.md", SampleInput.Report("a-2020")));

        var (corpus, problems) = new CorpusReader().Read(input);

        Assert.Empty(problems);
        Assert.Equal(["a-2020", "b-2021"], corpus.Reports.Select(r => r.Id));
        Assert.Equal(2, corpus.Bureaus.Count);
        Assert.Equal(["罗湖区人力资源局"], corpus.FindBureau("440303-hrss")!.Aliases);
    }

    [Fact]
    public void Every_problem_in_the_folder_is_reported_in_one_pass()
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(
            temp,
            ("one.md", SampleInput.Report("same-id")),
            ("two.md", SampleInput.Report("same-id")),
            ("stranger.md", SampleInput.Report("x-2020", bureau: "no-such-bureau")),
            ("bad-year.md", SampleInput.Report("y-2020", year: "20x0")));
        temp.Write("input/reports/binary.md", [0x2d, 0x2d, 0x2d, 0x00, 0x01, 0x02]);
        temp.Write("input/reports/gbk.md", Encoding.Latin1.GetBytes("---\nid: \xc4\xe3\n"));
        temp.Write("input/reports/notes.txt", "stray");
        temp.Write("input/reports/empty.md", "");

        var (_, problems) = new CorpusReader().Read(input);

        Assert.Contains(problems, p => p.File == "input/reports/two.md" && p.Message.Contains("also used by input/reports/one.md"));
        Assert.Contains(problems, p => p.File == "input/reports/stranger.md" && p.Message.Contains("'no-such-bureau' is not in input/bureaus.yml"));
        Assert.Contains(problems, p => p.File == "input/reports/bad-year.md" && p.Line == 5);
        Assert.Contains(problems, p => p.File == "input/reports/binary.md" && p.Message.Contains("binary"));
        Assert.Contains(problems, p => p.File == "input/reports/gbk.md" && p.Message.Contains("not UTF-8"));
        Assert.Contains(problems, p => p.File == "input/reports/notes.txt" && p.Message.Contains("only .md"));
        Assert.Contains(problems, p => p.File == "input/reports/empty.md" && p.Line == 1);
        Assert.Throws<InputException>(() => new CorpusReader().ReadValid(input));
    }

    [Fact]
    public void A_changed_original_file_is_caught_by_its_sha256()
    {
        using var temp = new TempFolder();
        var report = SampleInput.Report("a-2020").Replace("reviewed: true", "reviewed: true\noriginal:\n  path: originals/a-2020.txt\n  sha256: " + new string('0', 64));
        var input = SampleInput.Create(temp, ("a.md", report));
        temp.Write("input/originals/a-2020.txt", "原文");

        var (_, problems) = new CorpusReader().Read(input);

        Assert.Contains("the original must never change", Assert.Single(problems).Message);
    }

    [Fact]
    public void An_unknown_division_code_in_bureaus_yml_is_reported_with_its_line()
    {
        using var temp = new TempFolder();
        temp.Write("input/bureaus.yml", "- id: x\n  name: 某局\n  division: \"999999\"\n  kind: 其他\n");

        var (_, problems) = new CorpusReader().Read(temp.Combine("input"));

        var problem = Assert.Single(problems);
        Assert.Equal(("input/bureaus.yml", 1), (problem.File, problem.Line));
        Assert.Contains("not a GB/T 2260 code", problem.Message);
    }
}
