using Xunit.Abstractions;
using System.Security.Cryptography;
using System.Text;
using Archive.Collect.Warc;
using Archive.Corpus;
using Archive.Tests.Support;

namespace Archive.Tests.Collect;

/// <summary>
/// 'archive fetch --follow' against a portal on 127.0.0.1 (<see cref="BureauSite"/>): every report collected exactly
/// once, whatever form it is published in; the same text and metadata as importing saved copies of the same files;
/// a second run that fetches nothing unchanged; the pause between requests kept; and WARC files that Webrecorder's
/// warcio reads record for record.
/// </summary>
public class FetchTests(ITestOutputHelper output)
{
    private const double Delay = 0.4;

    [Fact]
    public void Following_a_column_collects_every_report_once_as_saved_files_import_and_again_fetches_nothing_unchanged()
    {
        using var site = new BureauSite();
        using var temp = new TempFolder();
        var input = Input(temp, "input", $"delay_seconds: {Delay}");

        var first = Fetch(temp, input, "--follow", site.Url + BureauSite.Column);

        Assert.True(first.Exit == 0, first.Output);
        var firstHits = site.Hits;
        var reports = Reports(input);
        // Five seeds, each once: the second link to one of them and the 301 chain to another add none.
        Assert.Equal(BureauSite.Seeds.Select(s => s.Title).Order(), reports.Select(r => r.Title).Order());
        Assert.All(reports, r => Assert.NotNull(r.Original?.Fetched));
        Assert.Contains($"{site.Url}/private/t20210301_1.html: robots.txt of 127.0.0.1", first.Stderr);
        Assert.Contains($"{site.Url}/fzzfjs/2019/t20200106_7001.html: answered 200, but the page says it does not exist", first.Stderr);
        Assert.Contains($"{site.Url}/loop/a.html: redirect loop", first.Stderr);
        Assert.DoesNotContain(site.Hits, h => h.Path.StartsWith("/private/", StringComparison.Ordinal));
        Assert.DoesNotContain(site.Hits, h => h.Path.Contains("安全生产", StringComparison.Ordinal) || h.Path == "/files/2023年政府信息公开工作年度报告.pdf");
        Assert.Equal(2, site.Hits.Count(h => h.Path == BureauSite.Seeds[3].Path));
        Assert.All(site.Hits, h => Assert.StartsWith("ArchiveFetch/1.0 (+https://archive.example.org/; mailto:archive@example.org)", h.UserAgent));

        // Each report: its bytes are the ones served, its fetch record names the WARC record that holds them.
        var warcs = Directory.GetFiles(Path.Combine(input, "warc"));
        var warc = Assert.Single(warcs);
        Assert.EndsWith(".warc.gz", warc);
        var records = WarcReader.Read(warc).ToList();
        foreach (var report in reports)
        {
            var fetched = report.Original!.Fetched!;
            Assert.Equal("warc/" + Path.GetFileName(warc), fetched.Warc);
            var record = Assert.Single(records, r => r.RecordId == fetched.RecordId);
            Assert.Equal(fetched.Url, record.TargetUri);
            var original = File.ReadAllBytes(Path.Combine(input, report.Original.Path));
            Assert.Equal(HttpMessage.Parse(record.Block).Payload, original);
            Assert.Equal(report.Original.Sha256, Convert.ToHexStringLower(SHA256.HashData(original)));
        }

        // The independent reader: every record, digests recomputed and checked.
        var read = Warcio.Read(warc);
        Assert.Equal(records.Select(r => (r.Type, r.RecordId, r.TargetUri)), read.Select(r => (r.Type, r.Id, r.Target)));
        Assert.All(read, r => Assert.True(r.DigestsVerified, $"{r.Type} {r.Target}: digests do not hold"));
        Assert.Equal(
            records.Where(r => r.Type == "response").Select(r => Convert.ToHexStringLower(SHA256.HashData(HttpMessage.Parse(r.Block).Payload))),
            read.Where(r => r.Type == "response").Select(r => r.PayloadSha256));

        output.WriteLine(PauseHeld(firstHits, Delay));
        SameAsImportingSavedFiles(site, temp, reports);

        // Again: every page answers 304 to its conditional request, nothing is imported again.
        var before = site.Hits.Count;
        var second = Fetch(temp, input, "--follow", site.Url + BureauSite.Column);

        Assert.True(second.Exit == 0, second.Output);
        var again = site.Hits.Skip(before).ToList();
        Assert.DoesNotContain(again, h => h.Status == 200 && h.Path != "/robots.txt");
        Assert.Contains(again, h => h.Status == 304);
        Assert.All(again.Where(h => h.Status == 304), h => Assert.NotEqual("", h.IfNoneMatch));
        Assert.Equal(reports.Select(r => r.Id).Order(), Reports(input).Select(r => r.Id).Order());
        Assert.Contains("5 already there", second.Stdout);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(input, "warc")).Length);
        var newest = Directory.GetFiles(Path.Combine(input, "warc")).Order(StringComparer.Ordinal).Last();
        var revisits = Warcio.Read(newest);
        Assert.Contains(revisits, r => r.Type == "revisit");
        Assert.All(revisits, r => Assert.True(r.DigestsVerified));
        // Each exchange is a response or revisit followed by its request, which points at it.
        var stored = WarcReader.Read(newest).Skip(1).ToList();
        Assert.Equal(site.Hits.Count - before, stored.Count / 2);
        foreach (var pair in stored.Chunk(2))
        {
            Assert.Contains(pair[0].Type, new[] { "response", "revisit" });
            Assert.Equal(("request", pair[0].RecordId, pair[0].TargetUri), (pair[1].Type, pair[1]["WARC-Concurrent-To"], pair[1].TargetUri));
        }
        output.WriteLine(PauseHeld(again, Delay));
    }

    // The same bytes saved by hand and given to 'archive import' make the same report: text, title, bureau, year and
    // date. The collector adds where it came from: for a page the address its canonical link gives, which the saved
    // page gives too; for an attachment the page that publishes it, which a saved attachment cannot know.
    private static void SameAsImportingSavedFiles(BureauSite site, TempFolder temp, IReadOnlyList<Report> fetched)
    {
        using var client = new HttpClient();
        var saved = temp.Combine("saved");
        Directory.CreateDirectory(saved);
        foreach (var seed in BureauSite.Seeds)
        {
            var path = seed.Attachment ?? seed.Path;
            File.WriteAllBytes(Path.Combine(saved, Path.GetFileName(path)), client.GetByteArrayAsync(site.Url + path).GetAwaiter().GetResult());
        }

        var input = Input(temp, "saved-input", "");
        var imported = ArchiveProcess.Run(temp.Path, "import", "--input", input, saved);
        Assert.True(imported.Exit == 0, imported.Output);
        var byOriginal = Reports(input).ToDictionary(r => r.Original!.Sha256);
        Assert.Equal(5, byOriginal.Count);
        foreach (var report in fetched)
        {
            var twin = byOriginal[report.Original!.Sha256];
            Assert.Equal((twin.Id, twin.Title, twin.BureauId, twin.Year, twin.Published), (report.Id, report.Title, report.BureauId, report.Year, report.Published));
            Assert.Equal(Body(twin), Body(report));
            var seed = BureauSite.Seeds.Single(s => s.Title == report.Title);
            Assert.Equal("https://www.example.gov.cn" + seed.Path, report.SourceUrl);
            Assert.Equal(seed.Attachment is null ? report.SourceUrl : null, twin.SourceUrl);
            Assert.Equal(site.Url + (seed.Attachment ?? seed.Path), report.Original.Fetched!.Url);
        }
    }

    // Between the end of one answer and the next request to the same host, at least the pause: so also between starts.
    private static string PauseHeld(IReadOnlyList<BureauSite.Hit> hits, double seconds)
    {
        var gaps = hits.Zip(hits.Skip(1), (a, b) => (b.At - a.At).TotalSeconds).ToList();
        Assert.NotEmpty(gaps);
        Assert.True(gaps.Min() >= seconds - 0.01, $"requests {gaps.Min():0.000} s apart, less than the pause of {seconds} s");
        var perSecond = (hits.Count - 1) / (hits[^1].At - hits[0].At).TotalSeconds;
        Assert.True(perSecond <= 1 / seconds + 0.01, $"{perSecond:0.00} requests per second");
        return $"{hits.Count} requests to one host, pause {seconds} s: {perSecond:0.000} requests per second, gaps {gaps.Min():0.000}–{gaps.Max():0.000} s";
    }

    internal static string Input(TempFolder temp, string name, string fetchSettings)
    {
        var input = temp.Combine(name);
        Directory.CreateDirectory(input);
        File.WriteAllText(Path.Combine(input, "site.yml"), $"""
            url: https://archive.example.org/
            fetch:
              contact: mailto:archive@example.org
              {fetchSettings}
            """);
        return input;
    }

    internal static ArchiveRun Fetch(TempFolder temp, string input, params string[] args) =>
        ArchiveProcess.Run(temp.Path, ["fetch", "--input", input, .. args]);

    internal static List<Report> Reports(string input)
    {
        var folder = Path.Combine(input, "reports");
        return !Directory.Exists(folder)
            ? []
            : [.. Directory.GetFiles(folder, "*.md").Order(StringComparer.Ordinal).Select(f => ReportFile.Parse(f, File.ReadAllText(f)).Report!)];
    }

    // The report file's text after its front matter.
    private static string Body(Report report)
    {
        var text = File.ReadAllText(report.SourceFile);
        return text[(text.IndexOf("\n---\n", 4, StringComparison.Ordinal) + 5)..];
    }
}
