using Archive.Corpus;
using Archive.Site;

namespace Archive.Tests.Site;

public sealed class ReportBodyHtmlTests
{
    [Fact]
    public void EveryParagraphAndHeadingIsThereInReadingOrderWithItsCitableAnchor()
    {
        var body = BodyParser.Parse(
        [
            "前言段落。",
            "一、主要工作",
            "（一）完善制度",
            "1.制定办法",
            "细则段落。",
            "二、存在问题",
            "问题段落。",
        ]);

        var html = ReportBodyHtml.Of(body).Value;

        var order = new[] { "前言段落。", "<h2>一、主要工作", "<h3>（一）完善制度", "<h4>1.制定办法", "细则段落。", "<h2>二、存在问题", "问题段落。" }
            .Select(text => html.IndexOf(text, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        foreach (var paragraph in body.AllParagraphs)
        {
            Assert.Contains($"<p id=\"{paragraph.Anchor}\">{paragraph.Text}<a class=\"cite\" href=\"#{paragraph.Anchor}\"", html);
        }

        foreach (var section in body.AllSections)
        {
            Assert.Contains($"<section id=\"{section.Anchor}\">", html);
        }

        Assert.Equal(body.AllSections.Count(), html.Split("</section>").Length - 1);
    }

    [Fact]
    public void ReportTextIsEscaped()
    {
        var body = BodyParser.Parse(["一、<script>alert(1)</script>", "a & b <img src=x onerror=alert(1)> \"引号\""]);

        var html = ReportBodyHtml.Of(body).Value;

        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("a &amp; b &lt;img src=x onerror=alert(1)&gt; &quot;引号&quot;", html);
    }
}
