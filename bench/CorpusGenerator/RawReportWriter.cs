using System.Globalization;
using System.Net;
using System.Text;

namespace CorpusGenerator;

/// <summary>
/// A raw report as an archive collects it, for <c>archive import</c> to read (<c>--raw</c>): no front matter, only the
/// text, which names its bureau and year in the title line and signs off with the bureau's name and the date (none
/// for about one in ten). Most are UTF-8 text, some GB18030 text (older sites), some saved web pages with the site's
/// header, navigation and footer around the article, as the importer meets them.
/// </summary>
internal sealed class RawReportWriter(ReportAssembler assembler)
{
    private static readonly Encoding Gb18030 = CodePagesEncoding(54936);

    /// <summary>The file's name (by its number only: what it holds is for the importer to find) and bytes.</summary>
    public (string Name, byte[] Bytes) Write(PlannedReport plan, int number)
    {
        var random = new Random(plan.Seed);
        // A 人社 bureau writes in its own vocabulary; the other departments' reports read more like the work reports.
        var share = plan.Bureau.Id.EndsWith("-hrss", StringComparison.Ordinal) ? 0.6 : 0.15;
        var text = assembler.RawText(plan, random, share);
        var published = ReportAssembler.Published(plan.Year, random);
        var signature = plan.Bureau.Name + "\n" + (published is { } date ? date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture) + "\n" : "");
        var name = number.ToString("D6", CultureInfo.InvariantCulture);
        return random.NextDouble() switch
        {
            < 0.75 => (name + ".txt", new UTF8Encoding(false).GetBytes(text + "\n" + signature)),
            < 0.90 => (name + ".txt", Gb18030.GetBytes(text + "\n" + signature)),
            _ => (name + ".html", Encoding.UTF8.GetBytes(Page(plan, text + "\n" + signature))),
        };
    }

    // A saved page of a government site: chrome before and after the article, the text in paragraphs.
    private static string Page(PlannedReport plan, string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(lines[0])}_{WebUtility.HtmlEncode(plan.Region.DisplayName.Replace(" ", "", StringComparison.Ordinal))}人民政府</title></head>\n<body>\n");
        html.Append("<div class=\"header\"><a href=\"/\">首页</a> | <a href=\"/zwgk/\">政务公开</a> | <a href=\"/fzzfjs/\">法治政府建设</a> | <a href=\"/hdjl/\">互动交流</a></div>\n");
        html.Append("<div class=\"article\">\n");
        foreach (var line in lines)
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(line)).Append("</p>\n");
        }

        html.Append("</div>\n<div class=\"footer\"><p>主办单位：").Append(WebUtility.HtmlEncode(plan.Bureau.Name))
            .Append("</p><p>网站标识码：5101040001 备案号：蜀ICP备05001234号</p></div>\n</body></html>\n");
        return html.ToString();
    }

    private static Encoding CodePagesEncoding(int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(codePage);
    }
}
