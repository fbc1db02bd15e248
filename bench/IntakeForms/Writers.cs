using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace IntakeForms;

/// <summary>Writes a composed report as the bytes of its form: plain text (UTF-8 or GB18030), a portal's web page, a .docx, or a flat ODT to print.</summary>
internal static class Writers
{
    private static readonly DateTimeOffset FixedTime = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A text file as people save them: blank lines or not, indents of full-width or ASCII spaces, CRLF sometimes.</summary>
    public static string PlainText(Report report, Draw d)
    {
        var blank = d.Chance(0.4);
        var indent = d.Weighted<string>([("　　", 0.5), ("  ", 0.1), ("", 0.4)]);
        var newline = d.Chance(0.3) ? "\r\n" : "\n";
        var text = new StringBuilder();
        foreach (var line in report.Lines)
        {
            var prefix = line.Role is Role.Body or Role.Heading ? indent : line.Role == Role.Title && d.Chance(0.3) ? "          " : "";
            text.Append(prefix).Append(line.Text).Append(newline);
            if (blank)
            {
                text.Append(newline);
            }
        }

        return text.ToString();
    }

    public static byte[] Utf8(string text, bool bom) =>
        bom ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);

    public static byte[] Gb18030(string text) => Encoding.GetEncoding("GB18030").GetBytes(text);

    public static string Html(Report report, Draw d)
    {
        var page = report.Page!;
        string E(string s) => WebUtility.HtmlEncode(s);
        var code = report.Bureau.Path.Leaf.Code + d.Between(1, 9999).ToString("0000", CultureInfo.InvariantCulture);
        var icp = $"{report.Bureau.Path.Province.ShortName[..1]}ICP备{d.Between(10000000, 99999999)}号";
        var published = report.Published!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var body = new StringBuilder();
        foreach (var line in report.Lines.Where(l => l.Role != Role.Title))
        {
            var text = E(line.Text.Trim());
            body.Append(line.Role switch
            {
                Role.Heading => $"<p style=\"text-indent:2em\"><strong>{text}</strong></p>\n",
                Role.Signature or Role.Date => $"<p style=\"text-align:right\">{text}</p>\n",
                Role.After => $"<p>{text}</p>\n",
                _ => $"<p style=\"text-indent:2em\">{text}</p>\n",
            });
        }

        var head = new StringBuilder();
        head.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
        head.Append($"<title>{E(page.Title)}_{E(page.SiteName)}</title>\n");
        head.Append($"<meta name=\"SiteName\" content=\"{E(page.SiteName)}\">\n");
        if (page.MetaDate)
        {
            head.Append($"<meta name=\"PubDate\" content=\"{published} 09:30\">\n<meta name=\"ArticleTitle\" content=\"{E(page.Title)}\">\n");
        }

        head.Append("<link rel=\"stylesheet\" href=\"/css/common.css\">\n</head>\n<body>\n");
        var crumb = E(page.Crumb ?? "");
        var foot1 = $"版权所有：{E(page.SiteName)}　主办：{E(page.SiteName)}办公室";
        var foot2 = $"网站标识码：{code}　{icp}";
        var menu = new[] { "首页", "政务公开", "政务服务", "互动交流", "走进" + E(report.Bureau.Leaf.ShortName) };
        var html = new StringBuilder(head.ToString());
        switch (page.Layout)
        {
            case "semantic":
                html.Append($"<header><div class=\"logo\">{E(page.SiteName)}</div><div class=\"search\"><input type=\"text\" placeholder=\"请输入关键字\"><button>搜索</button></div></header>\n");
                html.Append("<nav><ul>").Append(string.Concat(menu.Select(m => $"<li><a href=\"#\">{m}</a></li>"))).Append("</ul></nav>\n");
                html.Append($"<div class=\"crumb\">{crumb}</div>\n<article>\n<h1>{E(page.Title)}</h1>\n<div class=\"info\">{E(page.SourceLine)}</div>\n");
                html.Append("<div class=\"TRS_Editor\">\n").Append(body).Append("</div>\n</article>\n");
                html.Append("<div class=\"share\">分享到：<a href=\"#\">微信</a><a href=\"#\">微博</a></div>\n");
                html.Append($"<footer><p>{foot1}</p><p>{foot2}</p><div class=\"qr\"><img src=\"/img/qr.png\" alt=\"\">扫一扫在手机上打开当前页</div></footer>\n");
                break;
            case "container":
                // The portal's template puts the title and the 来源 line outside the article's own box (#zoom).
                html.Append($"<div class=\"top\"><div class=\"logo\">{E(page.SiteName)}</div></div>\n");
                html.Append("<div class=\"menu\">").Append(string.Concat(menu.Select(m => $"<a href=\"#\">{m}</a> "))).Append("</div>\n");
                html.Append($"<div class=\"crumb\">{crumb}</div>\n<div class=\"main\">\n<div class=\"title\">{E(page.Title)}</div>\n<div class=\"info\">{E(page.SourceLine)}</div>\n");
                html.Append("<div id=\"zoom\">\n").Append(body).Append("</div>\n");
                html.Append("<div class=\"tools\">【<a href=\"#\">打印本页</a>】【<a href=\"#\">关闭窗口</a>】</div>\n</div>\n");
                html.Append($"<div class=\"foot\"><p>{foot1}</p><p>{foot2}</p><p>扫一扫在手机上打开当前页</p></div>\n");
                break;
            default:
                // An old template: nothing but divs, no element the reader can recognise as the article.
                html.Append($"<div class=\"top\">{E(page.SiteName)}</div>\n");
                html.Append("<div class=\"menu\">").Append(string.Concat(menu.Select(m => $"<a href=\"#\">{m}</a> "))).Append("</div>\n");
                html.Append($"<div class=\"crumb\">{crumb}</div>\n<div class=\"title\">{E(page.Title)}</div>\n<div class=\"info\">{E(page.SourceLine)}</div>\n");
                html.Append("<div class=\"con\">\n").Append(body).Append("</div>\n");
                html.Append("<div class=\"share\">分享到：</div>\n");
                html.Append($"<div class=\"foot\"><p>{foot1}</p><p>{foot2}</p><p>扫一扫在手机上打开当前页</p></div>\n");
                break;
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>A .docx with one paragraph per line, the title centred, the signature and date to the right.</summary>
    public static byte[] Docx(Report report)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            // A fixed relationship id: the SDK would otherwise draw a random one for every file.
            var main = document.AddNewPart<MainDocumentPart>("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "rId1");
            var body = new Body();
            foreach (var line in report.Lines)
            {
                var properties = new ParagraphProperties();
                if (line.Role == Role.Title)
                {
                    properties.Append(new Justification { Val = JustificationValues.Center });
                }
                else if (line.Role is Role.Signature or Role.Date)
                {
                    properties.Append(new Justification { Val = JustificationValues.Right });
                }
                else if (line.Role is Role.Body or Role.Heading)
                {
                    properties.Append(new Indentation { FirstLine = "640" });
                }

                var font = line.Role == Role.Title ? "方正小标宋简体" : line.Role == Role.Heading ? "黑体" : "仿宋_GB2312";
                var run = new Run(
                    new RunProperties(new RunFonts { EastAsia = font, Ascii = font, HighAnsi = font }, new FontSize { Val = line.Role == Role.Title ? "44" : "32" }),
                    new Text(line.Text.Trim()) { Space = SpaceProcessingModeValues.Preserve });
                body.Append(new Paragraph(properties, run));
            }

            body.Append(new SectionProperties(new PageSize { Width = 11906, Height = 16838 }, new PageMargin { Top = 2098, Bottom = 1984, Left = 1587, Right = 1474 }));
            main.Document = new Document(body);
            main.Document.Save();
        }

        // The package's parts carry the time they were written; fix it, so a seed gives the same bytes every run.
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var entry in zip.Entries)
            {
                entry.LastWriteTime = FixedTime;
            }
        }

        return stream.ToArray();
    }

    /// <summary>A flat OpenDocument text (A4, Noto Sans CJK SC), for LibreOffice to print to PDF, with a running head and page numbers when asked.</summary>
    public static string FlatOdt(Report report, string? runningHead, string pageNumber)
    {
        string E(string s) => WebUtility.HtmlEncode(s);
        var paragraphs = new StringBuilder();
        foreach (var line in report.Lines)
        {
            var style = line.Role switch
            {
                Role.Title => "T",
                Role.Heading => "H",
                Role.Signature or Role.Date => "S",
                Role.Salutation or Role.After => "P",
                _ => "B",
            };
            paragraphs.Append($"   <text:p text:style-name=\"{style}\">{E(line.Text.Trim())}</text:p>\n");
        }

        var (before, after) = pageNumber switch
        {
            "dash" => ("— ", " —"),
            "hyphen" => ("- ", " -"),
            _ => ("第 ", " 页"),
        };
        var header = runningHead is null ? "" : $"<style:header><text:p text:style-name=\"Furniture\">{E(runningHead)}</text:p></style:header>";
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
              xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
              xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
              xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
              xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
              office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
             <office:font-face-decls>
              <style:font-face style:name="CJK" svg:font-family="'Noto Sans CJK SC'"/>
             </office:font-face-decls>
             <office:styles>
              <style:style style:name="Standard" style:family="paragraph">
               <style:text-properties style:font-name="CJK" style:font-name-asian="CJK" fo:font-size="12pt" style:font-size-asian="12pt"/>
              </style:style>
              <style:style style:name="B" style:family="paragraph" style:parent-style-name="Standard">
               <style:paragraph-properties fo:text-indent="24pt" fo:line-height="150%" fo:text-align="justify"/>
              </style:style>
              <style:style style:name="P" style:family="paragraph" style:parent-style-name="Standard">
               <style:paragraph-properties fo:line-height="150%"/>
              </style:style>
              <style:style style:name="H" style:family="paragraph" style:parent-style-name="Standard">
               <style:paragraph-properties fo:text-indent="24pt" fo:line-height="150%"/>
               <style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/>
              </style:style>
              <style:style style:name="T" style:family="paragraph" style:parent-style-name="Standard">
               <style:paragraph-properties fo:text-align="center" fo:margin-bottom="12pt"/>
               <style:text-properties fo:font-size="18pt" style:font-size-asian="18pt" fo:font-weight="bold" style:font-weight-asian="bold"/>
              </style:style>
              <style:style style:name="S" style:family="paragraph" style:parent-style-name="Standard">
               <style:paragraph-properties fo:text-align="end" fo:margin-right="24pt" fo:line-height="150%"/>
              </style:style>
              <style:style style:name="Furniture" style:family="paragraph" style:parent-style-name="Standard">
               <style:paragraph-properties fo:text-align="center"/>
               <style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/>
              </style:style>
             </office:styles>
             <office:automatic-styles>
              <style:page-layout style:name="A4">
               <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.6cm" fo:margin-right="2.6cm"/>
               <style:header-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-bottom="0.4cm"/></style:header-style>
               <style:footer-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-top="0.4cm"/></style:footer-style>
              </style:page-layout>
             </office:automatic-styles>
             <office:master-styles>
              <style:master-page style:name="Standard" style:page-layout-name="A4">
               {header}
               <style:footer><text:p text:style-name="Furniture">{before}<text:page-number text:select-page="current">1</text:page-number>{after}</text:p></style:footer>
              </style:master-page>
             </office:master-styles>
             <office:body>
              <office:text>
            {paragraphs}  </office:text>
             </office:body>
            </office:document>

            """;
    }
}
