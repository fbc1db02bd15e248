using System.Globalization;
using System.Text.RegularExpressions;
using Archive.Import;

namespace IntakeForms;

/// <summary>
/// Reads every generated report with the product's reader, cleans and infers its metadata as the importer does, and
/// scores bureau, region, year and published date against answers.tsv: right, unknown (nothing inferred) or wrong.
/// </summary>
internal static partial class Evaluator
{
    private static readonly string[] Fields = ["bureau", "region", "year", "published"];

    private sealed record Answer(string File, string Form, string Bureau, string Division, string Year, string Published, string Notes);

    private sealed record Outcome(string Field, string Expected, string? Got, string Reason)
    {
        public string Status => Got is null ? (Expected.Length == 0 ? "right" : "unknown") : Got == Expected ? "right" : "wrong";
    }

    public static void Run(string folder, int misses, TextWriter output)
    {
        var answers = File.ReadAllLines(Path.Combine(folder, "answers.tsv")).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .Select(f => new Answer(f[0], f[1], f[2], f[3], f[4], f[5], f.Length > 6 ? f[6] : ""))
            .ToList();
        var results = new Outcome[answers.Count][];
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Parallel.For(0, answers.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            results[i] = Score(Path.Combine(folder, "raw", answers[i].File), answers[i]));
        watch.Stop();

        var all = answers.Zip(results, (a, r) => (Answer: a, Outcomes: r)).ToList();
        output.WriteLine($"{answers.Count} reports in {folder}/raw, read and inferred in {watch.Elapsed.TotalSeconds:0.0} s.");
        output.WriteLine();
        output.WriteLine("| field | right | unknown | wrong |");
        output.WriteLine("| --- | ---: | ---: | ---: |");
        for (var f = 0; f < Fields.Length; f++)
        {
            var column = all.Select(r => r.Outcomes[f].Status).ToList();
            output.WriteLine($"| {Fields[f]} | {Share(column, "right")} | {Share(column, "unknown")} | {Share(column, "wrong")} |");
        }

        var allRight = all.Count(r => r.Outcomes.All(o => o.Status == "right"));
        output.WriteLine($"| **all four right** | {allRight} ({Percent(allRight, all.Count)}) | | |");
        output.WriteLine();
        output.WriteLine("Per form (right / unknown / wrong):");
        output.WriteLine();
        output.WriteLine("| form | n | bureau | region | year | published | all four right |");
        output.WriteLine("| --- | ---: | --- | --- | --- | --- | ---: |");
        foreach (var group in all.GroupBy(r => r.Answer.Form).OrderBy(g => Array.IndexOf(Report.Forms, g.Key)))
        {
            var cells = Enumerable.Range(0, Fields.Length).Select(f =>
            {
                var s = group.Select(r => r.Outcomes[f].Status).ToList();
                return $"{s.Count(x => x == "right")} / {s.Count(x => x == "unknown")} / {s.Count(x => x == "wrong")}";
            });
            var right = group.Count(r => r.Outcomes.All(o => o.Status == "right"));
            output.WriteLine($"| {group.Key} | {group.Count()} | {string.Join(" | ", cells)} | {right} ({Percent(right, group.Count())}) |");
        }

        var missed = all.SelectMany(r => r.Outcomes.Where(o => o.Status != "right").Select(o => (r.Answer, Outcome: o))).ToList();
        output.WriteLine();
        output.WriteLine($"Kinds of misses ({missed.Count} in all; by field, outcome and the first clause of the inference's reason, names and numbers blanked as X and #):");
        output.WriteLine();
        output.WriteLine("| n | field | outcome | reason | forms |");
        output.WriteLine("| ---: | --- | --- | --- | --- |");
        foreach (var kind in missed.GroupBy(m => (m.Outcome.Field, m.Outcome.Status, Skeleton(m.Outcome.Reason)))
                     .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Field, StringComparer.Ordinal).ThenBy(g => g.Key.Item3, StringComparer.Ordinal))
        {
            var forms = string.Join(", ", kind.GroupBy(m => m.Answer.Form).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"));
            output.WriteLine($"| {kind.Count()} | {kind.Key.Field} | {kind.Key.Status} | {Cell(kind.Key.Item3)} | {forms} |");
        }

        output.WriteLine();
        output.WriteLine($"Misses ({Math.Min(misses, missed.Count)} of {missed.Count}):");
        output.WriteLine();
        output.WriteLine("| file | form | notes | field | expected | got | reason |");
        output.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (answer, outcome) in missed.Take(misses))
        {
            output.WriteLine($"| {answer.File} | {answer.Form} | {Cell(answer.Notes)} | {outcome.Field} | {Cell(outcome.Expected)} | {Cell(outcome.Got ?? "(unknown)")} | {Cell(outcome.Reason)} |");
        }
    }

    /// <summary>What the inference saw of one file: its first and last cleaned lines, the lines removed as chrome, and every field with its reason.</summary>
    public static void Show(string path, TextWriter output)
    {
        var (evidence, metadata) = Infer(path);
        output.WriteLine($"hints: {evidence.Hints}");
        output.WriteLine($"taken out by the reader (page furniture): {string.Join(" ‖ ", RawReportReader.Read(path)[0].Removed)}");
        output.WriteLine($"removed ({evidence.Removed.Count}): {string.Join(" ‖ ", evidence.Removed)}");
        output.WriteLine($"kept: {evidence.Lines.Count} lines; first and last 6:");
        foreach (var line in evidence.Lines.Take(6).Concat(evidence.Lines.Count > 12 ? ["…"] : []).Concat(evidence.Lines.Skip(Math.Max(6, evidence.Lines.Count - 6))))
        {
            output.WriteLine("  " + (line.Length > 90 ? line[..90] + "…" : line));
        }

        foreach (var field in metadata.All)
        {
            output.WriteLine($"{field.Field}: {field.Value ?? "(unknown)"} [{field.Confidence}] {field.Reason}");
        }
    }

    // Read and cleaned by the importer's own code (Importer.EvidenceOf), so the figures are the import's.
    private static (ReportEvidence Evidence, ReportMetadata Metadata) Infer(string path)
    {
        var evidence = Importer.EvidenceOf(RawReportReader.Read(path)[0]);
        return (evidence, new MetadataInference().Infer(evidence));
    }

    private static Outcome[] Score(string path, Answer answer)
    {
        try
        {
            var (_, metadata) = Infer(path);
            return
            [
                new Outcome("bureau", answer.Bureau, metadata.Bureau.Value, metadata.Bureau.Reason),
                new Outcome("region", answer.Division, metadata.Region.Value, metadata.Region.Reason),
                new Outcome("year", answer.Year, metadata.Year.Value, metadata.Year.Reason),
                new Outcome("published", answer.Published, metadata.Published.Value, metadata.Published.Reason),
            ];
        }
        catch (Exception e) when (e is Archive.Core.InputException or IOException or InvalidOperationException)
        {
            var reason = "reading failed: " + e.Message;
            return [.. Fields.Select((f, i) => new Outcome(f, new[] { answer.Bureau, answer.Division, answer.Year, answer.Published }[i], null, reason))];
        }
    }

    private static string Share(List<string> statuses, string status)
    {
        var n = statuses.Count(s => s == status);
        return $"{n} ({Percent(n, statuses.Count)})";
    }

    private static string Percent(int n, int of) => of == 0 ? "–" : (100.0 * n / of).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    // The reason's first clause, without what differs from report to report: quoted lines, names of places and bureaus, numbers.
    private static string Skeleton(string reason)
    {
        var s = Quoted().Replace(reason, "'…'");
        var cut = s.IndexOfAny(['(', ';']);
        s = cut > 0 ? s[..cut].TrimEnd() : s;
        s = Digits().Replace(s, "#");
        s = Names().Replace(s, "X");
        return s.Replace("X X", "X", StringComparison.Ordinal);
    }

    [GeneratedRegex("'[^']*'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    // Runs of Chinese that are names (of places, bureaus, departments) rather than the reason's fixed words.
    [GeneratedRegex(@"(?<![我本])[\p{IsCJKUnifiedIdeographs}（）]{3,}(?<!年度)(?![/局])")]
    private static partial Regex Names();
}
