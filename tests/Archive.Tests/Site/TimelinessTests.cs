using Archive.Corpus;
using Archive.Regions;
using Archive.Site;
using Archive.Tests.Support;

namespace Archive.Tests.Site;

/// <summary>
/// Deadlines as data (input/deadlines.yml) and the figures of the statistics page: a province's rule for a year wins
/// over the national one; days late are published − deadline; the distribution, the medians per province and year and
/// the missing years agree with a count made here from the reports and with the matrix.
/// </summary>
public class TimelinessTests
{
    [Fact]
    public void A_provinces_rule_for_a_year_sets_its_reports_deadline_and_days_late_follow_from_it()
    {
        using var temp = new TempFolder();
        var input = Shipped(temp, """
            - name: 广东省2020年度报告3月31日前公开
              deadline: "03-31"
              provinces: ["440000"]
              years: [2020]
              source: 测试规则
            """);
        var corpus = new CorpusReader().ReadValid(input);

        foreach (var report in corpus.Reports)
        {
            var guangdong2020 = corpus.BureauOf(report).DivisionCode.StartsWith("44", StringComparison.Ordinal) && report.Year == 2020;
            var deadline = corpus.DeadlineOf(report);
            Assert.Equal(guangdong2020 ? new DateOnly(2021, 3, 31) : new DateOnly(report.Year + 1, 4, 1), deadline.Date);
            Assert.Equal(guangdong2020 ? "测试规则" : DeadlineRules.National.Source, deadline.Rule.Source);
            Assert.Equal(report.Published is { } p ? p.DayNumber - deadline.Date.DayNumber : null, corpus.DaysLate(report));
            Assert.Equal(report.Published > deadline.Date, corpus.IsLate(report));
        }
    }

    [Fact]
    public void The_statistics_agree_with_a_count_made_from_the_reports_and_with_the_matrix()
    {
        using var temp = new TempFolder();
        var input = FixtureReports.WriteCorpus(temp.Combine("input"), 60, seed: 3, ["440303-hrss", "120102-hrss", "330502-hrss", "440105-hrss", "440600-hrss"], 2, 4);
        // Published dates spread over the following year (some unknown), and some reports of a run dropped, so that
        // reports are early, on the day and late, and bureaus have missing years.
        var files = Directory.GetFiles(Path.Combine(input, "reports")).Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            if (i % 7 == 3)
            {
                File.Delete(files[i]);
                continue;
            }

            var text = File.ReadAllText(files[i]);
            var year = int.Parse(System.Text.RegularExpressions.Regex.Match(text, @"\nyear: (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var published = i % 9 == 0 ? "unknown" : i % 11 == 5 ? $"{year + 1}-04-01" : $"{year + 1}-{1 + (i * 5 % 12):D2}-{1 + (i * 7 % 28):D2}";
            File.WriteAllText(files[i], System.Text.RegularExpressions.Regex.Replace(text, @"\npublished: [^\n]*", "\npublished: " + published));
        }

        var corpus = new CorpusReader().ReadValid(input);
        var model = new SiteModel(corpus, DivisionTable.Default);

        var page = model.Statistics();

        var days = corpus.Reports.Select(corpus.DaysLate).OfType<int>().ToList();
        Assert.True(days.Count > 20 && days.Any(d => d > 0) && days.Any(d => d < 0) && days.Contains(0) && days.Count < corpus.Reports.Count, "the fixture has early, on-the-day, late and undated reports");
        Assert.Equal((corpus.Reports.Count, days.Count, days.Count(d => d <= 0), days.Count(d => d > 0)), (page.Reports, page.Dated, page.OnTime, page.Late));
        Assert.Equal(days.Count, page.Buckets.Sum(b => b.Count));
        Assert.Equal(days.Count(d => d > 365), page.Buckets[^1].Count);
        Assert.Equal(days.Count(d => d == 0), page.Buckets.Single(b => b.Label == "期限当日").Count);
        foreach (var province in page.Provinces)
        {
            foreach (var cell in province.Years)
            {
                var known = corpus.Reports.Where(r => r.Year == cell.Year && corpus.BureauOf(r).DivisionCode[..2] == province.Code[..2])
                    .Select(corpus.DaysLate).OfType<int>().Order().ToList();
                Assert.Equal(known.Count, cell.Dated);
                Assert.Equal(known.Count == 0 ? "" : (known[(known.Count - 1) / 2] is var m && m > 0 ? "+" + m : m.ToString(System.Globalization.CultureInfo.InvariantCulture)), cell.Median);
            }
        }

        // Missing years: the matrix's missing cells, counted the same way by both.
        var matrixMissing = model.MatrixRows().Sum(r => r.Cells.Count(c => c.State == "missing"));
        Assert.True(matrixMissing > 0);
        Assert.Equal(matrixMissing, page.Missing);
        Assert.Equal(page.Missing, page.Provinces.Sum(p => p.Missing));
    }

    [Fact]
    public void A_provinces_feed_has_its_reports_late_ones_marked_and_the_reports_its_bureaus_are_missing()
    {
        using var temp = new TempFolder();
        var input = FixtureReports.WriteCorpus(temp.Combine("input"), 40, seed: 5, ["440303-hrss", "120102-hrss", "330502-hrss", "440105-hrss", "440600-hrss"], 2, 4);
        var files = Directory.GetFiles(Path.Combine(input, "reports")).Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            if (i % 7 == 2)
            {
                File.Delete(files[i]);
            }
            else if (i % 3 == 0)
            {
                // Published in June of the following year: after the 1 April deadline.
                File.WriteAllText(files[i], System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(files[i]), @"\npublished: (\d{4})-03-", "\npublished: $1-06-"));
            }
        }

