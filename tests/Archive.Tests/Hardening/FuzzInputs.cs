using Archive.Tests.Support;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Archive.Tests.Hardening;

/// <summary>A report-like text: real report lines mixed with page chrome, hostile markup, odd Unicode and broken lines.</summary>
public sealed record RawText(string Value)
{
    public override string ToString() => Value.Length > 300 ? Value[..300] + $"… ({Value.Length} chars)" : Value;
}

/// <summary>The bytes of a raw text in some encoding, then mutated (bytes flipped, inserted, deleted, cut off).</summary>
public sealed record RawBytes(byte[] Value, string Recipe)
{
    public override string ToString() => $"{Recipe}, {Value.Length} bytes";
}

/// <summary>A search box entry: terms, quotes, minus signs, OR, separators and any other characters.</summary>
public sealed record QueryText(string Value)
{
    public override string ToString() => Value;
}

/// <summary>FsCheck generators for the fuzz tests; registered on each property with Arbitrary = [typeof(FuzzInputs)].</summary>
public static class FuzzInputs
{
    private static readonly string[] SeedLines = Directory.EnumerateFiles(Path.Combine(RepoPaths.Fixtures, "seeds"), "*.txt")
        .Order(StringComparer.Ordinal)
        .SelectMany(File.ReadAllLines)
        .Where(l => l.Trim().Length > 0)
        .ToArray();

    private static readonly string[] Chrome =
    [
        "扫一扫在手机上打开当前页", "分享到：微信 微博 QQ空间", "【打印本页】【关闭窗口】", "字体：大 中 小", "来源：罗湖区人力资源局",
        "发布时间：2020-12-17 09:30", "上一篇：关于开展2021年度法治宣传的通知", "粤ICP备12345678号", "知识图谱", "Public domain",
        "深圳市罗湖区人民政府", "深圳市罗湖区人力资源局文件", "浏览次数：", "您当前的位置：首页 > 政务公开",
    ];

    private static readonly string[] Hostile =
    [
        "<script>window.__pwned=1</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "{{ site.title }}", "{% raw %}{% endraw %}",
        "&lt;b&gt;&amp;", "\u202Eevil\u202C", "a\u200Bb\u200Cc\u200Dd", "\uFEFF", "ＷＴＯ全角ＡＢＣ１２３", "𠀀𠀁𪚥", "---", "title: x", "一、", "（一）", "1.",
        "\"引号\"", "-排除", "OR", "\u0301\u0301", "\uD800", "\uDC00", "\t\u3000\u00A0",
    ];

    private static readonly string Alphabet =
        "的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要她出也得里后自以会家可下而过天去能对小多然于心学么之都好看起发当没成只如事把还用第样道想作种开美总从无情己面最女但现前些所同日手又行意动方期它头经长儿回位分爱老因很给名法间斯知世什两次使身者被高已亲其进此话常与活正感"
        + "abcdefgXYZ0123456789 \t，。、；：？！…—（）《》“”‘’【】·％＠ＡＢＣａｂｃ０１２３\u3000\u00A0\u200B\u202E\u2028<>&\"'{}%/\\-";

    public static Arbitrary<RawText> Texts() => TextGen.Select(t => new RawText(t)).ToArbitrary();

    public static Arbitrary<RawBytes> Bytes() =>
        (from text in TextGen
         from encoding in Gen.Elements("utf-8", "utf-8-bom", "utf-16le", "utf-16be-bom", "utf-16le-bom", "gb18030")
         from mutations in Gen.ListOf(Mutation).Resize(4)
         select Mutate(Encode(text, encoding), encoding, mutations)).ToArbitrary();

    public static Arbitrary<QueryText> Queries() =>
        Gen.ListOf(Gen.Frequency(
                (4, Gen.Elements(Alphabet.ToCharArray()).ArrayOf().Select(c => new string(c))),
                (2, Gen.Elements("OR", "\"", "“", "”", "＂", "-", "－", " ", "\u3000", "\"\"", "-\"", "OR OR", "- -")),
                (2, Gen.Elements(Hostile)),
                (1, ArbMap.Default.GeneratorFor<string>().Where(s => s is not null))))
            .Select(parts => new QueryText(string.Concat(parts)))
            .ToArbitrary();

    /// <summary>Any string at all, including lone surrogates and control characters, or one from the report alphabet.</summary>
    public static Arbitrary<string> Strings() =>
        Gen.Frequency(
                (2, ArbMap.Default.GeneratorFor<string>().Where(s => s is not null)),
                (2, Gen.Elements(Alphabet.ToCharArray()).ArrayOf().Select(c => new string(c))),
                (1, TextGen))
            .ToArbitrary();

    private static Gen<string> TextGen =>
        from lines in Gen.NonEmptyListOf(Line).Resize(40)
        from breaks in Gen.Elements("\n", "\r\n", "\n\n", "\r")
        select string.Join(breaks, lines);

    private static Gen<string> Line => Gen.Frequency(
        (6, Gen.Elements(SeedLines)),
        (2, Gen.Elements(Chrome)),
        (2, Gen.Elements(Hostile)),
        (2, Gen.Elements(Alphabet.ToCharArray()).ArrayOf().Select(c => new string(c))),
        (2, from line in Gen.Elements(SeedLines) from at in Gen.Choose(0, 100) select BreakLine(line, at)));

    // A line broken in the middle of a sentence, as scrapes and wiki links leave them.
    private static string BreakLine(string line, int percent)
    {
        var at = line.Length * percent / 100;
        return char.IsLowSurrogate(line, Math.Min(at, line.Length - 1)) ? line : line[..at] + "\n" + line[at..];
    }

    private static Gen<(int Kind, int Position, byte Value)> Mutation =>
        from kind in Gen.Choose(0, 3)
        from position in Gen.Choose(0, int.MaxValue)
        from value in Gen.Choose(0, 255)
        select (kind, position, (byte)value);

    private static byte[] Encode(string text, string encoding)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return encoding switch
        {
            "utf-8" => new UTF8Encoding(false).GetBytes(text),
            "utf-8-bom" => [0xEF, 0xBB, 0xBF, .. new UTF8Encoding(false).GetBytes(text)],
            "utf-16le" => new UnicodeEncoding(false, false).GetBytes(text),
            "utf-16le-bom" => [0xFF, 0xFE, .. new UnicodeEncoding(false, false).GetBytes(text)],
            "utf-16be-bom" => [0xFE, 0xFF, .. new UnicodeEncoding(true, false).GetBytes(text)],
            _ => Encoding.GetEncoding("GB18030").GetBytes(text),
        };
    }

    private static RawBytes Mutate(byte[] bytes, string encoding, IEnumerable<(int Kind, int Position, byte Value)> mutations)
    {
        var result = bytes.ToList();
        var recipe = new StringBuilder(encoding);
        foreach (var (kind, position, value) in mutations)
        {
            var at = result.Count == 0 ? 0 : position % result.Count;
            switch (kind)
            {
                case 0 when result.Count > 0:
                    result[at] ^= (byte)(1 << (value % 8));
                    recipe.Append($" flip@{at}");
                    break;
                case 1:
                    result.Insert(at, value);
                    recipe.Append($" insert {value:x2}@{at}");
                    break;
                case 2 when result.Count > 0:
                    result.RemoveAt(at);
                    recipe.Append($" delete@{at}");
                    break;
                case 3:
                    result.RemoveRange(at, result.Count - at);
                    recipe.Append($" cut@{at}");
                    break;
            }
        }

        return new RawBytes([.. result], recipe.ToString());
    }
}
