using System.Text;
using Archive.Collect;

namespace Archive.Tests.Collect;

/// <summary>How the collector reads a fetched page: its charset, its attachments, its next page, "page not found" pages.</summary>
public class WebPageTests
{
    private static readonly Uri Address = new("http://www.example.gov.cn/zwgk/fzzfjs/2021/t20210108_8456.html");

    static WebPageTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("text/html; charset=GBK", "<meta charset=\"gbk\">", "GBK")]
    [InlineData("text/html", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">", "GB2312")]
    [InlineData("text/html; charset=utf-8", "<meta charset=\"utf-8\">", "GB18030")]
    [InlineData("text/html; charset=utf-8", "<meta charset=\"utf-8\">", "UTF-8")]
    [InlineData(null, "", "GB18030")]
    public void A_page_is_read_in_the_charset_that_decodes_it(string? contentType, string meta, string sentAs)
    {
        // The third case is a GB18030 page labelled UTF-8, which portals send: the bytes decide.
        const string Title = "湖州市吴兴区人力资源和社会保障局2020年法治政府建设年度报告";
        var html = $"<html><head>{meta}<title>{Title}</title></head><body><h1>{Title}</h1><p>一、主要举措和成效——“最多跑一次”改革</p></body></html>";
        var bytes = Encoding.GetEncoding(sentAs).GetBytes(html);

        var page = WebPage.Read(Address, bytes, contentType);

        Assert.Equal(html, page.Html);
    }

    [Fact]
    public void A_declared_charset_that_decodes_the_bytes_wins_over_the_guess()
    {
        // These bytes are 法治政府 in UTF-8 and 娉曟不鏀垮簻 in GBK: only the declaration can tell which was meant.
        var bytes = Encoding.UTF8.GetBytes("<html><body><p>法治政府</p></body></html>");

        Assert.Contains("娉曟不鏀垮簻", WebPage.Read(Address, bytes, "text/html; charset=GBK").Html);
        Assert.Contains("法治政府", WebPage.Read(Address, bytes, "text/html").Html);
        Assert.Contains("娉曟不鏀垮簻", WebPage.Read(Address, [.. Encoding.ASCII.GetBytes("<meta charset=\"gb2312\">"), .. bytes], null).Html);
    }

    [Fact]
    public void An_empty_or_binary_page_is_a_page_without_links_or_text()
    {
        Assert.Empty(WebPage.Read(Address, [], "text/html").Links);
        Assert.Empty(WebPage.Read(Address, [0, 1, 2, 3, 0xFF, 0xFE, 0, 0], "text/html").Article().Lines);
    }

    [Fact]
    public void Attachments_are_documents_linked_outside_the_header_footer_and_navigation()
    {
        var page = Page("""
            <header><a href="/files/2023年政府信息公开工作年度报告.pdf">年报</a></header>
            <nav><a href="/a/guide.docx">办事指南</a></nav>
            <div class="content">
              <p>附件：<a href="P020240115.pdf">2023年法治政府建设年度报告.pdf</a></p>
              <p><a href="../2023/附件2.DOC#page=2">附件2</a> <a href="/x/table.wps">统计表</a> <a href="/x/table.xlsx">表格</a></p>
              <p><a href="P020240115.pdf">下载</a> <a href="mailto:a@example.gov.cn">写信</a> <a href="javascript:void(0)">打印</a></p>
            </div>
            <footer><a href="/privacy.pdf">隐私</a></footer>
            """);

        Assert.Equal(
            ["http://www.example.gov.cn/zwgk/fzzfjs/2021/P020240115.pdf", "http://www.example.gov.cn/zwgk/fzzfjs/2023/%E9%99%84%E4%BB%B62.DOC", "http://www.example.gov.cn/x/table.wps"],
            page.Attachments.Select(a => a.Address.AbsoluteUri));
        Assert.Equal("2023年法治政府建设年度报告.pdf", page.Attachments[0].Text);
    }

    [Theory]
    [InlineData("<a href=\"index_1.html\">首页</a><a href=\"index_2.html\">下一页</a><a href=\"index_9.html\">尾页</a>", "index_2.html")]
    [InlineData("<a href=\"?page=3\" rel=\"next\">»</a>", "?page=3")]
    [InlineData("<a href=\"index_4.html\"> 下页 </a>", "index_4.html")]
    [InlineData("<a href=\"index_1.html\">上一页</a><a href=\"t1.html\">法治政府建设年度报告</a>", null)]
    public void The_next_page_of_a_column_is_its_rel_next_or_下一页_link(string pager, string? next)
    {
        var page = Page($"<ul><li><a href=\"t2.html\">报告</a></li></ul><div class=\"pager\">{pager}</div>");

        Assert.Equal(next is null ? null : new Uri(Address, next), page.NextPage);
    }

    [Theory]
    [InlineData("<title>页面不存在</title>", "<p>请返回首页。</p>", true)]
    [InlineData("<title>提示</title>", "<h1>抱歉，您访问的页面已被删除或不存在！</h1>", true)]
    [InlineData("<title>404 Not Found</title>", "<h1>404</h1>", true)]
    [InlineData("<title>法治政府建设年度报告</title>", "<h1>法治政府建设年度报告</h1><p>一、主要举措</p>", false)]
    public void A_short_page_that_says_it_does_not_exist_is_not_found(string head, string body, bool notFound)
    {
        var html = $"<html><head>{head}</head><body>{body}</body></html>";

        Assert.Equal(notFound, WebPage.Read(Address, Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8").SaysNotFound());
    }

    [Fact]
    public void A_long_report_that_mentions_404_is_not_a_not_found_page()
    {
        var text = string.Concat(Enumerable.Repeat("<p>全年办理行政复议案件404件，依法纠错率稳步提升。</p>", 40));
        var html = $"<html><head><title>2023年法治政府建设年度报告</title></head><body>{text}</body></html>";

        Assert.False(WebPage.Read(Address, Encoding.UTF8.GetBytes(html), "text/html").SaysNotFound());
    }

    [Theory]
    [InlineData("application/octet-stream", "/files/P0201.doc", "%PDF-1.7", ".pdf")]
    [InlineData("application/octet-stream", "/files/report.wps", "\u00D0\u00CF\u0011\u00E0", ".wps")]
    [InlineData("application/msword", "/files/report", "\u00D0\u00CF\u0011\u00E0", ".doc")]
    [InlineData("application/octet-stream", "/files/report.docx", "PK\u0003\u0004", ".docx")]
    [InlineData("text/html; charset=gbk", "/content.jsp?id=1", "<html>", ".html")]
    [InlineData(null, "/content.jsp", "<!DOCTYPE html><html>", ".html")]
    [InlineData("application/octet-stream", "/files/data.bin", "\u0000\u0001", null)]
    public void A_document_is_read_as_what_its_first_bytes_say_then_its_type_then_its_name(string? contentType, string path, string start, string? extension)
    {
        var bytes = Encoding.Latin1.GetBytes(start);

        Assert.Equal(extension, DocumentKind.ExtensionOf(contentType, new Uri(Address, path), bytes));
    }

    private static WebPage Page(string body) =>
        WebPage.Read(Address, Encoding.UTF8.GetBytes($"<html><head><meta charset=\"utf-8\"></head><body>{body}</body></html>"), "text/html; charset=utf-8");
}
