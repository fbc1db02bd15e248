using Archive.Tests.Support;
using System.Text.RegularExpressions;
using Archive.Build;

namespace Archive.Tests.Build;

/// <summary>
/// A rebuild keeps every file whose source key is unchanged without making it again, so a key that misses something
/// a file is made from leaves a stale file behind. Here each kind of edit is followed by a rebuild with the cache and
/// a full build without one into another folder: the two sites must be the same, file for file and byte for byte.
/// The search index is left out: a rebuild adds an update to it, which answers alike but is laid out differently
/// (IndexUpdateParityTests check its answers).
/// </summary>
public sealed class RebuildEqualsFullBuildTests
{
    private static readonly string[] Bureaus = ["440303-hrss", "120102-hrss", "330502-hrss"];

    [Fact]
    public void After_each_kind_of_edit_a_rebuild_writes_the_same_site_as_a_build_from_scratch()
    {
        using var temp = new TempFolder();
        var input = FixtureReports.WriteCorpus(temp.Combine("input"), 24, seed: 11, Bureaus, 2, 5);
        var paths = new BuildPaths(input, RepoPaths.Theme, temp.Combine("output"), temp.Combine("cache"));
        new SiteBuilder().Build(paths);
        var report = Path.Combine(input, "reports", "r0003.md");
        var edits = new (string What, Action Edit)[]
        {
            ("a report's text", () => File.AppendAllText(report, "我局还推进了劳动争议速裁庭建设。\n")),
            // Published after the deadline: the report turns late on every page and in every file that says so.
            ("a report's title and published date", () => File.WriteAllText(report, Regex.Replace(
                File.ReadAllText(report).Replace("年法治政府建设年度报告", "年度法治政府建设情况报告", StringComparison.Ordinal),
                @"published: (\d{4})-\d\d-\d\d", "published: $1-05-20"))),
            ("a bureau's name", () => File.WriteAllText(Path.Combine(input, "bureaus.yml"), File.ReadAllText(Path.Combine(input, "bureaus.yml"))
                .Replace("天津市河东区人力资源和社会保障局", "天津市河东区人力资源局", StringComparison.Ordinal))),
            ("a removed report", () => File.Delete(Path.Combine(input, "reports", "r0010.md"))),
            ("an added report", () => File.WriteAllText(Path.Combine(input, "reports", "r0100.md"),
                FixtureReports.Report(100, "330502-hrss", 2025, "我局坚持依法行政。\n" + FixtureReports.Paragraphs(new Random(5), 3)))),
        };

        for (var i = 0; i < edits.Length; i++)
        {
            edits[i].Edit();
            var rebuilt = new SiteBuilder().Build(paths);
            var fresh = temp.Combine($"fresh-{i}");
            new SiteBuilder().Build(new BuildPaths(input, RepoPaths.Theme, fresh));

            Assert.False(rebuilt.UpToDate, edits[i].What);
            Assert.True(rebuilt.ReusedFiles > 0, edits[i].What);
            var expected = SiteFiles(fresh);
            var actual = SiteFiles(paths.Output);
            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
            var stale = expected.Keys.Where(file => !expected[file].AsSpan().SequenceEqual(actual[file])).Order(StringComparer.Ordinal).ToList();
            Assert.True(stale.Count == 0, $"after {edits[i].What}, the rebuild left these files unlike a full build's: {string.Join(", ", stale)}");
        }
    }

    private static Dictionary<string, byte[]> SiteFiles(string output) =>
        Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(output, file).Replace('\\', '/'))
            .Where(file => !file.StartsWith("search/", StringComparison.Ordinal))
            .ToDictionary(file => file, file => File.ReadAllBytes(Path.Combine(output, file)), StringComparer.Ordinal);
}
