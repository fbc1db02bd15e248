using Archive.Search.Contract;

namespace Archive.Tests.Search;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("ＷＴＯ规则", "wto规则")]
    [InlineData("ＡＢＣａｂｃ１２３", "abcabc123")]
    [InlineData("Hello World", "helloworld")]
    [InlineData("双随机、一公开", "双随机一公开")]
    [InlineData("拖欠农民\n工工资", "拖欠农民工工资")]
    [InlineData("“谁执法，谁普法”！", "谁执法谁普法")]
    [InlineData("一、\t总体情况\r\n（一）", "一总体情况一")]
    [InlineData("二〇二〇年", "二〇二〇年")]
    [InlineData("第Ⅲ条 ①", "第Ⅲ条①")]
    [InlineData("  ", "")]
    [InlineData("", "")]
    public void NormalizesWidthCaseAndDropsEverythingButLettersAndNumbers(string text, string expected)
    {
        Assert.Equal(expected, TextNormalizer.NormalizeToString(text));
    }

    [Fact]
    public void OnlyAsciiLettersAreCaseFolded()
    {
        // Runtimes disagree on non-ASCII case mappings, so Greek and full-width-folded Latin beyond ASCII stay as they are.
        Assert.Equal("Ωω", TextNormalizer.NormalizeToString("Ωω"));
    }

    [Fact]
    public void SupplementaryCodePointsAreKeptWholeAndCountAsOne()
    {
        var normalized = TextNormalizer.Normalize("𠀀、𠀁a");

        Assert.Equal("𠀀𠀁a", normalized.Text);
        Assert.Equal(3, normalized.Length);
        Assert.Equal([0, 3, 5], Enumerable.Range(0, 3).Select(normalized.SourceOffset));
        Assert.Equal((0, 2), normalized.SourceSpan(0, 1));
        Assert.Equal(2, normalized.CodePointIndex(4));
    }

    [Fact]
    public void LoneSurrogatesAndMarksAreDropped()
    {
        Assert.Equal("ab", TextNormalizer.NormalizeToString("a\uD800b\u0301\uDC00"));
    }

    [Fact]
    public void OffsetsMapEveryMatchBackToItsOriginalSpan()
    {
        const string original = "加强“双随机、一公开”监管，\n拖欠农民\n工工资";
        var normalized = TextNormalizer.Normalize(original);

        var at = normalized.Text.IndexOf("双随机一公开", StringComparison.Ordinal);
        var (start, end) = normalized.SourceSpan(at, at + 6);
        Assert.Equal("双随机、一公开", original[start..end]);

        at = normalized.Text.IndexOf("农民工", StringComparison.Ordinal);
        (start, end) = normalized.SourceSpan(at, at + 3);
        Assert.Equal("农民\n工", original[start..end]);
    }

    [Fact]
    public void KeptBeforeCountsKeptCodePointsBeforeAnOriginalOffset()
    {
        var normalized = TextNormalizer.Normalize("a、b");

        Assert.Equal([0, 1, 1, 2], Enumerable.Range(0, 4).Select(normalized.KeptBefore));
    }
}
