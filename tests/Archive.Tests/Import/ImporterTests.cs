using Archive.Core;
using Archive.Corpus;
using Archive.Import;

namespace Archive.Tests.Import;

public sealed class ImporterTests : IDisposable
{
    private readonly string _input = Directory.CreateTempSubdirectory("archive-import-").FullName;

    public void Dispose() => Directory.Delete(_input, recursive: true);

    [Fact]
    public void ImportedSeedsAreWrittenRegisteredAndReadBackWithoutProblems()
    {
        var imported = new Importer(_input).Import([ImportFixtures.Folder("seeds")]);

        Assert.Equal(
            ["440303-hrss-2020", "120102-hrss-2023", "330502-hrss-2020", "440105-hrss-2021", "440600-hrss-2020"],
            imported.Select(r => r.Report.Id));
        var (corpus, problems) = new CorpusReader().Read(_input);
        Assert.Empty(problems);
        Assert.Equal(5, corpus.Reports.Count);
        Assert.Equal(5, corpus.Bureaus.Count);
        var luohu = corpus.Reports.Single(r => r.Id == "440303-hrss-2020");
        Assert.Equal(new DateOnly(2020, 12, 17), luohu.Published);
        Assert.False(luohu.Reviewed);
        Assert.Contains("扫一扫在手机上打开当前页", luohu.RemovedChrome);
        Assert.Equal("originals/440303-hrss-2020.txt", luohu.Original!.Path);
        Assert.Equal(File.ReadAllBytes(ImportFixtures.Seed("000")), File.ReadAllBytes(Path.Combine(_input, "originals", "440303-hrss-2020.txt")));
    }

    [Fact]
    public void ImportingTheSameReportAgainGivesItTheNextFreeId()
    {
        new Importer(_input).Import([ImportFixtures.Seed("003")]);

        var again = new Importer(_input).Import([ImportFixtures.Seed("003")]);

        Assert.Equal("440105-hrss-2021-2", again.Single().Report.Id);
        Assert.Single(new CorpusReader().ReadValid(_input).Bureaus);
    }

    [Fact]
    public void RenamedBureauKeepsItsIdAndGainsAnAlias()
    {
        File.WriteAllText(Path.Combine(_input, BureauRegistry.FileName), BureauRegistry.Format([new Bureau("440303-hrss", "深圳市罗湖区人力资源和社会保障局", [], "440303", "hrss")]));

        var imported = new Importer(_input).Import([ImportFixtures.Seed("000")]);

        Assert.Equal("440303-hrss-2020", imported.Single().Report.Id);
        var bureau = Assert.Single(new CorpusReader().ReadValid(_input).Bureaus);
        Assert.Equal(["深圳市罗湖区人力资源局"], bureau.Aliases);
    }

    [Fact]
    public void NationalJsonLinesStoreEachRecordAsItsOwnOriginal()
    {
        var imported = new Importer(_input).Import([ImportFixtures.NationalSample]);

        Assert.Equal(8, imported.Count);
        Assert.Contains(imported, r => r.Report.Id == "100000-gov-1954");
        Assert.Contains(imported, r => r.Report.Id == "100000-npc-2025");
        Assert.Empty(new CorpusReader().Read(_input).Problems);
        Assert.True(File.Exists(Path.Combine(_input, "originals", "100000-gov-1954.json")));
    }

    [Fact]
    public void ReportWithoutBureauRegionOrYearIsWrittenAndFlagged()
    {
        var source = Path.Combine(_input, "..", Path.GetFileName(_input) + "-note.txt");
        File.WriteAllText(source, "今天天气很好。\n我们去公园散步。\n");
        try
        {
            var imported = new Importer(_input).Import([source]).Single();

            Assert.Equal("unknown-undated-1", imported.Report.Id);
            var (_, problems) = new CorpusReader().Read(_input);
            Assert.Contains(problems, p => p.File == "input/reports/unknown-undated-1.md" && p.Message.Contains("unknown", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(source);
        }
    }

    [Fact]
    public void BadSourcesWriteNothingAndNameEveryFile()
    {
        var empty = Path.Combine(_input, "empty.txt");
        File.WriteAllText(empty, "");

        var error = Assert.Throws<InputException>(() => new Importer(_input).Import([empty, Path.Combine(_input, "missing.txt")]));

        Assert.Equal(2, error.Problems.Count);
        Assert.False(Directory.Exists(Path.Combine(_input, "reports")));
    }

    [Fact]
    public void A_page_that_is_nothing_but_chrome_is_refused_and_nothing_is_written()
    {
        var raw = Path.Combine(_input, "..", Path.GetFileName(_input) + "-chrome-only.txt");
        File.WriteAllText(raw, "扫一扫在手机上打开当前页\n\n分享到:\n知识图谱\n");
        try
        {
            var error = Assert.Throws<InputException>(() => new Importer(_input).Import([raw, ImportFixtures.Seed("003")]));

            var problem = Assert.Single(error.Problems);
            Assert.Equal(raw, problem.File);
            Assert.Contains("holds no report text, only web-page chrome", problem.Message);
            Assert.False(Directory.Exists(Path.Combine(_input, "reports")) && Directory.EnumerateFileSystemEntries(Path.Combine(_input, "reports")).Any());
        }
        finally
        {
            File.Delete(raw);
        }
    }
}
