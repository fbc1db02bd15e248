using Archive.Import;

namespace Archive.Tests.Import;

public class LineJoinerTests
{
    [Fact]
    public void TitleSplitAfterTheYearIsJoined()
    {
        var lines = LineJoiner.Join(File.ReadAllLines(ImportFixtures.Seed("004")));

        Assert.Equal("佛山市人力资源和社会保障局2020年法治政府建设年度报告", lines[0]);
        Assert.Equal("市委、市政府:", lines[1]);
    }

    [Fact]
    public void HeadingsSignaturesAndDatesStayOnTheirOwnLines()
    {
        var original = File.ReadAllLines(ImportFixtures.Seed("003")).Where(l => l.Trim().Length > 0).ToList();

        var lines = LineJoiner.Join(original);

        Assert.Equal(original.Count, lines.Count);
        Assert.Equal(["广州市海珠区人力资源和社会保障局", "2021年11月23日"], lines.TakeLast(2));
    }

    [Fact]
    public void BrokenRunInHeadingIsJoinedWhenItsSiblingsRunIn()
    {
        var lines = LineJoiner.Join(File.ReadAllLines(ImportFixtures.Seed("002")));

        Assert.Contains(lines, l => l.StartsWith("1.配强劳动纠纷调解队伍。内强基础", StringComparison.Ordinal));
    }

    [Fact]
    public void HeadingFollowedByItsParagraphIsNotJoined()
    {
        string[] lines = ["（一）充分发挥局法治建设领导小组的统筹部署作用", "一是总体谋划，根据上级要求部署工作。"];

        Assert.Equal(lines, LineJoiner.Join(lines));
    }

    [Fact]
    public void WikiLinkBreaksInsideASentenceAreJoined()
    {
        string[] lines = ["我們第一届全國人民代表大會第一次會議，在聽了劉少奇同志", "關於憲法草案的報告", "並進行了三天的討論以後，通過了我們國家的根本法——", "中華人民共和國憲法", "，接着，又通過了幾個重要的法律。", "", "五年以來，我們的工作是勝利的。"];

        Assert.Equal(
            ["我們第一届全國人民代表大會第一次會議，在聽了劉少奇同志關於憲法草案的報告並進行了三天的討論以後，通過了我們國家的根本法——中華人民共和國憲法，接着，又通過了幾個重要的法律。", "五年以來，我們的工作是勝利的。"],
            LineJoiner.Join(lines));
    }

    [Fact]
    public void TitleIsNotJoinedToTheFirstParagraph()
    {
        string[] lines = ["深圳市罗湖区人力资源局2020年法治政府建设年度报告", "为全面落实中共中央、国务院的要求，我局开展了工作。"];

        Assert.Equal(lines, LineJoiner.Join(lines));
    }
}
