using Archive.Tests.Support;
using Archive.Corpus;

namespace Archive.Tests.Corpus;

public class ReportFileTests
{
    [Fact]
    public void A_valid_file_gives_its_metadata_and_body()
    {
        var (report, problems) = ReportFile.Parse("input/reports/a.md", SampleInput.Report("440303-hrss-2020"));

        Assert.Empty(problems);
        Assert.NotNull(report);
        Assert.Equal("440303-hrss-2020", report.Id);
        Assert.Equal(2020, report.Year);
        Assert.Equal(new DateOnly(2021, 3, 1), report.Published);
        Assert.True(report.Reviewed);
        Assert.Equal(2, report.ReadBody().Sections.Count);
    }

    [Fact]
    public void Unclosed_front_matter_is_reported_at_line_1()
    {
        var (report, problems) = ReportFile.Parse("input/reports/a.md", "---\nid: x\ntitle: t\n正文");

        Assert.Null(report);
        var problem = Assert.Single(problems);
        Assert.Equal(1, problem.Line);
        Assert.Contains("never closed", problem.Message);
    }

    [Theory]
    [InlineData("year: 20x0", 5, "not a year")]
    [InlineData("year: 0", 5, "not a year")]
    [InlineData("year: 20200", 5, "not a year")]
    [InlineData("year: 二〇二〇", 5, "not a year")]
    [InlineData("published: 2020-02-30", 6, "not a date")]
    [InlineData("id: ../../etc/passwd", 2, "may only hold")]
    [InlineData("id: a/b", 2, "may only hold")]
    [InlineData("source: javascript:alert(1)", 7, "not an http(s) address")]
    public void A_wrong_value_is_reported_with_its_line_and_a_fix(string replacement, int line, string message)
    {
        var key = replacement[..replacement.IndexOf(':')];
        var lines = SampleInput.Report("440303-hrss-2020").Split('\n').ToList();
        if (key == "source")
        {
            lines.Insert(6, replacement);
        }
        else
        {
            lines[lines.FindIndex(l => l.StartsWith(key + ":", StringComparison.Ordinal))] = replacement;
        }

        var (report, problems) = ReportFile.Parse("input/reports/a.md", string.Join('\n', lines));

        Assert.Null(report);
        var problem = Assert.Single(problems);
        Assert.Equal(line, problem.Line);
        Assert.Contains(message, problem.Message);
        Assert.StartsWith("input/reports/a.md:" + line + ":", problem.ToString());
    }

    [Fact]
    public void Broken_yaml_is_reported_with_its_line()
    {
        var (_, problems) = ReportFile.Parse("a.md", "---\nid: x\ntitle: \"unclosed\nbureau: b\n---\n正文");

        Assert.Contains("not valid YAML", Assert.Single(problems).Message);
    }

    [Fact]
    public void Missing_fields_are_each_reported()
    {
        var (_, problems) = ReportFile.Parse("a.md", "---\nid: x\n---\n正文");

        Assert.Equal(3, problems.Count);
        Assert.All(["title", "bureau", "year"], field => Assert.Contains(problems, p => p.Message.Contains($"'{field}:' is missing")));
    }

    [Fact]
    public void Format_then_parse_round_trips_metadata_even_with_hostile_text()
    {
        var hostile = "标题\"含引号\" \\ <script>alert(1)</script> {{ x }} {% raw %}\u202e";
        var (original, _) = ReportFile.Parse("a.md", SampleInput.Report("440303-hrss-2020"));
        var report = original! with
        {
            Title = hostile,
            SourceUrl = "https://example.org/a?b=1&c=2",
            Original = new ReportOriginal("originals/440303-hrss-2020.txt", new string('a', 64), "GB18030"),
            RemovedChrome = ["扫一扫在手机上打开当前页", "分享到: \"x\""],
            Inferences = [new Inference("year", "2020", Confidence.Medium, "标题中的“2020年”\n第二行"), new Inference("published", null, Confidence.Unknown, "无日期")],
            Reviewed = false,
        };

        var text = ReportFile.Format(report, "正文第一段。\n一、标题\n正文第二段。");
        var (parsed, problems) = ReportFile.Parse("a.md", text);

        Assert.Empty(problems);
        Assert.Equal(hostile, parsed!.Title);
        Assert.Equal(report.SourceUrl, parsed.SourceUrl);
        Assert.Equal(report.Original, parsed.Original);
        Assert.Equal(report.RemovedChrome, parsed.RemovedChrome);
        Assert.Equal(report.Inferences, parsed.Inferences);
        Assert.False(parsed.Reviewed);
        Assert.Equal(2, parsed.Uncertain.Count());
        Assert.Equal("正文第一段。\n一、标题\n正文第二段。", parsed.ReadBody().PlainText);
    }
}
