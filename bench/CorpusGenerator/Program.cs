using System.Text;
using Archive.Corpus;
using CorpusGenerator;

// Writes <out>/input/ (site.yml, bureaus.yml, reports/*.md) for benchmarks; same arguments, same bytes.
GeneratorOptions options;
try
{
    options = GeneratorOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var started = System.Diagnostics.Stopwatch.StartNew();
var pool = TextPool.Load(options.Repository);
var plan = options.Raw ? BureauPlan.MakeRaw(options.Reports, new Random(options.Seed)) : BureauPlan.Make(options.Reports, new Random(options.Seed));
var input = Path.Combine(options.Output, "input");
var reports = Path.Combine(input, CorpusReader.ReportsFolder);
if (Directory.Exists(input))
{
    Directory.Delete(input, recursive: true);
}

Directory.CreateDirectory(reports);
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
File.WriteAllText(Path.Combine(input, CorpusReader.SettingsFile), $"""
    # A generated benchmark corpus: {options.Reports} reports, seed {options.Seed} (bench/CorpusGenerator).
    title: 法治政府建设年度报告公开库（基准测试语料）
    description: 由真实报告段落拼合生成的基准测试语料，不是真实报告。
    base_path: /
    url: https://example.org/
    publisher: 基准测试

    """, utf8);
if (options.Raw)
{
    // The importer makes bureaus.yml and the report files; only the texts are written here, in a random order.
    var rawFolder = Path.Combine(options.Output, "raw");
    if (Directory.Exists(rawFolder))
    {
        Directory.Delete(rawFolder, recursive: true);
    }

    Directory.CreateDirectory(rawFolder);
    var order = Enumerable.Range(0, plan.Count).ToArray();
    new Random(options.Seed).Shuffle(order);
    var writer = new RawReportWriter(new ReportAssembler(pool, recombine: true));
    long rawBytes = 0;
    Parallel.For(0, plan.Count, i =>
    {
        var (name, content) = writer.Write(plan[i], order[i]);
        File.WriteAllBytes(Path.Combine(rawFolder, name), content);
        Interlocked.Add(ref rawBytes, content.Length);
    });
    Console.WriteLine($"wrote {plan.Count} raw reports of {plan.Select(p => p.Bureau.Id).Distinct().Count()} bureaus ({rawBytes / 1024.0 / 1024.0:F1} MB) to {rawFolder} in {started.Elapsed.TotalSeconds:F1} s; next: archive import {rawFolder} -i {input}");
    return 0;
}

var bureaus = plan.Select(p => p.Bureau).DistinctBy(b => b.Id).ToList();
File.WriteAllText(Path.Combine(input, BureauRegistry.FileName), BureauRegistry.Format(bureaus), utf8);

// Each report draws from its own seed, so writing in parallel changes nothing in the output.
var assembler = new ReportAssembler(pool);
long bytes = 0;
Parallel.ForEach(plan, report =>
{
    var content = assembler.Write(report);
    File.WriteAllText(Path.Combine(reports, $"{report.Bureau.Id}-{report.Year}{ReportFile.Extension}"), content, utf8);
    Interlocked.Add(ref bytes, utf8.GetByteCount(content));
});

Console.WriteLine($"wrote {plan.Count} reports of {bureaus.Count} bureaus ({bytes / 1024.0 / 1024.0:F1} MB) to {input} in {started.Elapsed.TotalSeconds:F1} s");
return 0;
