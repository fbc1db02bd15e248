using Archive.Corpus;
using Archive.Import;

namespace Archive.Tests.Import;

public class MetadataInferenceTests
{
    [Theory]
    [InlineData("000", "深圳市罗湖区人力资源局", "440303", "2020", "2020-12-17")]
    [InlineData("001", "天津市河东区人力资源和社会保障局", "120102", "2023", null)]
    [InlineData("002", "湖州市吴兴区人力资源和社会保障局", "330502", "2020", null)]
    [InlineData("003", "广州市海珠区人力资源和社会保障局", "440105", "2021", "2021-11-23")]
    [InlineData("004", "佛山市人力资源和社会保障局", "440600", "2020", "2020-12-22")]
    public void SeedsGetTheBureauRegionYearAndDateACarefulReaderWouldGive(string seed, string bureau, string region, string year, string? published)
    {
        var metadata = ImportFixtures.Infer(RawReportReader.Read(ImportFixtures.Seed(seed)).Single());

        Assert.Equal(bureau, metadata.Bureau.Value);
        Assert.Equal(region, metadata.Region.Value);
        Assert.Equal(year, metadata.Year.Value);
        Assert.Equal(published, metadata.Published.Value);
        Assert.Equal(published is null ? Confidence.Unknown : Confidence.High, metadata.Published.Confidence);
    }

    [Theory]
    [InlineData("001")]
    [InlineData("002")]
    public void BureauInferredFromContentIsNotCertainAndSaysWhy(string seed)
    {
        var metadata = ImportFixtures.Infer(RawReportReader.Read(ImportFixtures.Seed(seed)).Single());

        Assert.InRange(metadata.Bureau.Confidence, Confidence.Low, Confidence.Medium);
        Assert.Contains("我局", metadata.Bureau.Reason, StringComparison.Ordinal);
        Assert.Equal(Confidence.Low, metadata.Title.Confidence);
    }

    [Fact]
    public void EveryProvincialWorkReportIsTheProvincesGovernmentIn2025()
    {
        var wrong = new List<string>();
        foreach (var file in ImportFixtures.ProvincialFiles)
        {
            var metadata = ImportFixtures.Infer(RawReportReader.Read(file).Single());
            var province = metadata.RegionPath?.Province;
            var expected = Path.GetFileNameWithoutExtension(file)[5..].Replace("政府工作报告", "", StringComparison.Ordinal).TrimEnd('省', '市');
            if (province is null || !province.Name.StartsWith(expected, StringComparison.Ordinal) || metadata.RegionPath!.City is not null
                || metadata.Year.Value != "2025" || metadata.Bureau.Value != province.Name + "人民政府"
                || metadata.PublishedValue is not { Year: 2025, Month: 1 or 2 })
            {
                wrong.Add($"{Path.GetFileName(file)}: {metadata.Bureau.Value} {metadata.Region.Value} {metadata.Year.Value} {metadata.Published.Value}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public void YunnanReportIsYunnanDespiteItsBeijingNewspaperSource()
    {
        var file = ImportFixtures.ProvincialFiles.Single(f => f.Contains("云南", StringComparison.Ordinal));

        var metadata = ImportFixtures.Infer(RawReportReader.Read(file).Single());

        Assert.Equal("530000", metadata.Region.Value);
        Assert.Equal("2025-01-18", metadata.Published.Value);
    }

    [Fact]
    public void NationalRecordsAreTheStateCouncilOrTheCongressWithTheirYears()
    {
        var reports = RawReportReader.Read(ImportFixtures.NationalSample);

        var inferred = reports.Select(ImportFixtures.Infer).Select(m => (m.Bureau.Value, m.Region.Value, m.Year.Value)).ToList();

        Assert.Equal(
            [
                ("国务院", "100000", "2025"),
                ("全国人民代表大会", "100000", "2025"),
                ("国务院", "100000", "2024"),
                ("全国人民代表大会", "100000", "2023"),
                ("国务院", "100000", "2021"),
                ("国务院", "100000", "1997"),
                ("国务院", "100000", "1956"),
                ("国务院", "100000", "1954"),
            ],
            inferred);
    }

    [Fact]
    public void ReportWithNothingToGoOnLeavesEveryFieldUnknown()
    {
        var evidence = new ReportEvidence(["今天天气很好。", "我们去公园散步。"], [], "note.txt", PageHints.None);

        var metadata = new MetadataInference().Infer(evidence);

        Assert.All(metadata.All, i => Assert.Equal(Confidence.Unknown, i.Confidence));
        Assert.All(metadata.All, i => Assert.Null(i.Value));
    }
}
