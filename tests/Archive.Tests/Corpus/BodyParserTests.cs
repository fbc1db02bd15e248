using Archive.Corpus;

namespace Archive.Tests.Corpus;

public class BodyParserTests
{
    [Fact]
    public void Numbered_headings_nest_by_level_and_get_stable_anchors()
    {
        var body = BodyParser.Parse(["前言一段。", "一、总体情况", "（一）组织领导", "1.学习。", "正文。", "（二）制度建设", "二、下一步"]);

        Assert.Equal(["p1"], body.Preamble.Select(p => p.Anchor));
        Assert.Equal(2, body.Sections.Count);
        var first = body.Sections[0];
        Assert.Equal(("s1", 1, "一、总体情况"), (first.Anchor, first.Level, first.Heading));
        Assert.Equal(["s1-1", "s1-2"], first.Children.Select(c => c.Anchor));
        Assert.Equal("s1-1-1", first.Children[0].Children[0].Anchor);
        Assert.Equal("正文。", first.Children[0].Children[0].Paragraphs.Single().Text);
        Assert.Equal(["s1", "s1-1", "s1-1-1", "s1-2", "s2"], body.AllSections.Select(s => s.Anchor));
    }

    [Fact]
    public void A_long_run_in_heading_keeps_its_first_sentence_as_heading_and_the_rest_as_paragraph()
    {
        var line = "1.领导干部带头学习。坚持将习近平法治思想和法律法规纳入局党组理论学习中心组学习内容，认真研学各类书目。";
        var body = BodyParser.Parse(["一、举措", line]);

        var section = body.Sections[0].Children.Single();
        Assert.Equal("1.领导干部带头学习。", section.Heading);
        Assert.Equal(line["1.领导干部带头学习。".Length..], section.Paragraphs.Single().Text);
    }

    [Theory]
    [InlineData("2.5万人次参加培训。")]
    [InlineData("2020年，我局开展工作。")]
    [InlineData("一是总体谋划，明确任务。")]
    public void Lines_that_only_start_with_numbers_are_paragraphs(string line)
    {
        Assert.Equal(0, BodyParser.HeadingLevel(line));
        Assert.Single(BodyParser.Parse([line]).Preamble);
    }

    [Fact]
    public void Plain_text_keeps_every_paragraph_and_heading_in_order()
    {
        string[] lines = ["前言。", "一、甲", "正文甲。", "（一）乙", "正文乙。"];
        Assert.Equal(string.Join('\n', lines), BodyParser.Parse(lines).PlainText);
    }
}