        var corpus = new CorpusReader().ReadValid(input);
        var model = new SiteModel(corpus, DivisionTable.Default);
        System.Xml.Linq.XNamespace atom = "http://www.w3.org/2005/Atom";
        var missingCells = model.MatrixRows().SelectMany(r => r.Cells.Where(c => c.State == "missing").Select(c => (r.Name, c.Year))).ToList();
        Assert.Contains(model.ProvinceCodes, c => c == "440000");
        foreach (var code in model.ProvinceCodes)
        {
            var (reports, missing) = model.ProvinceFeed(code);
            var feed = System.Xml.Linq.XDocument.Parse(AtomFeed.Write(model, "t", Archive.Core.SitePaths.ProvinceFeed(code), Archive.Core.SitePaths.Region(code), reports, missing));
            var titles = feed.Root!.Elements(atom + "entry").Select(e => e.Element(atom + "title")!.Value).ToList();
            var inProvince = corpus.Reports.Where(r => corpus.BureauOf(r).DivisionCode[..2] == code[..2]).ToList();
            Assert.Equal(inProvince.Count + missing.Count, titles.Count);
            foreach (var report in inProvince)
            {
                Assert.Contains((corpus.IsLate(report) ? $"【逾期{corpus.DaysLate(report)}天】" : "") + report.Title, titles);
            }

            var expectedMissing = missingCells.Where(m => corpus.Bureaus.Single(b => b.Name == m.Name).DivisionCode[..2] == code[..2]).Select(m => $"【应有而缺】{m.Name}{m.Year}年度报告").Order().ToList();
            Assert.Equal(expectedMissing, titles.Where(t => t.StartsWith("【应有而缺】", StringComparison.Ordinal)).Order().ToList());
        }

        Assert.Contains(corpus.Reports, corpus.IsLate);
        Assert.NotEmpty(missingCells);
    }

    [Fact]
    public void A_rebuild_after_deadlines_yml_changes_shows_the_new_deadlines()
    {
        using var temp = new TempFolder();
        var input = Shipped(temp, "");
        File.Delete(Path.Combine(input, DeadlineRules.FileName));
        var output = temp.Combine("output");
        var cache = temp.Combine("cache");
        new Archive.Build.SiteBuilder().Build(new Archive.Build.BuildPaths(input, RepoPaths.Theme, output, cache));
        Assert.Contains("2021年4月1日", File.ReadAllText(Path.Combine(output, "reports", "440303-hrss-2020.html")));

        File.WriteAllText(Path.Combine(input, DeadlineRules.FileName), """
            - name: 广东省2020年度报告3月31日前公开
              deadline: "03-31"
              provinces: ["440000"]
              source: 测试规则
            """);
        new Archive.Build.SiteBuilder().Build(new Archive.Build.BuildPaths(input, RepoPaths.Theme, output, cache));

        var page = File.ReadAllText(Path.Combine(output, "reports", "440303-hrss-2020.html"));
        Assert.Contains("2021年3月31日（广东省2020年度报告3月31日前公开）", page);
        Assert.Contains("测试规则", File.ReadAllText(Path.Combine(output, "methods.html")));
    }

    [Fact]
    public void A_bad_rule_is_named_with_its_line()
    {
        using var temp = new TempFolder();
        var input = Shipped(temp, """
            - name: 无依据
              deadline: "04-01"
            - name: 日期不对
              deadline: "13-01"
              source: 某文件
            - name: 省份不对
              deadline: "04-01"
              provinces: ["4403"]
              source: 某文件
            """);

        var problems = new CorpusReader().Read(input).Problems;

        Assert.Contains(problems, p => p.File == "input/deadlines.yml" && p.Line == 1 && p.Message.Contains("source", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 3 && p.Message.Contains("'13-01'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 6 && p.Message.Contains("'4403'", StringComparison.Ordinal));
    }

    private static string Shipped(TempFolder temp, string deadlines)
    {
        var input = temp.Combine("input");
        foreach (var file in Directory.GetFiles(RepoPaths.Input, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(input, Path.GetRelativePath(RepoPaths.Input, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.WriteAllText(Path.Combine(input, DeadlineRules.FileName), deadlines);
        return input;
    }
}
