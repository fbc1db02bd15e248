using Archive.Tests.Support;
using System.Diagnostics;

namespace Archive.Tests.SearchClient;

/// <summary>Runs tests/js/engine.test.mjs (engine against a substring scan on crafted indexes) as part of dotnet test.</summary>
public class NodeEngineTests
{
    [Fact]
    public async Task Engine_tests_on_crafted_indexes_pass_under_node()
    {
        var start = new ProcessStartInfo("/usr/bin/node", ["--test", Path.Combine(RepoPaths.Root, "tests", "js", "engine.test.mjs")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var report = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "node --test did not finish within two minutes");

        Assert.True(process.ExitCode == 0, report + await errors);
        Assert.Contains("# fail 0", report);
    }
}
