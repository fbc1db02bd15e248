using Archive.Tests.Support;
using System.Diagnostics;

namespace Archive.Tests.SearchClient;

/// <summary>
/// Runs every tests/js/*.test.mjs under node --test as part of dotnet test, one case per file so that a failure names
/// its file: the engine against a substring scan on crafted indexes (engine.test.mjs), and the fixture index writer
/// those indexes come from against a decoder written from FORMAT.md alone (fixture-index.test.mjs).
/// </summary>
public class NodeEngineTests
{
    private static string Folder => Path.Combine(RepoPaths.Root, "tests", "js");

    public static TheoryData<string> TestFiles() => new(FileNames());

    [Fact]
    public void The_engine_and_fixture_index_test_files_are_among_those_run()
    {
        Assert.Subset(FileNames().ToHashSet(), new HashSet<string> { "engine.test.mjs", "fixture-index.test.mjs" });
    }

    [Theory]
    [MemberData(nameof(TestFiles))]
    public async Task A_js_test_file_runs_at_least_one_test_under_node_and_none_fails(string file)
    {
        var start = new ProcessStartInfo("/usr/bin/node", ["--test", Path.Combine(Folder, file)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var report = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), $"node --test {file} did not finish within two minutes");

        Assert.True(process.ExitCode == 0, report + await errors);
        Assert.Contains("# fail 0", report);
        var passed = System.Text.RegularExpressions.Regex.Match(report, @"^# pass (\d+)$", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.True(passed.Success && int.Parse(passed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, $"{file} ran no test: {report}");
    }

    private static IEnumerable<string> FileNames() =>
        Directory.GetFiles(Folder, "*.test.mjs").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal);
}
