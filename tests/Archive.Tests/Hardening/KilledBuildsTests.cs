using Archive.Tests.Support;
using System.Diagnostics;
using System.Text.Json;
using Archive.Output;
using Archive.Search.Lucene;

namespace Archive.Tests.Hardening;

/// <summary>
/// 'archive build' killed at random moments (fixed seed) leaves the previous site whole, or the complete new one, or
/// (killed while a rebuild moves its changed files in) a journal that completes the new one, and the next build
/// succeeds; a garbled search cache is found and rebuilt by 'archive build' and 'archive search'.
/// </summary>
public class KilledBuildsTests
{
    private const int Seed = 20251122;
    private const int Kills = 6;

    // Kills land within 0.1–1.1 times one build, so the whole test is about eight builds long: some 30 s on an idle
    // two-core machine. The bound is in builds, not seconds, so a busy machine slows it without failing it.
    private const int BudgetInBuilds = 10;

    [Fact]
    public void A_build_killed_at_random_moments_leaves_a_whole_site_and_the_next_build_succeeds()
    {
        var clock = Stopwatch.StartNew();
        using var temp = new TempFolder();
        var input = WriteCorpus(temp, reports: 100);
        var output = temp.Combine("output");
        var started = Stopwatch.StartNew();
        Build(temp, input, output);
        var buildTime = started.Elapsed;
        var before = FolderHashes.Of(output);

        // The next build has something to change: a new report and an edited one.
        File.AppendAllText(Path.Combine(input, "reports", "r0007.md"), "新增的一段：依法行政工作持续推进。\n");
        File.WriteAllText(Path.Combine(input, "reports", "r9999.md"), Report(9999, "440303-hrss", 2024, "补充报告正文。\n二、工作成效\n持续推进依法行政。"));
        // The new site is what this rebuild makes of this output/ and cache (it adds an update to the search index,
        // where a first build would make the whole index): made once to completion, then the old state put back.
        CopyTree(output, temp.Combine("saved-output"));
        CopyTree(temp.Combine("cache"), temp.Combine("saved-cache"));
        Build(temp, input, output);
        var after = FolderHashes.Of(output);
        Directory.Delete(output, recursive: true);
        Directory.Delete(temp.Combine("cache"), recursive: true);
        Directory.Move(temp.Combine("saved-output"), output);
        Directory.Move(temp.Combine("saved-cache"), temp.Combine("cache"));
        Assert.True(FolderHashes.Same(before, FolderHashes.Of(output)));

        var random = new Random(Seed);
        var outcomes = new List<string>();
        for (var kill = 0; kill < Kills; kill++)
        {
            var delay = TimeSpan.FromMilliseconds(buildTime.TotalMilliseconds * (0.1 + random.NextDouble()));
            using (var build = ArchiveProcess.Start(temp.Path, new Dictionary<string, string>(), "build", "--input", input, "--theme", RepoPaths.Theme, "--output", output, "--cache", temp.Combine("cache")))
            {
                build.StandardOutput.ReadToEndAsync();
                build.StandardError.ReadToEndAsync();
                var finished = build.WaitForExit(delay);
                if (!finished)
                {
                    build.Kill(entireProcessTree: true);
                    build.WaitForExit();
                }

                outcomes.Add($"{delay.TotalSeconds:F2}s: {(finished ? "finished" : "killed")}");
            }

            if (!Directory.Exists(output))
            {
                // Killed between the swap's two renames: the whole previous site waits beside it for the next build.
                var previous = Directory.EnumerateDirectories(temp.Path, ".output.previous-*").Single();
                Assert.True(FolderHashes.Same(before, FolderHashes.Of(previous)), $"kill {kill}: the parked previous site is not whole");
                continue;
            }

            var now = FolderHashes.Of(output);
            if (FolderHashes.Same(before, now))
            {
                continue;
            }

            if (!FolderHashes.Same(after, now))
            {
                // Killed while moving a rebuild's changed files in: the journal it left is finished before anything else.
                Assert.True(File.Exists(temp.Combine(".output.journal")), $"kill {kill} at {delay}: output/ is neither the previous site nor the new one, and no journal says how to finish: {FolderHashes.Difference(after, now)}");
                new OutputFolder(output).Dispose();
                now = FolderHashes.Of(output);
                Assert.True(FolderHashes.Same(after, now), $"kill {kill} at {delay}: the journal did not finish the new site: {FolderHashes.Difference(after, now)}");
                outcomes.Add("journal finished");
            }

            before = now;
        }

        var final = ArchiveProcess.Run(temp.Path, "build", "--input", input, "--theme", RepoPaths.Theme, "--output", output, "--cache", temp.Combine("cache"));
        Assert.True(final.Exit == 0, final.Output);
        Assert.True(FolderHashes.Same(after, FolderHashes.Of(output)), FolderHashes.Difference(after, FolderHashes.Of(output)));
        Assert.Equal(["cache", "input", "output"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var search = ArchiveProcess.Run(temp.Path, "search", "补充报告", "--json", "--input", input, "--cache", temp.Combine("cache"));
        Assert.True(search.Exit == 0, search.Output);
        Assert.Equal(1, JsonDocument.Parse(search.Stdout).RootElement.GetProperty("total").GetInt32());
        Assert.True(clock.Elapsed < buildTime * BudgetInBuilds, $"took {clock.Elapsed} (one build: {buildTime}); kills: {string.Join(", ", outcomes)}");
    }

    // A copy that a rebuild takes for the same files: same contents and write times (the manifest's check).
    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
            File.SetLastWriteTimeUtc(copy, File.GetLastWriteTimeUtc(file));
        }
    }

