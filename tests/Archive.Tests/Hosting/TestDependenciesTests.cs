using System.Text.RegularExpressions;
using Archive.Tests.Support;

namespace Archive.Tests.Hosting;

/// <summary>
/// Every program the suite starts is installed by test.sh on a fresh Debian machine (CI runs on one with nothing
/// installed by hand): a test that starts a new program fails here until test.sh installs it.
/// </summary>
public partial class TestDependenciesTests
{
    // The programs the tests start, or the product starts while tests run it, with the Debian package test.sh installs
    // when one is missing; bash and dotnet run the suite itself. curl is started by the load.sh that `archive export`
    // writes, which ExportCliTests runs; tesseract, pdftoppm and soffice by 'archive import' (scans, .doc).
    private static readonly Dictionary<string, string?> Programs = new()
    {
        ["node"] = "nodejs",
        ["chromium"] = "chromium",
        ["nginx"] = "nginx",
        ["curl"] = "curl",
        ["tesseract"] = "tesseract-ocr",
        ["pdftoppm"] = "poppler-utils",
        ["pdfunite"] = "poppler-utils",
        ["soffice"] = "libreoffice-writer-nogui",
        ["bash"] = null,
        ["dotnet"] = null,
    };

    [Fact]
    public void Every_program_the_tests_start_is_one_test_sh_knows()
    {
        var started = new[] { "tests", "src" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => StartedProgram().Matches(File.ReadAllText(file)).Select(m => Path.GetFileName(m.Groups["program"].Value)))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Contains("node", started);
        Assert.Contains("tesseract", started);
        Assert.DoesNotContain(started, program => !Programs.ContainsKey(program));
    }

    [Fact]
    public void Test_sh_installs_each_program_the_tests_start_when_it_is_missing()
    {
        var script = File.ReadAllText(Path.Combine(RepoPaths.Root, "test.sh"));
        var missing = Programs.Where(p => p.Value is not null)
            .Where(p => !script.Contains($"command -v {p.Key} ", StringComparison.Ordinal) || !script.Contains($"missing+=({p.Value})", StringComparison.Ordinal))
            .Select(p => p.Key)
            .ToList();

        Assert.True(missing.Count == 0, $"test.sh does not check for and install: {string.Join(", ", missing)}");
    }

    // A program path in a string ("/usr/bin/node"), a program a ProcessStartInfo starts by name, or one the product
    // looks up on PATH to start (ExternalTool.Find or Require).
    [GeneratedRegex("\"/usr/s?bin/(?<program>[a-z0-9._-]+)\"|ProcessStartInfo\\(\"(?<program>[a-z0-9._/-]+)\"|ExternalTool\\.(?:Find|Require)\\(\"(?<program>[a-z0-9._-]+)\"")]
    private static partial Regex StartedProgram();
}
