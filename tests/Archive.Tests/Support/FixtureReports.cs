using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Archive.Tests.Support;

/// <summary>
/// Report files assembled from the fixtures' real paragraphs (the seeds and the national work reports), deterministic
/// for one seed: corpora of any size for tests that build, kill and rebuild.
/// </summary>
public static class FixtureReports
{
    private static readonly Lazy<string[]> AllParagraphs = new(() =>
        [.. Directory.EnumerateFiles(Path.Combine(RepoPaths.Fixtures, "seeds"), "*.txt").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadAllLines)
            .Concat(File.ReadLines(Path.Combine(RepoPaths.Fixtures, "national", "sample.jsonl"))
                .SelectMany(line => JsonDocument.Parse(line).RootElement.GetProperty("content").GetString()!.Split('\n')))
            .Select(p => p.Trim())
            .Where(p => p.Length >= 30 && p.EndsWith('。'))]);

    /// <summary>
    /// Writes input/ (the shipped bureaus.yml, reports r0000.md …) into <paramref name="input"/>: reports spread over
    /// <paramref name="bureaus"/> in turn and eleven years from 2014, each saying 依法行政 at least once, then
    /// <paramref name="minParagraphs"/> to <paramref name="maxParagraphs"/> − 1 paragraphs.
    /// </summary>
    public static string WriteCorpus(string input, int reports, int seed, string[] bureaus, int minParagraphs, int maxParagraphs)
    {
        Directory.CreateDirectory(Path.Combine(input, "reports"));
        File.Copy(Path.Combine(RepoPaths.Input, "bureaus.yml"), Path.Combine(input, "bureaus.yml"), overwrite: true);
        var random = new Random(seed);
        for (var i = 0; i < reports; i++)
        {
            var body = "我局坚持依法行政，认真开展了年度法治政府建设工作。\n一、主要举措和成效\n" + Paragraphs(random, random.Next(minParagraphs, maxParagraphs));
            File.WriteAllText(Path.Combine(input, "reports", $"r{i:D4}.md"), Report(i, bureaus[i % bureaus.Length], 2014 + (i / bureaus.Length % 11), body));
        }

        return input;
    }

    /// <summary><paramref name="count"/> paragraphs drawn at random, one per line.</summary>
    public static string Paragraphs(Random random, int count)
    {
        var paragraphs = AllParagraphs.Value;
        var text = new StringBuilder();
        for (var p = 0; p < count; p++)
        {
            text.Append(paragraphs[random.Next(paragraphs.Length)]).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A report file: id <c>{bureau}-{year}-{number}</c>, reviewed, published in March of the next year.</summary>
    public static string Report(int number, string bureau, int year, string body) => $"""
        ---
        id: {bureau}-{year.ToString(CultureInfo.InvariantCulture)}-{number.ToString(CultureInfo.InvariantCulture)}
        title: "{bureau} {year.ToString(CultureInfo.InvariantCulture)}年法治政府建设年度报告（{number.ToString(CultureInfo.InvariantCulture)}）"
        bureau: {bureau}
        year: {year.ToString(CultureInfo.InvariantCulture)}
        published: {year + 1}-03-{1 + (number % 28):D2}
        reviewed: true
        ---
        {body}
        """;
}
