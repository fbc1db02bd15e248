using System.Text;
using Archive.Core;
using Archive.Import;

namespace Archive.Tests.Import;

public class JsonLinesReaderTests
{
    [Fact]
    public void EachLineIsOneReportKeepingItsOwnLineAsOriginal()
    {
        var text = File.ReadAllText(ImportFixtures.NationalSample);

        var reports = JsonLinesReader.Read(text, "sample.jsonl", "sample.jsonl");

        Assert.Equal(8, reports.Count);
        Assert.Equal(text.Split('\n')[0], Encoding.UTF8.GetString(reports[0].OriginalBytes));
        Assert.Equal(".json", reports[0].OriginalExtension);
        Assert.Equal(2025, reports[0].Hints.Year);
        Assert.Null(reports[1].Hints.Year);
        Assert.StartsWith("https://zh.wikisource.org/", reports[0].Hints.SourceUrl, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenJsonLineIsAnInputErrorWithItsLineNumber()
    {
        var error = Assert.Throws<InputException>(() => JsonLinesReader.Read("{\"title\":\"a\",\"content\":\"b\"}\n{oops\n", "x.jsonl", "x.jsonl"));

        Assert.Equal(2, error.Problems[0].Line);
    }
}
