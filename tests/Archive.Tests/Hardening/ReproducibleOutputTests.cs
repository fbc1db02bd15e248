using Archive.Tests.Support;

namespace Archive.Tests.Hardening;

/// <summary>
/// The same input gives byte-identical output/ (pages, search/, feeds, downloads, .gz and .br copies) whatever the
/// input files' times, the folders, the time zone and the culture of the process that builds it.
/// </summary>
public class ReproducibleOutputTests(ReproducibleOutputTests.Reference reference) : IClassFixture<ReproducibleOutputTests.Reference>
{
    public static TheoryData<string, string, string> Environments() => new()
    {
        // name, TZ, LANG (LC_ALL); each build is compared with one in UTC under C.UTF-8.
        { "German culture, UTC+14", "Pacific/Kiritimati", "de_DE.UTF-8" },
        { "Thai Buddhist calendar, UTC-3:30", "America/St_Johns", "th_TH.UTF-8" },
        { "Saudi Umm al-Qura calendar, UTC+3", "Asia/Riyadh", "ar_SA.UTF-8" },
        { "Chinese culture, Shanghai", "Asia/Shanghai", "zh_CN.UTF-8" },
    };

    [Theory]
    [MemberData(nameof(Environments))]
    public void Two_builds_of_one_input_in_other_folders_times_zones_and_cultures_are_byte_identical(string name, string zone, string culture)
    {
        using var temp = new TempFolder();
        var first = reference.Hashes;
        var second = Build(temp, "other/deeper", new Dictionary<string, string> { ["TZ"] = zone, ["LANG"] = culture, ["LC_ALL"] = culture }, touch: true);

        Assert.True(FolderHashes.Same(first, second), $"{name}: {FolderHashes.Difference(first, second)}");
        Assert.Contains(first.Keys, k => k.StartsWith("search/", StringComparison.Ordinal));
        Assert.Contains("feed.xml", first.Keys);
        Assert.Contains("feed.xml.br", first.Keys);
    }

    [Fact]
    public void Under_invariant_globalization_the_cli_says_it_needs_culture_data_instead_of_crashing()
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(temp, ("a.md", SampleInput.Report("a-2020")));

        var run = ArchiveProcess.Run(temp.Path, new Dictionary<string, string> { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1" }, "build", "--input", input, "--theme", RepoPaths.Theme, "--output", temp.Combine("output"), "--cache", temp.Combine("cache"));

        Assert.Equal(1, run.Exit);
        Assert.StartsWith("error: archive needs culture data", run.Stderr);
        Assert.Contains("unset DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", run.Stderr);
        Assert.DoesNotContain("   at ", run.Output);
        Assert.False(Directory.Exists(temp.Combine("output")));
    }

    /// <summary>The shipped input/ built once in UTC under C.UTF-8, the build every other one must equal.</summary>
    public sealed class Reference : IDisposable
    {
        private readonly TempFolder _temp = new();

        public Reference() => Hashes = Build(_temp, "one", new Dictionary<string, string> { ["TZ"] = "UTC", ["LANG"] = "C.UTF-8", ["LC_ALL"] = "C.UTF-8" });

        public SortedDictionary<string, string> Hashes { get; }

        public void Dispose() => _temp.Dispose();
    }

    // Copies the shipped input/ into its own folder (new file times), optionally sets every file's time to another
    // day, and builds it as a separate process from its own working folder.
    private static SortedDictionary<string, string> Build(TempFolder temp, string folder, Dictionary<string, string> environment, bool touch = false)
    {
        var root = temp.Combine(folder);
        PreviousSite.CopyFolder(RepoPaths.Input, Path.Combine(root, "input"));
        if (touch)
        {
            var day = new DateTime(2031, 7, 14, 23, 59, 30, DateTimeKind.Utc);
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "input"), "*", SearchOption.AllDirectories))
            {
                File.SetLastWriteTimeUtc(file, day);
                day = day.AddHours(-37);
            }
        }

        var run = ArchiveProcess.Run(root, environment, "build", "--input", "input", "--theme", RepoPaths.Theme, "--output", "output", "--cache", "cache");
        if (run.Exit != 0)
        {
            throw new InvalidOperationException("build failed: " + run.Output);
        }

        return FolderHashes.Of(Path.Combine(root, "output"));
    }
}
