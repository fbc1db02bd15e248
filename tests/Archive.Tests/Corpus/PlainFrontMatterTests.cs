using Archive.Tests.Support;
using YamlDotNet.RepresentationModel;
using Archive.Corpus;

namespace Archive.Tests.Corpus;

/// <summary>
/// The quick reader of front matter must read exactly what YamlDotNet reads, or decline (null) so that YamlDotNet
/// reads it: it never gives a different answer.
/// </summary>
public sealed class PlainFrontMatterTests
{
    public static TheoryData<string> Declined => new(
        "id: a\ntitle: 'single quoted'",
        "id: a # a comment",
        "# comment\nid: a",
        "id: [a, b]",
        "id: {a: b}",
        "id: &anchor a",
        "id: !tag a",
        "title: |\n  block",
        "title: \"unterminated",
        "title: \"a\" trailing",
        "title: \"bad \\x escape\"",
        "id: a\nid: b",
        "original:\n   path: three-space indent",
        "original:\n\tpath: tab",
        "removed:\n- same-indent item",
        "source: https://example.org/a",
        "title: 两个 词",
        "source:",
        "id: a\n  nested: under a scalar",
        "title: \"line\nfolded\"");

    public static TheoryData<string> Accepted => new(
        "id: a",
        "id: \"440303-hrss-2020\"\nyear: 2020\npublished: 2021-03-31\nreviewed: true",
        "title: \"含 \\\"引号\\\" 与 \\\\ 反斜杠\\t和\\u0001控制符\"",
        "original:\n  path: \"originals/a.docx\"\n  sha256: 0123abcd\n  encoding: \"GB18030\"\nreviewed: false",
        "inferred:\n  title:\n    value: \"标题\"\n    confidence: high\n    reason: \"the first line\"\n  year:\n    value: unknown\n    confidence: low\n    reason: \"\"",
        "removed:\n  - \"扫一扫在手机上打开当前页\"\n  - \"分享到:\"\n\nyear:   2020   ");

    [Theory]
    [MemberData(nameof(Declined))]
    public void Front_matter_outside_the_plain_form_is_left_to_YamlDotNet(string yaml) =>
        Assert.Null(PlainFrontMatter.TryParse(yaml.Split('\n')));

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Plain_front_matter_reads_as_YamlDotNet_reads_it(string yaml)
    {
        var plain = PlainFrontMatter.TryParse(yaml.Split('\n'));

        Assert.NotNull(plain);
        Assert.Equal(Canonical(YamlDotNetRead(yaml)), Canonical(plain));
    }

    [Fact]
    public void Every_shipped_report_and_every_report_import_writes_reads_as_YamlDotNet_reads_it()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepoPaths.Input, "reports"), "*.md").Select(File.ReadAllText).ToList();
        Assert.NotEmpty(files);
        foreach (var content in files)
        {
            var lines = content.Replace("\r\n", "\n").Split('\n');
            var close = Array.FindIndex(lines, 1, l => l.TrimEnd() == "---");
            var plain = PlainFrontMatter.TryParse(lines.AsSpan(1, close - 1));

            Assert.NotNull(plain);
            Assert.Equal(Canonical(YamlDotNetRead(string.Join('\n', lines[1..close]))), Canonical(plain));
        }
    }

    private static YamlNode YamlDotNetRead(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents[0].RootNode;
    }

    private static string Canonical(YamlNode node) => node switch
    {
        YamlScalarNode scalar => $"\"{scalar.Value?.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"",
        YamlSequenceNode sequence => $"[{string.Join(',', sequence.Children.Select(Canonical))}]",
        YamlMappingNode map => $"{{{string.Join(',', map.Children.Select(c => Canonical(c.Key) + ":" + Canonical(c.Value)))}}}",
        _ => throw new InvalidOperationException(node.GetType().Name),
    };
}
