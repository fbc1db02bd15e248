using System.Text;
using Archive.Core;
using Archive.Corpus;
using Archive.Import;

namespace Archive.Tests.Import;

public class TextDecoderTests
{
    static TextDecoderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly string SeedText = File.ReadAllText(ImportFixtures.Seed("003"));

    [Theory]
    [InlineData("utf-8", TextDecoder.Utf8)]
    [InlineData("utf-8-bom", TextDecoder.Utf8Bom)]
    [InlineData("gb18030", TextDecoder.Gb18030)]
    [InlineData("utf-16le-bom", TextDecoder.Utf16Le)]
    [InlineData("utf-16be-bom", TextDecoder.Utf16Be)]
    [InlineData("utf-16le", TextDecoder.Utf16Le)]
    [InlineData("utf-16be", TextDecoder.Utf16Be)]
    public void ReencodedSeedDecodesToTheSameTextAndNamesItsEncoding(string encoding, string expected)
    {
        var bytes = encoding switch
        {
            "utf-8" => new UTF8Encoding(false).GetBytes(SeedText),
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(SeedText)],
            "gb18030" => Encoding.GetEncoding("GB18030").GetBytes(SeedText),
            "utf-16le-bom" => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(SeedText)],
            "utf-16be-bom" => [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(SeedText)],
            "utf-16le" => Encoding.Unicode.GetBytes(SeedText),
            _ => Encoding.BigEndianUnicode.GetBytes(SeedText),
        };

        var decoded = TextDecoder.Decode(bytes, "seed.txt");

        Assert.Equal(SeedText, decoded.Text);
        Assert.Equal(expected, decoded.Encoding);
        Assert.NotEqual(Confidence.Unknown, decoded.Confidence);
    }

    [Fact]
    public void ShortGbkTextIsDetectedAsGb18030()
    {
        var bytes = Encoding.GetEncoding("GB18030").GetBytes("法治政府建设年度报告\n我局坚持依法行政。\n");

        Assert.Equal(TextDecoder.Gb18030, TextDecoder.Decode(bytes, "short.txt").Encoding);
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00 }, "binary")]
    [InlineData(new byte[] { 0x41, 0x42, 0x07, 0x43, 0x0A }, "binary")]
    [InlineData(new byte[] { }, "empty")]
    [InlineData(new byte[] { 0x20, 0x0A, 0x09, 0x0D, 0x0A }, "blank")]
    [InlineData(new byte[] { 0x41, 0xFF, 0x42, 0x80, 0x43, 0xFF, 0xFF, 0x0A }, "encoding")]
    public void UnusableBytesAreAnInputErrorNamingTheFile(byte[] bytes, string expected)
    {
        var error = Assert.Throws<InputException>(() => TextDecoder.Decode(bytes, "input/bad.txt"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("input/bad.txt", problem.File);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }
}
