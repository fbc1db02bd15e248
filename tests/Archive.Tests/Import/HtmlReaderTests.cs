using Archive.Import;

namespace Archive.Tests.Import;

public class HtmlReaderTests
{
    private const string Page = """
        <html><head><title>某区人社局2021年法治政府建设年度报告_某区人民政府网</title>
        <meta name="PubDate" content="2022-03-30 10:12">
        <link rel="canonical" href="https://www.example.gov.cn/art/2022/3/30/1.html">
        <script>var x = "扫一扫";</script><style>p{color:red}</style></head>
        <body><header>某区人民政府</header><nav>首页 &gt; 政务公开</nav>
        <div class="TRS_Editor"><p>某区人社局2021年法治政府建设年度报告</p><p>　　一、主要举措<br>我局坚持依法行政。</p>
        <table><tr><td>案件</td><td>12件</td></tr></table></div>
        <footer>版权所有</footer></body></html>
        """;

    [Fact]
    public void MainContentBecomesLinesWithoutScriptsOrPageFurniture()
    {
        var (lines, _) = HtmlReader.Read(Page);

        Assert.Equal(["某区人社局2021年法治政府建设年度报告", "一、主要举措", "我局坚持依法行政。", "案件", "12件"], lines);
    }

    [Fact]
    public void TitlePublishDateAndAddressBecomeHints()
    {
        var (_, hints) = HtmlReader.Read(Page);

        Assert.Equal("某区人社局2021年法治政府建设年度报告", hints.Title);
        Assert.Equal(new DateOnly(2022, 3, 30), hints.Published);
        Assert.Equal("https://www.example.gov.cn/art/2022/3/30/1.html", hints.SourceUrl);
    }
}
