using System.Net;
using Archive.Collect.Warc;
using Archive.Tests.Support;

namespace Archive.Tests.Collect;

/// <summary>
/// After 'archive fetch': the report page shows where and when its original was collected and the WARC record that
/// holds it, and 'archive check --sources' tells which sources are the same, which were edited since, and which are gone.
/// </summary>
public class SourceCheckTests
{
    [Fact]
    public void Sources_asked_again_show_silent_edits_and_link_rot_against_the_WARC()
    {
        using var site = new BureauSite();
        using var temp = new TempFolder();
        var input = FetchTests.Input(temp, "input", "delay_seconds: 0.1\n  timeout_seconds: 1");
        BureauSite.Seed[] seeds = [BureauSite.Seeds[0], BureauSite.Seeds[1], BureauSite.Seeds[2], BureauSite.Seeds[4]];
        var fetched = FetchTests.Fetch(temp, input, [.. seeds.Select(s => site.Url + s.Path)]);
        Assert.True(fetched.Exit == 0, fetched.Output);
        var reports = FetchTests.Reports(input).ToDictionary(r => r.Title);

        var unchanged = ArchiveProcess.Run(temp.Path, "check", "--sources", "--input", input);
        Assert.True(unchanged.Exit == 0, unchanged.Output);
        Assert.Contains("4 the same, 0 changed, 0 gone, 0 unreachable, 0 without a WARC copy to compare", unchanged.Stdout);

        // One page edited without notice, one taken down, one whose server no longer answers in time; the PDF as it was.
        site.Page(seeds[0].Path, BureauSite.ReportPage(seeds[0], "<p>本报告已更新：2020年度，我局认真开展了法治政府建设工作，全文另行公布。</p>", []));
        site.Remove(seeds[2].Path);
        site.Slow(seeds[3].Path, TimeSpan.FromSeconds(20));
        var run = ArchiveProcess.Run(temp.Path, "check", "--sources", "--input", input);

        Assert.Equal(1, run.Exit);
        var lines = run.Stdout.Split('\n');
        string Line(BureauSite.Seed seed) => Assert.Single(lines, l => l.Contains(Path.GetFileName(reports[seed.Title].SourceFile), StringComparison.Ordinal));
        var edited = reports[seeds[0].Title].Original!.Fetched!;
        Assert.StartsWith("changed: ", Line(seeds[0]));
        Assert.Contains($"differs from what {edited.Warc} holds (fetched {edited.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC, record {edited.RecordId})", Line(seeds[0]));
        Assert.StartsWith("same: ", Line(seeds[1]));
        Assert.Contains(site.Url + seeds[1].Attachment, Line(seeds[1]));
        Assert.StartsWith("gone: ", Line(seeds[2]));
        Assert.Contains("answered 404 Not Found", Line(seeds[2]));
        Assert.StartsWith("unreachable: ", Line(seeds[3]));
        Assert.Contains("no complete answer within 1 s", Line(seeds[3]));
        Assert.Contains("1 the same, 1 changed, 1 gone, 1 unreachable, 0 without a WARC copy to compare", run.Stdout);

        // The edited page's new text is kept as evidence in the check's own WARC file.
        var newest = Directory.GetFiles(Path.Combine(input, "warc")).Order(StringComparer.Ordinal).Last();
        var edit = Assert.Single(WarcReader.Read(newest), r => r.Type == "response" && r.TargetUri == site.Url + seeds[0].Path);
        Assert.Contains("本报告已更新", System.Text.Encoding.UTF8.GetString(HttpMessage.Parse(edit.Block).Payload));
        Assert.All(Warcio.Read(newest), r => Assert.True(r.DigestsVerified));
    }

    [Fact]
    public void A_fetched_report_page_shows_its_address_time_and_WARC_record()
    {
        using var site = new BureauSite();
        using var temp = new TempFolder();
        var input = FetchTests.Input(temp, "input", "delay_seconds: 0.1");
        var seed = BureauSite.Seeds[1];
        Assert.Equal(0, FetchTests.Fetch(temp, input, site.Url + seed.Path).Exit);
        var report = Assert.Single(FetchTests.Reports(input));
        var fetched = report.Original!.Fetched!;

        var build = ArchiveProcess.Run(temp.Path, "build", "--input", input, "--theme", RepoPaths.Theme, "--output", temp.Combine("output"), "--cache", temp.Combine("cache"));

        Assert.True(build.Exit == 0, build.Output);
        var page = File.ReadAllText(temp.Combine("output", "reports", report.Id + ".html"));
        Assert.Contains($"{fetched.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC 从 <a href=\"{WebUtility.HtmlEncode(site.Url + seed.Attachment)}\"", page);
        Assert.Contains($"<code>{fetched.Warc}</code> 中的记录 <code>{WebUtility.HtmlEncode(fetched.RecordId)}</code>", page);
        Assert.Contains($"<a href=\"https://www.example.gov.cn{seed.Path}\"", page);
    }
}
