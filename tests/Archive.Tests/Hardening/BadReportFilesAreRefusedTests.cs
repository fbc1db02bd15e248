using Archive.Tests.Support;

namespace Archive.Tests.Hardening;

/// <summary>
/// Bad files put straight into input/reports/: 'archive build' and 'archive check' name the file (and line), say what
/// to do, exit non-zero, and the previous output/ stays byte for byte as it was.
/// </summary>
public class BadReportFilesAreRefusedTests(PreviousSite site) : IClassFixture<PreviousSite>
{
    public static TheoryData<string> Names() => new(BadReportFile.All.Select(b => b.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Build_names_the_file_and_what_to_do_exits_non_zero_and_keeps_the_previous_site(string name)
    {
        var bad = BadReportFile.Named(name);
        using var temp = new TempFolder();
        site.CopyTo(temp);
        bad.Write(temp.Combine("input", "reports", bad.File));

        var build = Build(temp);
        var check = ArchiveProcess.Run(temp.Path, "check", "--input", temp.Combine("input"), "--theme", RepoPaths.Theme);

        foreach (var run in new[] { build, check })
        {
            Assert.Equal(1, run.Exit);
            var message = Assert.Single(ErrorLines(run), line => line.Contains(bad.Display, StringComparison.Ordinal));
            Assert.StartsWith("error: " + bad.Location, message);
            Assert.Contains(bad.Says, message);
            Assert.Contains(bad.Advice, message);
            Assert.DoesNotContain("   at ", run.Output);
        }

        Assert.Contains("1 problem(s)", build.Stderr);
        Assert.Contains("nothing was changed in the output", build.Stderr);
        Assert.True(FolderHashes.Same(site.Hashes, FolderHashes.Of(temp.Combine("output"))), FolderHashes.Difference(site.Hashes, FolderHashes.Of(temp.Combine("output"))));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(temp.Path), entry => Path.GetFileName(entry).StartsWith(".output", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_reports_every_bad_file_of_a_folder_in_one_run()
    {
        using var temp = new TempFolder();
        site.CopyTo(temp);
        foreach (var bad in BadReportFile.All)
        {
            bad.Write(temp.Combine("input", "reports", bad.File));
        }

        var check = ArchiveProcess.Run(temp.Path, "check", "--input", temp.Combine("input"), "--theme", RepoPaths.Theme);

        Assert.Equal(1, check.Exit);
        var errors = ErrorLines(check);
        Assert.All(BadReportFile.All, bad => Assert.Contains(errors, line => line.StartsWith("error: " + bad.Location, StringComparison.Ordinal) && line.Contains(bad.Says, StringComparison.Ordinal)));
        Assert.Equal(BadReportFile.All.Count, errors.Count);
        Assert.Contains($"{BadReportFile.All.Count} problem(s)", check.Stdout);
        Assert.Contains("checked 1 reports", check.Stdout);
    }

    [Fact]
    public void A_file_name_with_spaces_and_chinese_characters_builds_like_any_other()
    {
        using var temp = new TempFolder();
        site.CopyTo(temp);
        temp.Write("input/reports/罗湖区 人社局 2021年 报告.md", SampleInput.Report("luohu-2021", year: "2021", published: "2022-03-30"));

        var build = Build(temp);
        var check = ArchiveProcess.Run(temp.Path, "check", "--input", temp.Combine("input"), "--theme", RepoPaths.Theme);

        Assert.Equal(0, build.Exit);
        Assert.Contains("built 2 reports", build.Stdout);
        Assert.Contains("我局认真开展了年度法治政府建设工作。", File.ReadAllText(temp.Combine("output", "reports", "luohu-2021.html")));
        Assert.Equal(0, check.Exit);
        Assert.Contains("checked 2 reports", check.Stdout);
    }

    [Fact]
    public void A_theme_template_with_a_syntax_error_names_template_and_line_and_keeps_the_previous_site()
    {
        using var temp = new TempFolder();
        site.CopyTo(temp);
        PreviousSite.CopyFolder(RepoPaths.Theme, temp.Combine("theme"));
        var template = temp.Combine("theme", "templates", "report.liquid");
        var lines = File.ReadAllLines(template).ToList();
        lines.Insert(3, "{% for x in %}{{ x }");
        File.WriteAllLines(template, lines);

        var build = ArchiveProcess.Run(temp.Path, "build", "--input", temp.Combine("input"), "--theme", temp.Combine("theme"), "--output", temp.Combine("output"), "--cache", temp.Combine("cache"));
        var check = ArchiveProcess.Run(temp.Path, "check", "--input", temp.Combine("input"), "--theme", temp.Combine("theme"));

        foreach (var run in new[] { build, check })
        {
            Assert.Equal(1, run.Exit);
            var message = Assert.Single(ErrorLines(run));
            Assert.StartsWith("error: theme/templates/report.liquid:4: template syntax error", message);
            Assert.DoesNotContain("   at ", run.Output);
        }

        Assert.True(FolderHashes.Same(site.Hashes, FolderHashes.Of(temp.Combine("output"))));
    }

    private static ArchiveRun Build(TempFolder temp) =>
        ArchiveProcess.Run(temp.Path, "build", "--input", temp.Combine("input"), "--theme", RepoPaths.Theme, "--output", temp.Combine("output"), "--cache", temp.Combine("cache"));

    private static List<string> ErrorLines(ArchiveRun run) =>
        run.Stderr.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
}
