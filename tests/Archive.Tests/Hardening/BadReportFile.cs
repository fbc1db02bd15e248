using Archive.Tests.Support;
using System.Text;

namespace Archive.Tests.Hardening;

/// <summary>
/// One bad file placed straight into input/reports/ beside a good report 'a-2020', and what the user must be told:
/// the file, the line where there is one, what is wrong and what to do.
/// </summary>
public sealed record BadReportFile(string Name, string File, Action<string> Write, int? Line, string Says, string Advice)
{
    public const int FiftyMegabytes = 50 * 1024 * 1024;

    // Initialized before All, which needs it: static fields initialize in the order they are written.
    private static readonly Encoding Gbk = GbkEncoding();

    public static IReadOnlyList<BadReportFile> All { get; } =
    [
        Bytes("GBK without a declaration", "gbk.md", Gbk.GetBytes(SampleInput.Report("gbk-2020")), 3, "is not UTF-8", "run 'archive import' on it"),
        Bytes("UTF-16 with a byte order mark", "utf16-bom.md", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(SampleInput.Report("u16b-2020"))).ToArray(), null, "is UTF-16, not UTF-8", "run 'archive import' on it"),
        Bytes("UTF-16 without a byte order mark", "utf16.md", Encoding.Unicode.GetBytes(SampleInput.Report("u16-2020")), null, "is UTF-16, not UTF-8", "run 'archive import' on it"),
        Bytes("UTF-16 big-endian without a byte order mark", "utf16be.md", Encoding.BigEndianUnicode.GetBytes(SampleInput.Report("u16be-2020")), null, "is UTF-16, not UTF-8", "run 'archive import' on it"),
        InvalidUtf8(),
        Bytes("binary", "binary.md", Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), null, "is binary, not text", "bring documents in with 'archive import'"),
        Text("empty", "empty.md", "", 1, "must start with a '---' line", "opening the front matter"),
        Text("only whitespace", "blank.md", " \n\t\n\u3000\n   \n", 1, "must start with a '---' line", "opening the front matter"),
        new("a 50 MB text", "huge.md", WriteHuge, null, "is 50 MB, far larger than any report", "check it is the right file"),
        Text("front matter not closed", "open.md", "---\nid: open-2020\ntitle: 标题\nbureau: 440303-hrss\nyear: 2020\n\n正文第一段。\n", 1, "front matter opened here is never closed", "add a '---' line"),
        Text("year: [2020]", "year-list.md", SampleInput.Report("yl-2020", year: "[2020]"), 5, "'year:' must be a single value", "not a list or a map"),
        Text("title: {a: b}", "title-map.md", SampleInput.Report("tm-2020").Replace("title: \"440303-hrss 2020年法治政府建设年度报告\"", "title: {a: b}", StringComparison.Ordinal), 3, "'title:' must be a single value", "not a list or a map"),
        Text("unknown bureau", "stranger.md", SampleInput.Report("st-2020", bureau: "no-such-bureau"), 4, "bureau 'no-such-bureau' is not in input/bureaus.yml", "add it there"),
        Text("year 0", "year-0.md", SampleInput.Report("y0-2020", year: "0"), 5, "year '0' is not a year", "write the year the report covers with four digits"),
        Text("year 20200", "year-20200.md", SampleInput.Report("y5-2020", year: "20200"), 5, "year '20200' is not a year", "write the year the report covers with four digits"),
        Text("year 二〇二〇", "year-cn.md", SampleInput.Report("ycn-2020", year: "二〇二〇"), 5, "year '二〇二〇' is not a year", "write the year the report covers with four digits"),
        Text("date 2020-02-30", "feb-30.md", SampleInput.Report("f30-2020", published: "2020-02-30"), 6, "published '2020-02-30' is not a date", "write it as YYYY-MM-DD"),
        Text("two reports with one id", "b.md", SampleInput.Report("a-2020"), 2, "id 'a-2020' is also used by input/reports/a.md", "every report needs its own id"),
        Text("an id with ../", "up.md", SampleInput.Report("../evil"), 2, "id '../evil' may only hold letters, digits", "write e.g. 440303-hrss-2020"),
        Text("an id with /", "slash.md", SampleInput.Report("reports/x"), 2, "id 'reports/x' may only hold letters, digits", "write e.g. 440303-hrss-2020"),
    ];

    public static BadReportFile Named(string name) => All.Single(b => b.Name == name);

    public string Display => "input/reports/" + File;

    /// <summary>What the message starts with: the file, and its line where there is one.</summary>
    public string Location => Line is int line ? $"{Display}:{line}: " : $"{Display}: ";

    public override string ToString() => Name;

    private static Encoding GbkEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GBK");
    }

    private static BadReportFile Text(string name, string file, string text, int? line, string says, string advice) =>
        Bytes(name, file, new UTF8Encoding(false).GetBytes(text), line, says, advice);

    private static BadReportFile Bytes(string name, string file, byte[] bytes, int? line, string says, string advice) =>
        new(name, file, path => System.IO.File.WriteAllBytes(path, bytes), line, says, advice);

    // A report with three bytes that are never valid in UTF-8 in its second paragraph: the message names that line.
    private static BadReportFile InvalidUtf8()
    {
        var text = SampleInput.Report("bad8-2020", body: "第一段。\n第二段@。");
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var utf8 = new UTF8Encoding(false);
        var bytes = utf8.GetBytes(text[..at]).Concat(new byte[] { 0xFF, 0xC0, 0xFE }).Concat(utf8.GetBytes(text[(at + 1)..])).ToArray();
        return Bytes("invalid UTF-8", "bad-utf8.md", bytes, 1 + text[..at].Count(c => c == '\n'), "is not UTF-8", "run 'archive import' on it");
    }

    // Valid front matter, then a little over 50 MB of real-looking paragraphs, streamed so the test itself stays small.
    private static void WriteHuge(string path)
    {
        using var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        file.Write(SampleInput.Report("huge-2020"));
        var line = string.Concat(Enumerable.Repeat("我局认真开展了年度法治政府建设工作，坚持依法行政。", 40)) + "\n";
        for (long written = 0; written <= FiftyMegabytes; written += Encoding.UTF8.GetByteCount(line))
        {
            file.Write(line);
        }
    }
}
