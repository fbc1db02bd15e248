using Archive.Tests.Support;
using System.Diagnostics;
using System.Text.Json;
using Archive.Search.Lucene;

namespace Archive.Tests.Hardening;

/// <summary>
/// 'archive build' killed at the moments that matter: while it renders pages, while it writes the search index, and
/// while it moves a rebuild's files into the live site. Each kill waits for the moment to be visible on disk (the
/// staging folder's pages, its search files, the journal) and then kills the process; an attempt whose build got
/// past the moment first is made again from the same state. After every kill the live site is the previous one (or,
/// killed while moving files in, a journal says how to finish), and the next build finishes or clears what the killed
/// one left, says so, and leaves exactly the site an uninterrupted build makes. A garbled search cache is found and
/// rebuilt by 'archive build' and 'archive search'.
/// </summary>
public class KilledBuildsTests(KilledBuildsTests.Sites sites) : IClassFixture<KilledBuildsTests.Sites>
{
    private const int Seed = 20251122;

    // A moment is passed by at most this many builds in a row before the test gives up and says so.
    private const int Attempts = 6;

    public enum Moment
    {
        RenderingPages,
        WritingTheSearchIndex,
        MovingFilesIn,
    }

    public static TheoryData<Moment> Moments() => new(Enum.GetValues<Moment>());

    [Theory]
    [MemberData(nameof(Moments))]
    public void A_rebuild_killed_at_a_moment_leaves_a_whole_site_and_the_next_build_finishes_it(Moment moment)
    {
        var attempts = new List<string>();
        for (var attempt = 0; ; attempt++)
        {
            Assert.True(attempt < Attempts, $"no kill landed while {moment}: {string.Join("; ", attempts)}");
            sites.PutBackPreviousSite();
            var kill = sites.BuildKilledWhen(staging => Reached(moment, staging));
            attempts.Add(kill.ToString());
            if (!kill.Killed || (moment != Moment.MovingFilesIn && kill.JournalLeft) || (moment == Moment.MovingFilesIn && !kill.JournalLeft))
            {
                continue;
            }

            if (moment == Moment.MovingFilesIn)
            {
                // The live site is partly the new one; the journal names what is left to do.
                Assert.True(kill.StagingLeft, "killed while moving files in, but the staging folder they come from is gone");
            }
            else
            {
                Assert.True(kill.StagingLeft, $"killed while {moment}, but no staging folder was being written");
                Assert.True(FolderHashes.Same(sites.Before, FolderHashes.Of(sites.Output)), $"killed while {moment}, the live site changed: {FolderHashes.Difference(sites.Before, FolderHashes.Of(sites.Output))}");
            }

            break;
        }

        var next = sites.Build();
        Assert.True(next.Exit == 0, next.Output);
        Assert.Contains(moment == Moment.MovingFilesIn ? "finished the last build, which was killed while moving its files" : "deleted the half-written files of 1 killed build", next.Stderr);
        var now = FolderHashes.Of(sites.Output);
        Assert.True(FolderHashes.Same(sites.After, now), FolderHashes.Difference(sites.After, now));
        Assert.Equal(["cache", "input", "output", "theme"], sites.Leftovers());
        sites.AssertSearchFindsTheNewReport();
    }

    [Fact]
    public void A_first_build_killed_while_rendering_leaves_no_site_and_the_next_build_makes_the_whole_one()
    {
        var attempts = new List<string>();
        for (var attempt = 0; ; attempt++)
        {
            Assert.True(attempt < Attempts, $"no kill landed while rendering a first build: {string.Join("; ", attempts)}");
            sites.RemoveSite();
            var kill = sites.BuildKilledWhen(staging => Reached(Moment.RenderingPages, staging));
            attempts.Add(kill.ToString());
            if (kill.Killed && kill.StagingLeft)
            {
                break;
            }
        }

        Assert.False(Directory.Exists(sites.Output), "a first build killed before its swap left an output folder");
        var next = sites.Build();
        Assert.True(next.Exit == 0, next.Output);
        Assert.Contains("deleted the half-written files of 1 killed build", next.Stderr);
        var now = FolderHashes.Of(sites.Output);
        Assert.True(FolderHashes.Same(sites.Clean, now), FolderHashes.Difference(sites.Clean, now));
        Assert.Equal(["cache", "input", "output", "theme"], sites.Leftovers());
    }

