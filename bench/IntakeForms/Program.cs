using System.Diagnostics;
using System.Globalization;
using System.Text;
using Archive.Regions;
using IntakeForms;

// generate --count N --seed S --out DIR [--fixtures DIR]: raw reports in every form, and answers.tsv.
// evaluate --in DIR [--misses N]: runs the product's import inference on each and scores it against the answers.
// show --file FILE: what the inference saw of one file and why it decided as it did.
Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
if (args.Length == 0 || args[0] is not ("generate" or "evaluate" or "show"))
{
    Console.Error.WriteLine("usage: IntakeForms generate --count 320 --seed 7 --out DIR [--fixtures tests/Archive.Tests/Fixtures]");
    Console.Error.WriteLine("       IntakeForms evaluate --in DIR [--misses 40]");
    Console.Error.WriteLine("       IntakeForms show --file DIR/raw/NNN.ext   (what the inference saw of one file, and why)");
    return 2;
}

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
    {
        Console.Error.WriteLine($"expected --name value, found '{args[i]}'");
        return 2;
    }

    options[args[i][2..]] = args[++i];
}

string Option(string name, string? fallback = null) =>
    options.TryGetValue(name, out var value) ? value
    : fallback ?? throw new ArgumentException($"--{name} is required");

if (args[0] == "show")
{
    Evaluator.Show(Option("file"), Console.Out);
    return 0;
}

if (args[0] == "evaluate")
{
    Evaluator.Run(Option("in"), int.Parse(Option("misses", "40"), CultureInfo.InvariantCulture), Console.Out);
    return 0;
}

var count = int.Parse(Option("count", "320"), CultureInfo.InvariantCulture);
var seed = int.Parse(Option("seed", "7"), CultureInfo.InvariantCulture);
var output = Option("out");
var fixtures = options.TryGetValue("fixtures", out var given) ? given : FindFixtures()
    ?? throw new DirectoryNotFoundException("tests/Archive.Tests/Fixtures not found above the working directory; pass --fixtures");

var table = DivisionTable.Default;
var pool = TextPool.Load(fixtures, table);
var composer = new Composer(pool, new BureauPlanner(table), table.Provinces);
var raw = Path.Combine(output, "raw");
var fodt = Path.Combine(output, "fodt");
foreach (var folder in new[] { raw, fodt })
{
    if (Directory.Exists(folder))
    {
        Directory.Delete(folder, recursive: true);
    }

    Directory.CreateDirectory(folder);
}

// Forms spread evenly, except PDFs (slow to print and to read): about one in thirteen.
var pdfs = Math.Max(1, (int)Math.Round(count * 0.075));
var forms = new List<string>();
for (var i = 0; forms.Count < count - pdfs; i++)
{
    forms.Add(Report.Forms[i % 7]);
}

forms.AddRange(Enumerable.Repeat("pdf", Math.Min(pdfs, count)));
Draw.For(seed, 0, 1).Shuffle(forms);
var width = Math.Max(3, count.ToString(CultureInfo.InvariantCulture).Length);
var seen = new Dictionary<string, int>(StringComparer.Ordinal);
var answers = new StringBuilder("file\tform\tbureau\tdivision\tyear\tpublished\tnotes\n");
var printed = new List<string>();
for (var n = 1; n <= count; n++)
{
    var form = forms[n - 1];
    seen[form] = seen.GetValueOrDefault(form) + 1;
    // Containers (GB18030, .docx, PDF) take the text layouts in turn.
    var layout = form switch
    {
        "gb18030" or "docx" or "pdf" => Report.TextLayouts[(seen[form] - 1) % Report.TextLayouts.Length],
        "web-banner" => "web-banner",
        _ => form,
    };
    var report = composer.Compose(n, form, layout, Draw.For(seed, n));
    var style = Draw.For(seed, n, 1);
    var name = n.ToString(new string('0', width), CultureInfo.InvariantCulture) + report.Extension;
    var path = Path.Combine(raw, name);
    var notes = report.Notes.ToList();
    switch (form)
    {
        case "web-banner":
            File.WriteAllBytes(path, Encoding.UTF8.GetBytes(Writers.Html(report, style)));
            break;
        case "docx":
            File.WriteAllBytes(path, Writers.Docx(report));
            break;
        case "pdf":
            {
                var head = style.Weighted<string?>([(null, 0.4), ("法治政府建设年度报告", 0.3), (report.Bureau.LeafName, 0.3)]);
                var number = style.Pick<string>(["dash", "hyphen", "page"]);
                notes.Add(head is null ? "无页眉" : head == report.Bureau.LeafName ? "页眉=局名" : "页眉");
                var source = Path.Combine(fodt, Path.ChangeExtension(name, ".fodt"));
                File.WriteAllText(source, Writers.FlatOdt(report, head, number), new UTF8Encoding(false));
                printed.Add(source);
                break;
            }

        case "gb18030":
            File.WriteAllBytes(path, Writers.Gb18030(Writers.PlainText(report, style)));
            break;
        default:
            File.WriteAllBytes(path, Writers.Utf8(Writers.PlainText(report, style), bom: style.Chance(0.1)));
            break;
    }

    var published = report.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
    answers.Append(CultureInfo.InvariantCulture,
        $"{name}\t{form}\t{report.Bureau.FullName}\t{report.Bureau.Leaf.Code}\t{report.Year}\t{published}\t{string.Join(',', notes)}\n");
}

if (printed.Count > 0)
{
    Print(printed, raw);
}

File.WriteAllText(Path.Combine(output, "answers.tsv"), answers.ToString(), new UTF8Encoding(false));
Console.WriteLine($"text pool: {pool.Summary}");
Console.WriteLine($"wrote {count} reports to {raw} ({string.Join(", ", forms.GroupBy(f => f).OrderBy(g => Array.IndexOf(Report.Forms, g.Key)).Select(g => $"{g.Key} {g.Count()}"))}) and {Path.Combine(output, "answers.tsv")}");
return 0;

// All flat ODTs printed to PDF by one LibreOffice run, with a profile of its own so a running LibreOffice is not disturbed.
static void Print(List<string> sources, string outdir)
{
    var profile = Path.Combine(Path.GetTempPath(), $"intakeforms-lo-{Environment.ProcessId}");
    var start = new ProcessStartInfo("soffice") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in new[] { $"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", outdir })
    {
        start.ArgumentList.Add(a);
    }

    foreach (var s in sources)
    {
        start.ArgumentList.Add(s);
    }

    using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start soffice");
    var stdout = process.StandardOutput.ReadToEndAsync();
    var stderr = process.StandardError.ReadToEndAsync();
    process.WaitForExit();
    try
    {
        Directory.Delete(profile, recursive: true);
    }
    catch (IOException)
    {
    }

    var missing = sources.Select(s => Path.Combine(outdir, Path.ChangeExtension(Path.GetFileName(s), ".pdf"))).Where(p => !File.Exists(p)).ToList();
    if (process.ExitCode != 0 || missing.Count > 0)
    {
        throw new InvalidOperationException($"soffice exited with {process.ExitCode}; {missing.Count} PDFs missing\n{stdout.Result}\n{stderr.Result}");
    }
}

static string? FindFixtures()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Archive.Tests", "Fixtures");
            if (Directory.Exists(Path.Combine(candidate, "seeds")))
            {
                return candidate;
            }
        }
    }

    return null;
}
