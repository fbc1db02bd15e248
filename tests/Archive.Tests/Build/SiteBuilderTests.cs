using Archive.Tests.Support;
using AngleSharp.Html.Parser;
using Archive.Build;
using Archive.Core;

namespace Archive.Tests.Build;

public class SiteBuilderTests
{
    [Fact]
    public void A_failed_build_leaves_the_previous_output_untouched_and_no_staging_behind()
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(temp, ("a.md", SampleInput.Report("a-2020")));
        var paths = new BuildPaths(input, RepoPaths.Theme, temp.Combine("output"));
        new SiteBuilder().Build(paths);
        var before = Snapshot(paths.Output);

        temp.Write("input/reports/b.md", SampleInput.Report("a-2020"));
        var error = Assert.Throws<InputException>(() => new SiteBuilder().Build(paths));

        Assert.Contains(error.Problems, p => p.File == "input/reports/b.md");
        Assert.Equal(before, Snapshot(paths.Output));
        Assert.Equal(new[] { "input", "output" }, Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_theme_syntax_error_names_the_template_and_line_and_keeps_the_output()
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(temp, ("a.md", SampleInput.Report("a-2020")));
        var theme = temp.Combine("theme");
        CopyFolder(RepoPaths.Theme, theme);
        File.AppendAllText(Path.Combine(theme, "templates", "year.liquid"), "\n{% for x in %}\n");

        var error = Assert.Throws<InputException>(() => new SiteBuilder().Build(new BuildPaths(input, theme, temp.Combine("output"))));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("theme/templates/year.liquid", problem.File);
        Assert.NotNull(problem.Line);
        Assert.False(Directory.Exists(temp.Combine("output")));
    }

    [Fact]
    public void Report_text_is_escaped_everywhere_and_never_becomes_markup()
    {
        using var temp = new TempFolder();
        const string payload = "<script>window.pwned=1</script><img src=x onerror=alert(1)>{{ site.title }}{% if true %}yes{% endif %}";
        var report = SampleInput.Report("a-2020", body: "正文" + payload + "\n一、" + payload)
            .Replace("title: \"440303-hrss 2020年法治政府建设年度报告\"", "title: \"" + payload.Replace("\"", "\\\"") + "\"");
        var input = SampleInput.Create(temp, ("a.md", report));
        var output = temp.Combine("output");

        new SiteBuilder().Build(new BuildPaths(input, RepoPaths.Theme, output));

        var parser = new HtmlParser();
        foreach (var page in Directory.EnumerateFiles(output, "*.html", SearchOption.AllDirectories))
        {
            var document = parser.ParseDocument(File.ReadAllText(page));
            // The only scripts are the site's own modules, loaded from assets/; none is inline or from content.
            Assert.All(document.QuerySelectorAll("script"), script =>
            {
                Assert.Contains("assets/", script.GetAttribute("src") ?? "");
                Assert.Equal("", script.TextContent);
            });
            Assert.Empty(document.QuerySelectorAll("img"));
            Assert.Empty(document.QuerySelectorAll("[onerror]"));
        }

        var reportPage = parser.ParseDocument(File.ReadAllText(Path.Combine(output, SitePaths.Report("a-2020"))));
        Assert.Equal(payload, reportPage.QuerySelector("h1")!.TextContent);
        Assert.Contains(reportPage.QuerySelectorAll(".body p"), p => p.TextContent.StartsWith("正文" + payload, StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_input_builds_byte_identical_output()
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(temp, ("a.md", SampleInput.Report("a-2020")), ("b.md", SampleInput.Report("b-2021", bureau: "120102-hrss", year: "2021", published: "unknown")));
        new SiteBuilder().Build(new BuildPaths(input, RepoPaths.Theme, temp.Combine("one")));
        File.SetLastWriteTimeUtc(Path.Combine(input, "reports", "a.md"), DateTime.UtcNow.AddDays(3));
        new SiteBuilder().Build(new BuildPaths(input, RepoPaths.Theme, temp.Combine("two")));

        Assert.Equal(Snapshot(temp.Combine("one")), Snapshot(temp.Combine("two")));
    }

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(folder, f),
            f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