    // What on disk shows that a build is at the moment: its staging folder holds report pages (rendering), its
    // search index files (the export), or a journal stands beside output/ (the move phase).
    private static bool Reached(Moment moment, string staging) => moment switch
    {
        Moment.RenderingPages => Directory.Exists(Path.Combine(staging, "reports")),
        Moment.WritingTheSearchIndex => Directory.Exists(Path.Combine(staging, "search", "text")),
        _ => File.Exists(Path.Combine(Path.GetDirectoryName(staging)!, ".output.journal")),
    };

    public static TheoryData<string> Damage() => new(["truncated", "garbled", "deleted"]);

    [Theory]
    [MemberData(nameof(Damage))]
    public void A_damaged_search_cache_is_rebuilt_by_search_and_by_build(string damage)
    {
        using var temp = new TempFolder();
        var input = FixtureReports.WriteCorpus(temp.Combine("input"), 20, Seed, Sites.Bureaus, 6, 14);
        var cache = temp.Combine("cache");
        Build(temp, input);
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
        Build(temp, input);
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

    private static void Build(TempFolder temp, string input)
    {
        var run = ArchiveProcess.Run(temp.Path, "build", "--input", input, "--theme", RepoPaths.Theme, "--output", temp.Combine("output"), "--cache", temp.Combine("cache"));
        Assert.True(run.Exit == 0, run.Output);
    }

    /// <summary>What one killed build left: whether the kill came before the build ended, and what stayed on disk.</summary>
    public sealed record Kill(bool Killed, bool StagingLeft, bool JournalLeft, TimeSpan After)
    {
        public override string ToString() => $"{(Killed ? "killed" : "finished")} after {After.TotalSeconds:F2} s (staging {(StagingLeft ? "left" : "gone")}, journal {(JournalLeft ? "left" : "none")})";
    }

    /// <summary>
    /// One site and its cache as they stand before a rebuild (built, with a Lucene index), the edits that rebuild has
    /// to make (a template, the CSS, 70 reports edited so the search index is exported whole, one report added), and
    /// the sites that building those edits to the end makes: the rebuild's and a clean build's.
    /// </summary>
    public sealed class Sites : IDisposable
    {
        public static readonly string[] Bureaus = ["440303-hrss", "120102-hrss", "330502-hrss", "440105-hrss", "440600-hrss"];

        private readonly TempFolder _temp = new();

        public Sites()
        {
            FixtureReports.WriteCorpus(Input, 120, Seed, Bureaus, 6, 14);
            CopyTree(RepoPaths.Theme, Theme);
            Assert.Equal(0, Build().Exit);
            var lucene = Search("依法行政");
            Assert.True(lucene.Exit == 0, lucene.Output);
            Before = FolderHashes.Of(Output);
            CopyTree(Output, _temp.Combine("previous", "output"));
            CopyTree(Cache, _temp.Combine("previous", "cache"));

            var layout = Path.Combine(Theme, "templates", "layout.liquid");
            File.WriteAllText(layout, File.ReadAllText(layout).Replace("</head>", "<meta name=\"format-detection\" content=\"telephone=no\">\n</head>", StringComparison.Ordinal));
            File.AppendAllText(Path.Combine(Theme, "assets", "style.css"), "\nmark { background: #ffe08a; }\n");
            for (var i = 0; i < 70; i++)
            {
                File.AppendAllText(Path.Combine(Input, "reports", $"r{i:D4}.md"), $"新增的一段：依法行政工作持续推进（{i}）。\n");
            }

            File.WriteAllText(Path.Combine(Input, "reports", "r9999.md"), FixtureReports.Report(9999, "440303-hrss", 2024, "补充报告正文。\n二、工作成效\n持续推进依法行政。"));

            var rebuild = Build();
            Assert.True(rebuild.Exit == 0, rebuild.Output);
            After = FolderHashes.Of(Output);
            var clean = ArchiveProcess.Run(Root, "build", "--input", Input, "--theme", Theme, "--output", _temp.Combine("clean"));
            Assert.True(clean.Exit == 0, clean.Output);
            Clean = FolderHashes.Of(_temp.Combine("clean"));
            // The rebuild exports the search index whole (70 reports changed), so it is the clean build, byte for byte.
            Assert.True(FolderHashes.Same(Clean, After), FolderHashes.Difference(Clean, After));
            Assert.NotEqual(Before.Count, After.Count);
        }

        /// <summary>Where the site's folders are, and nothing else: leftovers of a killed build would show here.</summary>
        public string Root => _temp.Combine("site");

        public string Input => Path.Combine(Root, "input");

        public string Theme => Path.Combine(Root, "theme");

        public string Output => Path.Combine(Root, "output");

        public string Cache => Path.Combine(Root, "cache");

        /// <summary>The site before the edits, which a killed rebuild must leave untouched.</summary>
        public SortedDictionary<string, string> Before { get; }

        /// <summary>The site an uninterrupted rebuild makes of the edits.</summary>
        public SortedDictionary<string, string> After { get; }

        /// <summary>The site a build without a cache makes of the edits.</summary>
        public SortedDictionary<string, string> Clean { get; }

        public ArchiveRun Build() =>
            ArchiveProcess.Run(Root, "build", "--input", Input, "--theme", Theme, "--output", Output, "--cache", Cache);

        public ArchiveRun Search(string query) =>
            ArchiveProcess.Run(Root, "search", query, "--json", "--limit", "200", "--input", Input, "--cache", Cache);

        /// <summary>Output and cache as they were before the edits, with the write times a rebuild checks.</summary>
        public void PutBackPreviousSite()
        {
            RemoveSite();
            CopyTree(_temp.Combine("previous", "output"), Output);
            CopyTree(_temp.Combine("previous", "cache"), Cache);
        }

        /// <summary>No output, no cache, no leftovers: the state before a first build.</summary>
        public void RemoveSite()
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(Root).Where(e => Path.GetFileName(e) is not ("input" or "theme")))
            {
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            }
        }