    public static TheoryData<string> Damage() => new(["truncated", "garbled", "deleted"]);

    [Theory]
    [MemberData(nameof(Damage))]
    public void A_damaged_search_cache_is_rebuilt_by_search_and_by_build(string damage)
    {
        using var temp = new TempFolder();
        var input = WriteCorpus(temp, reports: 20);
        var cache = temp.Combine("cache");
        Build(temp, input, temp.Combine("output"));
        // A build makes no Lucene index; the first search does, and from then on builds keep it current.
        Assert.False(Directory.Exists(SearchIndexBuilder.IndexFolder(cache)));
        var first = ArchiveProcess.Run(temp.Path, "search", "依法行政", "--json", "--limit", "100", "--input", input, "--cache", cache);
        Assert.True(first.Exit == 0, first.Output);
        Assert.Contains("building it", first.Stderr);

        Harm(cache, damage);
        var search = ArchiveProcess.Run(temp.Path, "search", "依法行政", "--json", "--limit", "100", "--input", input, "--cache", cache);

        Assert.True(search.Exit == 0, search.Output);
        Assert.Contains("is damaged", search.Stderr);
        Assert.Contains("building it again", search.Stderr);
        Assert.Equal(20, JsonDocument.Parse(search.Stdout).RootElement.GetProperty("total").GetInt32());
        Assert.DoesNotContain("   at ", search.Output);

        Harm(cache, damage);
        Build(temp, input, temp.Combine("output"));
        var again = ArchiveProcess.Run(temp.Path, "search", "依法行政", "--json", "--limit", "100", "--input", input, "--cache", cache);
        Assert.True(again.Exit == 0, again.Output);
        Assert.Equal(20, JsonDocument.Parse(again.Stdout).RootElement.GetProperty("total").GetInt32());
    }

    // Damages the Lucene files of the cache the way a killed process or a bad disk does; the input fingerprint stays.
    private static void Harm(string cache, string damage)
    {
        var files = Directory.EnumerateFiles(SearchIndexBuilder.IndexFolder(cache), "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".sha256", StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith("write.lock", StringComparison.Ordinal))
            .OrderByDescending(f => new FileInfo(f).Length)
            .ThenBy(f => f, StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(files);
        foreach (var file in files.Take(3))
        {
            switch (damage)
            {
                case "truncated":
                    using (var stream = File.Open(file, FileMode.Open))
                    {
                        stream.SetLength(stream.Length / 2);
                    }

                    break;
                case "garbled":
                    var bytes = File.ReadAllBytes(file);
                    new Random(Seed).NextBytes(bytes.AsSpan(bytes.Length / 4, bytes.Length / 2));
                    File.WriteAllBytes(file, bytes);
                    break;
                default:
                    File.Delete(file);
                    break;
            }
        }
    }

    private static void Build(TempFolder temp, string input, string output, string? cache = null)
    {
        var run = ArchiveProcess.Run(temp.Path, "build", "--input", input, "--theme", RepoPaths.Theme, "--output", output, "--cache", cache ?? temp.Combine("cache"));
        Assert.True(run.Exit == 0, run.Output);
    }

    // Five bureaus, eleven years, 6–13 paragraphs a report.
    private static string WriteCorpus(TempFolder temp, int reports) =>
        FixtureReports.WriteCorpus(temp.Combine("input"), reports, Seed, ["440303-hrss", "120102-hrss", "330502-hrss", "440105-hrss", "440600-hrss"], 6, 14);

    private static string Report(int number, string bureau, int year, string body) => FixtureReports.Report(number, bureau, year, body);
}
