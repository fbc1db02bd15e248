using System.Net;
using System.Security.Cryptography;
using System.Text;
using Archive.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Archive.Tests.Collect;

/// <summary>
/// A government portal on 127.0.0.1, made from the seed reports as such portals present them: a 法治政府建设 column of
/// two pages, report pages in the portal's chrome (one in GBK), reports published as a PDF or a Word attachment, a
/// robots.txt that closes a path, a page that answers 503 before 200, a chain of 301s, a redirect loop, a slow answer,
/// an oversized one, and a "页面不存在" page sent with 200. Every 200 carries an ETag and a Last-Modified and a matching
/// conditional request gets 304, as nginx does. Started on a free port, stopped on dispose, and bounded in requests.
/// </summary>
public sealed class BureauSite : IDisposable
{
    public const string Column = "/fzzfjs/index.html";
    public const string Portal = "某市人民政府门户网站";

    // A test gone wrong gets 503s past this many requests, not an endless crawl.
    private const int MaxRequests = 600;

    private static readonly DateTimeOffset Modified = new(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;
    private readonly Dictionary<string, Func<int, Answer>> _routes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _asked = new(StringComparer.Ordinal);
    private readonly List<Hit> _hits = [];

    static BureauSite() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public BureauSite()
    {
        static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(RepoPaths.Fixtures, name));

        foreach (var seed in Seeds)
        {
            var text = Encoding.UTF8.GetString(Fixture("seeds/" + seed.File));
            switch (seed.Form)
            {
                case Form.Page:
                    Page(seed.Path, ReportPage(seed, Article(text, seed.Title), []));
                    break;
                case Form.GbkPage:
                    var gbk = Encoding.GetEncoding("GBK");
                    Set(seed.Path, _ => new Answer(200, "text/html; charset=GBK", gbk.GetBytes(ReportPage(seed, Article(text, seed.Title), []).Replace("charset=\"utf-8\"", "charset=\"gb2312\"", StringComparison.Ordinal))));
                    break;
                case Form.PdfAttachment or Form.WordAttachment:
                    var pdf = seed.Form == Form.PdfAttachment;
                    var attachment = seed.Attachment!;
                    var page = ReportPage(seed, "<p>根据《法治政府建设与责任落实督察工作规定》，现将本单位年度报告予以公开，详见附件。</p>", [(attachment, seed.Title + (pdf ? ".pdf" : ".doc"))]);
                    if (pdf)
                    {
                        Page(seed.Path, page);
                    }
                    else
                    {
                        // The page is busy the first time it is asked for, as portals are under load.
                        Set(seed.Path, n => n == 1
                            ? new Answer(503, "text/html; charset=utf-8", Encoding.UTF8.GetBytes("<h1>503 Service Temporarily Unavailable</h1>")) { Headers = { ["Retry-After"] = "1" } }
                            : new Answer(200, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(page)));
                    }

                    var bytes = Fixture("printed/" + Path.ChangeExtension(seed.File, pdf ? ".pdf" : ".doc"));
                    Set(attachment, _ => new Answer(200, pdf ? "application/pdf" : "application/octet-stream", bytes));
                    break;
                case Form.MovedPage:
                    Page(seed.Path, ReportPage(seed, Article(text, seed.Title), []));
                    Redirect("/old/fzzfjs/8999.html", "/moved/8999.html", 301);
                    Redirect("/moved/8999.html", seed.Path, 301);
                    break;
            }
        }

        Set("/robots.txt", _ => new Answer(200, "text/plain", Encoding.UTF8.GetBytes("# 本站机器人协议\nUser-agent: *\nDisallow: /private/\n\nUser-agent: BadBot\nDisallow: /\n")));
        Page(Column, ListingPage(1));
        Page("/fzzfjs/index_1.html", ListingPage(2));
        Page("/fzzfjs/2019/t20200106_7001.html", "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>页面不存在</title></head><body><h1>抱歉，您访问的页面不存在或已被删除！</h1><p><a href=\"/\">返回首页</a></p></body></html>");
        Page("/private/t20210301_1.html", ReportPage(Seeds[0], "<p>内部资料。</p>", []));
        Redirect("/loop/a.html", "/loop/b.html", 302);
        Redirect("/loop/b.html", "/loop/a.html", 302);
        _app = Start();
        Url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
    }

    /// <summary>How a seed is published on the portal.</summary>
    public enum Form
    {
        Page,
        GbkPage,
        PdfAttachment,
        WordAttachment,
        MovedPage,
    }

