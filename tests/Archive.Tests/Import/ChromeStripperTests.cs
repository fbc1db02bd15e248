using Archive.Import;

namespace Archive.Tests.Import;

public class ChromeStripperTests
{
    [Fact]
    public void Seed000LosesExactlyItsPageChrome()
    {
        var lines = File.ReadAllLines(ImportFixtures.Seed("000"));

        var stripped = ChromeStripper.Strip(lines);

        Assert.Equal(
            [
                "深圳市罗湖区人民政府",
                "来源:罗湖区人力资源局 发布时间:2020-12-17",
                "扫一扫在手机上打开当前页",
                "知识图谱",
                "相关信息和服务",
                "当前展示专题专栏信息类别内容 返回",
                "点击标签名称查看更多信息",
            ],
            stripped.Removed);
        Assert.Equal("深圳市罗湖区人力资源局2020年法治政府建设年度报告", stripped.Kept[0]);
        Assert.Equal("2020年12月17日", stripped.Kept[^1]);
    }

    [Fact]
    public void KeptAndRemovedLinesAccountForEveryVisibleCharacterOfTheOriginal()
    {
        var original = File.ReadAllText(ImportFixtures.Seed("000"));

        var stripped = ChromeStripper.Strip(LineJoiner.Join(original.Split('\n')));

        // Walk the original's visible characters: each run must be the next kept or the next removed line.
        var rest = Visible(original);
        int kept = 0, removed = 0;
        while (rest.Length > 0)
        {
            if (kept < stripped.Kept.Count && rest.StartsWith(Visible(stripped.Kept[kept]), StringComparison.Ordinal))
            {
                rest = rest[Visible(stripped.Kept[kept++]).Length..];
            }
            else if (removed < stripped.Removed.Count && rest.StartsWith(Visible(stripped.Removed[removed]), StringComparison.Ordinal))
            {
                rest = rest[Visible(stripped.Removed[removed++]).Length..];
            }
            else
            {
                Assert.Fail($"text not accounted for: {rest[..Math.Min(40, rest.Length)]}");
            }
        }

        Assert.Equal(stripped.Kept.Count, kept);
        Assert.Equal(stripped.Removed.Count, removed);
    }

    [Fact]
    public void ContactAndDocumentFooterLinesOfSeed004AreRemoved()
    {
        var stripped = ChromeStripper.Strip(File.ReadAllLines(ImportFixtures.Seed("004")));

        Assert.Equal(["（联系人：杨书豪，联系电话：83996175）", "佛山市人力资源和社会保障局文件"], stripped.Removed);
        Assert.Contains("特此报告。", stripped.Kept);
    }

    [Fact]
    public void ShareLineOfSeed001IsRemovedAndHeadingsStay()
    {
        var stripped = ChromeStripper.Strip(File.ReadAllLines(ImportFixtures.Seed("001")));

        Assert.Equal(["分享到:"], stripped.Removed);
        Assert.Equal(33, stripped.Kept.Count);
    }

    [Fact]
    public void WikiLicenceNoticeAfterTheTextIsRemoved()
    {
        string[] lines = ["会议号召，全国各族人民更加紧密地团结。", "本作品来自中华人民共和国全国人民代表大会的决议。依据《中华人民共和国著作权法》第五条，本作品不适用于该法，所以属于公有领域。", "本模板所指的决定包括由中华人民共和国主席令公布的修改或废止法律的决定。", "Public domain", "Public domain", "false", "false"];

        var stripped = ChromeStripper.Strip(lines);

        Assert.Equal(["会议号召，全国各族人民更加紧密地团结。"], stripped.Kept);
        Assert.Equal(6, stripped.Removed.Count);
    }

    [Fact]
    public void OrdinaryLinesThatMentionChromeWordsAreKept()
    {
        string[] lines = ["标题报告", "通过微信公众号分享到朋友圈的方式开展普法，知识图谱建设也在推进。"];

        Assert.Empty(ChromeStripper.Strip(lines).Removed);
    }

    private static string Visible(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
