using Archive.Tests.Support;
using System.IO.Compression;
using Xunit.Abstractions;

namespace Archive.Tests.SearchClient;

/// <summary>
/// What a reader waits for and downloads: the first query in an empty-cache browser and later ones. Prints the
/// figures (targets: first query under 100 ms and about 50 KB compressed with the modules, later under 10 ms);
/// asserts only what must hold on any machine.
/// </summary>
public class SearchSpeedTests(SiteInBrowser browser, ITestOutputHelper output) : IClassFixture<SiteInBrowser>
{
    private static readonly string[] LaterQueries = ["民工", "调解率", "欠薪 OR 民工", "双随机一公开", "欠薪"];

    [Fact]
    public async Task First_query_downloads_little_and_a_repeated_query_downloads_nothing()
    {
        await using var search = await SearchPage.OpenAsync(browser);
        var loaded = search.Responses.Count;

        await search.TypeAsync("欠薪");
        var first = await Timing(search);
        var files = search.Responses.Select(r => new Uri(r.Url).AbsolutePath.TrimStart('/'))
            .Where(p => p.StartsWith("assets/search/", StringComparison.Ordinal) || p.StartsWith("search/", StringComparison.Ordinal))
            .Distinct().ToList();
        var raw = files.Sum(f => new FileInfo(Path.Combine(browser.Output, f)).Length);
        var compressed = files.Sum(f => BrotliSize(Path.Combine(browser.Output, f)));
        output.WriteLine($"first query: {first.Engine:F1} ms from search start to results shown ({first.Keypress:F1} ms from the last keypress, incl. the {120} ms debounce)");
        output.WriteLine($"first query: {files.Count} files, {raw / 1024.0:F1} KB, {compressed / 1024.0:F1} KB with Brotli: {string.Join(", ", files)}");

        var before = search.Responses.Count;
        foreach (var query in LaterQueries)
        {
            await search.Page.Locator("#q").FillAsync("");
            await search.TypeAsync(query);
            var later = await Timing(search);
            output.WriteLine($"later query {query}: {later.Engine:F1} ms from search start to results shown");
        }

        var laterFiles = search.Responses.Skip(before).Select(r => new Uri(r.Url).AbsolutePath).ToList();
        output.WriteLine($"later queries fetched {laterFiles.Count} files: {string.Join(", ", laterFiles)}");
        Assert.True(loaded > 0);
        Assert.True(compressed < 200 * 1024, $"the first query downloads {compressed} bytes compressed");
        Assert.DoesNotContain(search.Responses.Skip(before), r => r.Url.Contains("/search/manifest.json", StringComparison.Ordinal) || r.Url.Contains("/search/docs.json", StringComparison.Ordinal));
    }

    private static async Task<(double Engine, double Keypress)> Timing(SearchPage search)
    {
        var marks = await search.Page.EvaluateAsync<double[]>(
            "() => ['search-input', 'search-start', 'search-rendered'].map(n => performance.getEntriesByName(n).at(-1).startTime)");
        return (marks[2] - marks[1], marks[2] - marks[0]);
    }

    private static long BrotliSize(string file)
    {
        using var buffer = new MemoryStream();
        using (var brotli = new BrotliStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            brotli.Write(File.ReadAllBytes(file));
        }

        return buffer.Length;
    }
}