    /// <summary>The five seed reports, each as the portal publishes it.</summary>
    public static IReadOnlyList<Seed> Seeds { get; } =
    [
        new("000_6c1e8e7a459a068c.txt", "深圳市罗湖区人力资源局2020年法治政府建设年度报告", "罗湖区人力资源局", "2020-12-17", "/fzzfjs/2020/t20201217_8123.html", Form.Page),
        new("001_cd0fd2eb8dd78658.txt", "天津市河东区人力资源和社会保障局2023年法治政府建设年度报告", "河东区人力资源和社会保障局", "2024-01-15", "/fzzfjs/2024/t20240115_9001.html", Form.PdfAttachment) { Attachment = "/fzzfjs/2024/P020240115_9001.pdf" },
        new("002_ec155288a3a6001e.txt", "湖州市吴兴区人力资源和社会保障局2020年法治政府建设年度报告", "吴兴区人力资源和社会保障局", "2021-01-08", "/fzzfjs/2021/t20210108_8456.html", Form.GbkPage),
        new("003_cb33229cfe6db992.txt", "广州市海珠区人力资源和社会保障局2021年法治政府建设年度报告", "海珠区人力资源和社会保障局", "2021-11-23", "/fzzfjs/2021/t20211123_8789.html", Form.WordAttachment) { Attachment = "/fzzfjs/2021/P020211123_8789.doc" },
        new("004_bf76a7a4269b246c.txt", "佛山市人力资源和社会保障局2020年法治政府建设年度报告", "佛山市人力资源和社会保障局", "2020-12-22", "/fzzfjs/2020/t20201222_8999.html", Form.MovedPage),
    ];

    public string Url { get; }

    /// <summary>Every request the site answered, in order.</summary>
    public IReadOnlyList<Hit> Hits
    {
        get
        {
            lock (_hits)
            {
                return [.. _hits];
            }
        }
    }

    /// <summary>Serves <paramref name="path"/> as the route gives it (the argument is how many times it was asked, from 1).</summary>
    public void Set(string path, Func<int, Answer> route)
    {
        lock (_routes)
        {
            _routes[path] = route;
        }
    }

    public void Page(string path, string html) => Set(path, _ => new Answer(200, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(html)));

    public void Remove(string path)
    {
        lock (_routes)
        {
            _routes.Remove(path);
        }
    }

    /// <summary>A page that answers only after <paramref name="wait"/> (or when the client gives up).</summary>
    public void Slow(string path, TimeSpan wait) => Set(path, _ => new Answer(200, "text/html; charset=utf-8", Encoding.UTF8.GetBytes("<html><body><p>迟到的回答</p></body></html>")) { Wait = wait });

    /// <summary>A page of <paramref name="bytes"/> bytes sent without a Content-Length, so only counting what arrives can stop it.</summary>
    public void Huge(string path, int bytes) => Set(path, _ => new Answer(200, "text/html; charset=utf-8", new byte[bytes]) { Streamed = true });