        public List<string> Leftovers() => [.. Directory.EnumerateFileSystemEntries(Root).Select(e => Path.GetFileName(e)!).Order(StringComparer.Ordinal)];

        /// <summary>
        /// Starts a build and watches its staging folder as fast as it can; the moment <paramref name="reached"/> holds,
        /// kills the build's process. The kill may come too late (the build ended first): the result says so.
        /// </summary>
        public Kill BuildKilledWhen(Func<string, bool> reached)
        {
            var clock = Stopwatch.StartNew();
            using var build = ArchiveProcess.Start(Root, new Dictionary<string, string>(), "build", "--input", Input, "--theme", Theme, "--output", Output, "--cache", Cache);
            _ = build.StandardOutput.ReadToEndAsync();
            _ = build.StandardError.ReadToEndAsync();
            var staging = Path.Combine(Root, $".output.staging-{build.Id}");
            var killed = false;
            while (!build.HasExited)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "the build ran longer than two minutes");
                if (reached(staging))
                {
                    build.Kill(entireProcessTree: true);
                    killed = true;
                    break;
                }

                Thread.Yield();
            }

            build.WaitForExit();
            // A build that ended on its own before the kill exits 0; one the kill ended exits by SIGKILL.
            return new Kill(killed && build.ExitCode != 0, Directory.Exists(staging), File.Exists(Path.Combine(Root, ".output.journal")), clock.Elapsed);
        }

        public void AssertSearchFindsTheNewReport()
        {
            var search = Search("补充报告");
            Assert.True(search.Exit == 0, search.Output);
            Assert.DoesNotContain("building it", search.Stderr);
            Assert.Equal(1, JsonDocument.Parse(search.Stdout).RootElement.GetProperty("total").GetInt32());
            var all = Search("依法行政");
            Assert.Equal(121, JsonDocument.Parse(all.Stdout).RootElement.GetProperty("total").GetInt32());
        }

        public void Dispose() => _temp.Dispose();

        // A copy that a rebuild takes for the same files: same contents and write times (the manifest's check).
        private static void CopyTree(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(to, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
                File.SetLastWriteTimeUtc(copy, File.GetLastWriteTimeUtc(file));
            }
        }
    }
}
