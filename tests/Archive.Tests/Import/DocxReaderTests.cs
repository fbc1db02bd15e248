using System.Text;
using Archive.Core;
using Archive.Import;

namespace Archive.Tests.Import;

public class DocxReaderTests
{
    [Fact]
    public void ParagraphsBecomeLinesCharacterForCharacter()
    {
        var file = ImportFixtures.ProvincialFiles.Single(f => f.Contains("云南", StringComparison.Ordinal));

        var lines = DocxReader.Read(File.ReadAllBytes(file), file);

        Assert.Equal(["2025年云南省政府工作报告", "来源：北京日报", "——2025年1月18日在云南省第十四届人民代表大会第三次会议上", "省长 王予波", "各位代表："], lines.Take(5));
        Assert.Equal(162, lines.Count);
    }

    [Fact]
    public void NotADocxIsAnInputError()
    {
        var error = Assert.Throws<InputException>(() => DocxReader.Read(Encoding.UTF8.GetBytes("not a zip"), "input/x.docx"));

        Assert.Equal("input/x.docx", error.Problems[0].File);
    }
}
