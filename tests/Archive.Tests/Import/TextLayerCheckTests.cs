using System.Text;
using Archive.Import;
using Archive.Import.Pdf;

namespace Archive.Tests.Import;

/// <summary>
/// Extracted text is judged text or garbage: every real report of the fixtures is text, and each way a broken font map
/// or a misread file garbles a real report is garbage.
/// </summary>
public sealed class TextLayerCheckTests
{
    static TextLayerCheckTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static TheoryData<string> RealReports() =>
        new([.. Directory.EnumerateFiles(ImportFixtures.Folder("seeds")).Concat(ImportFixtures.ProvincialFiles).Select(Path.GetFileName)!]);

    [Theory]
    [MemberData(nameof(RealReports))]
    public void A_real_report_is_text(string file)
    {
        var raw = RawReportReader.Read(Directory.EnumerateFiles(ImportFixtures.Folder("seeds")).Concat(ImportFixtures.ProvincialFiles).Single(f => Path.GetFileName(f) == file)).Single();

        Assert.Equal(PageReading.TextLayer, TextLayerCheck.Judge(raw.Lines));
    }

    public static TheoryData<string> Garblings() => new(["private-use", "gbk-read-as-latin1", "utf8-read-as-gbk", "utf8-read-as-utf16", "replacement"]);

    [Theory]
    [MemberData(nameof(Garblings))]
    public void A_garbled_report_is_garbage(string garbling)
    {
        var text = File.ReadAllText(ImportFixtures.Seed("003"));
        var garbled = garbling switch
        {
            "private-use" => new string([.. text.Select(c => c > 0x3000 ? (char)(0xE000 + (c % 0x1000)) : c)]),
            "gbk-read-as-latin1" => Encoding.Latin1.GetString(Encoding.GetEncoding("GB18030").GetBytes(text)),
            "utf8-read-as-gbk" => Encoding.GetEncoding("GBK").GetString(Encoding.UTF8.GetBytes(text)),
            "utf8-read-as-utf16" => Encoding.Unicode.GetString(Encoding.UTF8.GetBytes(text)),
            _ => new string([.. text.Select((c, i) => i % 8 == 0 ? '\uFFFD' : c)]),
        };

        Assert.Equal(PageReading.GarbledTextLayer, TextLayerCheck.Judge(garbled.Split('\n')));
    }

    [Fact]
    public void A_page_without_characters_has_no_text_layer_and_a_few_characters_are_too_few_to_judge()
    {
        Assert.Equal(PageReading.NoTextLayer, TextLayerCheck.Judge(["", " "]));
        Assert.Equal(PageReading.TextLayer, TextLayerCheck.Judge(["— 3 —", "\uE001\uE002"]));
    }
}