    public void Dispose()
    {
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>A report page in the portal's chrome: header and navigation, breadcrumb, the article with its source line, footer.</summary>
    public static string ReportPage(Seed seed, string article, IReadOnlyList<(string Href, string Text)> attachments)
    {
        var links = string.Concat(attachments.Select(a => $"<p>附件：<a href=\"{a.Href}\">{WebUtility.HtmlEncode(a.Text)}</a></p>"));
        return $"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8">
            <title>{seed.Title}_{Portal}</title>
            <link rel="canonical" href="https://www.example.gov.cn{seed.Path}">
            <meta name="ArticleTitle" content="{seed.Title}"><meta name="PubDate" content="{seed.Published} 09:30">
            </head><body>
            <header><div class="logo">{Portal}</div><nav><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="{Column}">法治政府建设</a> <a href="/files/2023年政府信息公开工作年度报告.pdf">政府信息公开年报</a></nav></header>
            <div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="{Column}">法治政府建设</a></div>
            <div class="article">
            <h1>{seed.Title}</h1>
            <div class="info">来源：{seed.Source}　发布时间：{seed.Published}　【字体：大 中 小】</div>
            <div class="content">
            {article}
            {links}
            </div>
            <div class="share">分享到：微信 微博 【打印本页】 【关闭窗口】</div>
            </div>
            <footer><p>主办单位：某市人民政府办公室　网站标识码：4403000001　ICP备案号：粤ICP备12345678号</p></footer>
            </body></html>
            """;
    }

    // The seed's lines as paragraphs, its own title line left out (the page's heading says it).
    private static string Article(string text, string title) => string.Concat(text.Replace("\r\n", "\n").Split('\n')
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && l.Replace(" ", "") != title)
        .Select(l => $"<p>{WebUtility.HtmlEncode(l)}</p>\n"));

    // Page 1 lists three reports, an unrelated notice and the next page; page 2 lists the rest, a second link to a
    // report of page 1, a path robots.txt closes, a report that was taken down, a redirect loop, and a link back.
    private static string ListingPage(int number)
    {
        (string Href, string Text)[] items = number == 1
            ?
            [
                (Seeds[0].Path, Seeds[0].Title),
                (Seeds[1].Path, Seeds[1].Title),
                ("/fzzfjs/2021/t20210301_8500.html", "关于开展2021年度安全生产大检查的通知"),
                (Seeds[2].Path, Seeds[2].Title),
            ]
            :
            [
                (Seeds[3].Path, Seeds[3].Title),
                ("/old/fzzfjs/8999.html", Seeds[4].Title),
                (Seeds[0].Path, Seeds[0].Title + "（转载）"),
                ("/private/t20210301_1.html", "内部：2021年法治政府建设情况报告（征求意见稿）"),
                ("/fzzfjs/2019/t20200106_7001.html", "某区司法局2019年法治政府建设年度报告"),
                ("/loop/a.html", "某区市场监督管理局2022年法治政府建设年度报告"),
            ];
        var list = string.Concat(items.Select(i => $"<li><a href=\"{i.Href}\" title=\"{i.Text}\">{WebUtility.HtmlEncode(i.Text.Length > 24 ? i.Text[..24] + "..." : i.Text)}</a><span>2024-01-15</span></li>\n"));
        var pager = number == 1
            ? "<a href=\"/fzzfjs/index_1.html\">下一页</a> <a href=\"/fzzfjs/index_1.html\">尾页</a>"
            : $"<a href=\"{Column}\">首页</a> <a href=\"{Column}\">上一页</a>";
        return $"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>法治政府建设_{Portal}</title></head><body>
            <header><div class="logo">{Portal}</div><nav><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/zwgk/fzzfjs/2023年度法治政府建设工作要点.html">2023年度法治政府建设工作要点及情况说明</a></nav></header>
            <div class="list"><h2>法治政府建设</h2><ul>
            {list}
            </ul><div class="pager">共2页 {pager}</div></div>
            <footer>主办单位：某市人民政府办公室</footer>
            </body></html>
            """;
    }

    private void Redirect(string from, string to, int status) => Set(from, _ => new Answer(status, "text/html", []) { Headers = { ["Location"] = to } });

    private WebApplication Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // Port 0: Kestrel takes a free port from the OS and holds it from then on.
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(AnswerAsync);
        app.StartAsync().GetAwaiter().GetResult();
        return app;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var path = Uri.UnescapeDataString(context.Request.Path.Value ?? "/");
        Func<int, Answer>? route;
        int asked;
        lock (_routes)
        {
            asked = _asked[path] = _asked.GetValueOrDefault(path) + 1;
            route = _routes.GetValueOrDefault(path);
        }

        var answer = route?.Invoke(asked) ?? new Answer(404, "text/html; charset=utf-8", Encoding.UTF8.GetBytes("<h1>404 Not Found</h1>"));
        var tooMany = false;
        lock (_hits)
        {
            tooMany = _hits.Count >= MaxRequests;
        }

        if (tooMany)
        {
            answer = new Answer(503, "text/plain", []);
        }

        var etag = "\"" + Convert.ToHexStringLower(SHA1.HashData(answer.Body))[..16] + "\"";
        var notModified = answer.Status == 200 && !answer.Streamed && context.Request.Headers.IfNoneMatch.ToString() == etag;
        var status = notModified ? 304 : answer.Status;
        lock (_hits)
        {
            _hits.Add(new Hit(DateTimeOffset.UtcNow, path, status, context.Request.Headers.UserAgent.ToString(), context.Request.Headers.IfNoneMatch.ToString(), context.Request.Headers.IfModifiedSince.ToString()));
        }

        if (answer.Wait > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(answer.Wait, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = status;
        foreach (var (name, value) in answer.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (answer.Status == 200 && !answer.Streamed)
        {
            context.Response.Headers.ETag = etag;
            context.Response.Headers.LastModified = Modified.ToString("R");
        }

        if (notModified)
        {
            return;
        }

        context.Response.ContentType = answer.ContentType;
        if (answer.Streamed)
        {
            // Chunked, with no Content-Length: the client learns the size only by reading.
            for (var sent = 0; sent < answer.Body.Length && !context.RequestAborted.IsCancellationRequested; sent += 65536)
            {
                await context.Response.Body.WriteAsync(answer.Body.AsMemory(sent, Math.Min(65536, answer.Body.Length - sent)), context.RequestAborted);
            }

            return;
        }

        if (answer.Truncated)
        {
            context.Response.ContentLength = answer.Body.Length * 2;
            await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            context.Abort();
            return;
        }

        context.Response.ContentLength = answer.Body.Length;
        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
    }

    /// <summary>A seed report as the portal publishes it: title, source line, date, its page's path and its attachment.</summary>
    public sealed record Seed(string File, string Title, string Source, string Published, string Path, Form Form)
    {
        public string? Attachment { get; init; }
    }

    /// <summary>What the site answers to one request.</summary>
    public sealed record Answer(int Status, string ContentType, byte[] Body)
    {
        public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

        public TimeSpan Wait { get; init; }

        public bool Streamed { get; init; }

        /// <summary>Announces twice the length it sends, then drops the connection: a body cut off mid-stream.</summary>
        public bool Truncated { get; init; }
    }

    /// <summary>One request as the site saw it.</summary>
    public sealed record Hit(DateTimeOffset At, string Path, int Status, string UserAgent, string IfNoneMatch, string IfModifiedSince);
}
