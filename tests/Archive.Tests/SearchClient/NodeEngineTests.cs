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
    public void Both_test_files_are_found()
    {
        Assert.Subset(FileNames().ToHashSet(), new HashSet<string> { "engine.test.mjs", "fixture-index.test.mjs" });
    }

    [Theory]
    [MemberData(nameof(TestFiles))]
    public async Task Js_tests_pass_under_node(string file)
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
    }

    private static IEnumerable<string> FileNames() =>
        Directory.GetFiles(Folder, "*.test.mjs").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal);
}
