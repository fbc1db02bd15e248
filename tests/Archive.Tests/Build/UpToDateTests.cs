using Archive.Tests.Support;
using Archive.Build;
using Archive.Incremental;
using Archive.Core;

namespace Archive.Tests.Build;

/// <summary>A build whose input/, theme/ and program are unchanged, over an intact output/, does nothing.</summary>
public sealed class UpToDateTests
{
    private static BuildPaths Paths(TempFolder temp, string? theme = null) =>
        new(SampleInput.Create(temp, ("a.md", SampleInput.Report("a")), ("b.md", SampleInput.Report("b", year: "2021"))),
            theme ?? RepoPaths.Theme, temp.Combine("output"), temp.Combine("cache"));

    [Fact]
    public void A_second_build_with_nothing_changed_is_up_to_date_and_reports_what_the_first_built()
    {
        using var temp = new TempFolder();
        var paths = Paths(temp);
        var first = new SiteBuilder().Build(paths);

        var second = new SiteBuilder().Build(paths);

        Assert.False(first.UpToDate);
        Assert.True(second.UpToDate);
        Assert.Equal((first.Reports, first.Files, first.Bytes), (second.Reports, second.Files, second.Bytes));
    }

    [Fact]
    public void A_changed_report_a_touched_output_file_or_a_changed_theme_each_make_the_build_run()
    {
        using var temp = new TempFolder();
        var theme = temp.Combine("theme");
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Theme, "*", SearchOption.AllDirectories))
        {
            temp.Write(Path.Combine("theme", Path.GetRelativePath(RepoPaths.Theme, file)), File.ReadAllBytes(file));
        }

        var paths = Paths(temp, theme);
        new SiteBuilder().Build(paths);

        temp.Write("input/reports/b.md", SampleInput.Report("b", year: "2021", body: "我局推进云仲裁平台建设。"));
        var changed = new SiteBuilder().Build(paths);
        Assert.False(changed.UpToDate);
        Assert.Contains("云仲裁", File.ReadAllText(temp.Combine("output", "reports", "b.html")));

        File.WriteAllText(temp.Combine("output", "reports", "a.html"), "damaged");
        Assert.False(new SiteBuilder().Build(paths).UpToDate);
        Assert.NotEqual("damaged", File.ReadAllText(temp.Combine("output", "reports", "a.html")));

        File.AppendAllText(Path.Combine(theme, "assets", "style.css"), "\n/* changed */\n");
        Assert.False(new SiteBuilder().Build(paths).UpToDate);
        Assert.EndsWith("/* changed */\n", File.ReadAllText(temp.Combine("output", "assets", "style.css")));

        var report = Path.Combine(theme, "templates", "report.liquid");
        File.WriteAllText(report, File.ReadAllText(report).Replace("</article>", "<p class=\"marker\">新模板</p></article>", StringComparison.Ordinal));
        Assert.False(new SiteBuilder().Build(paths).UpToDate);
        Assert.Contains("新模板", File.ReadAllText(temp.Combine("output", "reports", "a.html")));
        Assert.DoesNotContain("新模板", File.ReadAllText(temp.Combine("output", "index.html")));

        Assert.True(new SiteBuilder().Build(paths).UpToDate);
    }

    [Fact]
    public void A_page_whose_view_is_unchanged_is_taken_from_the_last_build_and_one_whose_view_changed_is_rendered()
    {
        using var temp = new TempFolder();
        var paths = Paths(temp);
        new SiteBuilder().Build(paths);
        var untouched = File.ReadAllText(temp.Combine("output", "reports", "a.html"));
        var aWritten = File.GetLastWriteTimeUtc(temp.Combine("output", "reports", "a.html"));
        var aYearWritten = File.GetLastWriteTimeUtc(temp.Combine("output", SitePaths.DataJsonLines(2020, "440000")));
        WaitUntilTheFileClockPasses(aWritten, temp.Path);

        // Only b's text changes (not its metadata): its page is keyed by its file's hash, so it is rendered again.
        temp.Write("input/reports/b.md", SampleInput.Report("b", year: "2021", body: "我局推进云仲裁平台建设。"));
        var second = new SiteBuilder().Build(paths);

        Assert.True(second.ReusedFiles > 0);
        Assert.Equal(untouched, File.ReadAllText(temp.Combine("output", "reports", "a.html")));
        Assert.Equal(aWritten, File.GetLastWriteTimeUtc(temp.Combine("output", "reports", "a.html")));
        Assert.Equal(aYearWritten, File.GetLastWriteTimeUtc(temp.Combine("output", SitePaths.DataJsonLines(2020, "440000"))));
        Assert.Contains("云仲裁", File.ReadAllText(temp.Combine("output", SitePaths.DataJsonLines(2021, "440000"))));
        Assert.Contains("云仲裁", File.ReadAllText(temp.Combine("output", "reports", "b.html")));
    }

    [Fact]
    public void A_rebuild_adds_an_update_to_the_search_index_and_leaves_its_base_files_untouched_until_a_build_without_the_base()
    {
        using var temp = new TempFolder();
        var paths = Paths(temp);
        new SiteBuilder().Build(paths);
        var keys = Directory.EnumerateFiles(temp.Combine("output", "search", "keys")).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        WaitUntilTheFileClockPasses(keys.Values.Max(), temp.Path);

        temp.Write("input/reports/b.md", SampleInput.Report("b", year: "2021", body: "我局推进云仲裁平台建设。"));
        new SiteBuilder().Build(paths);

        Assert.All(keys, k => Assert.Equal(k.Value, File.GetLastWriteTimeUtc(k.Key)));
        using (var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(temp.Combine("output", "search", "manifest.json"))))
        {
            Assert.Equal([1], manifest.RootElement.GetProperty("update").GetProperty("void").EnumerateArray().Select(v => v.GetInt32()));
        }

        Assert.True(Directory.Exists(temp.Combine("output", "search", "update", "keys")));

        // Without the base (a cache emptied by hand), the next build makes the whole index again, with no update.
        Directory.Delete(temp.Combine("cache", "search-base"), recursive: true);
        temp.Write("input/reports/b.md", SampleInput.Report("b", year: "2021", body: "我局推进云仲裁平台建设，再次修改。"));
        new SiteBuilder().Build(paths);

        Assert.DoesNotContain("\"update\"", File.ReadAllText(temp.Combine("output", "search", "manifest.json")));
        Assert.False(Directory.Exists(temp.Combine("output", "search", "update")));
    }

    [Fact]
    public void A_file_deleted_from_the_index_base_is_noticed_though_its_folder_is_not_listed_while_unchanged()
    {
        using var temp = new TempFolder();
        var paths = Paths(temp);
        new SiteBuilder().Build(paths);
        var stamps = FolderStamps.Load(FolderStamps.PathFor(OutputManifest.PathFor(paths.Cache!, paths.Output)));
        Assert.True(stamps.Unchanged(paths.Output, "search/text"));

        var pack = Directory.EnumerateFiles(temp.Combine("output", "search", "text"), "*.bin").Order(StringComparer.Ordinal).First();
        var packBytes = File.ReadAllBytes(pack);
        File.Delete(pack);
        Assert.False(stamps.Unchanged(paths.Output, "search/text"));

        // Up to date it is not; and the rebuild after a change cannot keep the base: a full export puts the pack back,
        // as a build from scratch writes it.
        Assert.False(new SiteBuilder().Build(paths).UpToDate);
        Assert.Equal(packBytes, File.ReadAllBytes(pack));
        temp.Write("input/reports/b.md", SampleInput.Report("b", year: "2021", body: "我局推进云仲裁平台建设。"));
        File.Delete(pack);
        new SiteBuilder().Build(paths);
        var scratch = paths with { Output = temp.Combine("scratch"), Cache = temp.Combine("scratch-cache") };
        new SiteBuilder().Build(scratch);

        Assert.Equal(File.ReadAllBytes(Path.Combine(scratch.Output, "search", "text", Path.GetFileName(pack))), File.ReadAllBytes(pack));
        Assert.DoesNotContain("\"update\"", File.ReadAllText(temp.Combine("output", "search", "manifest.json")));
    }

    [Fact]
    public void What_a_killed_build_left_beside_output_makes_an_unchanged_build_run_and_is_cleared()
    {
        using var temp = new TempFolder();
        var paths = Paths(temp);
        var first = new SiteBuilder().Build(paths);
        temp.Write(".output.staging-4242/reports/a.html", "half-written");

        var next = new SiteBuilder().Build(paths);

        Assert.False(next.UpToDate);
        Assert.Contains("deleted the half-written files of 1 killed build", Assert.Single(next.Recovered));
        Assert.False(Directory.Exists(temp.Combine(".output.staging-4242")));
        Assert.Equal(first.Files, next.Files);
        var after = new SiteBuilder().Build(paths);
        Assert.True(after.UpToDate);
        Assert.Empty(after.Recovered);
    }

    [Fact]
    public void Another_precompress_option_makes_an_unchanged_build_run_and_writes_only_the_copies_it_asks_for()
    {
        using var temp = new TempFolder();
        var paths = Paths(temp);
        new SiteBuilder().Build(paths);
        static int Copies(string output, string suffix) => Directory.EnumerateFiles(output, "*" + suffix, SearchOption.AllDirectories).Count();
        Assert.True(Copies(paths.Output, ".br") > 20 && Copies(paths.Output, ".gz") > 20);

        var none = new SiteBuilder().Build(paths with { Precompress = Precompress.None });
        Assert.False(none.UpToDate);
        Assert.Equal((0, 0), (Copies(paths.Output, ".gz"), Copies(paths.Output, ".br")));
        Assert.True(new SiteBuilder().Build(paths with { Precompress = Precompress.None }).UpToDate);

        var brotli = new SiteBuilder().Build(paths with { Precompress = Precompress.Brotli });
        Assert.False(brotli.UpToDate);
        Assert.Equal(0, Copies(paths.Output, ".gz"));
        Assert.True(Copies(paths.Output, ".br") > 20);

        Assert.False(new SiteBuilder().Build(paths).UpToDate);
        Assert.True(Copies(paths.Output, ".br") > 20 && Copies(paths.Output, ".gz") > 20);
    }

    [Fact]
    public void Without_a_cache_every_build_runs()
    {
        using var temp = new TempFolder();
        var paths = Paths(temp) with { Cache = null };
        new SiteBuilder().Build(paths);

        Assert.False(new SiteBuilder().Build(paths).UpToDate);
    }

    // A file rewritten within one tick of the file system's clock (a jiffy on Linux) keeps its write time, and a test
    // that a rebuild left a file untouched would then pass for a file it rewrote: wait until a new file gets a later
    // write time than the one given.
    private static void WaitUntilTheFileClockPasses(DateTime written, string folder)
    {
        var probe = Path.Combine(folder, "clock-probe");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "the file system's clock did not move in 5 s");
            File.WriteAllText(probe, "");
        }
        while (File.GetLastWriteTimeUtc(probe) <= written);

        File.Delete(probe);
    }
}
