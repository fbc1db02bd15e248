using Archive.Tests.Support;
using System.Text.Json;
using Archive.Corpus;
using Archive.Search.Contract;

namespace Archive.Tests.SearchClient;

/// <summary>normalize.js (browser) and TextNormalizer (C#) give the same text and offsets, code point for code point.</summary>
public class NormalizerParityTests
{
    private sealed record Normalized(string Text, int[] Offsets);

    public static readonly string[] Tricky =
    [
        "",
        "双随机、一公开",
        "拖欠农民\n工工资",
        "ＷＴＯ规则 ＡＢＣａｂｃ０１２３",
        "Ｈｅｌｌｏ，Ｗｏｒｌｄ！～＂＇",
        "二〇二〇年 〇〇七",
        "MiXeD Case ÄÖÜ äöü İı ß Σσς",
        "𠀀𠀁 a𠀀b 𪚥 𝟘𝟙 𝐀",
        "😀 emoji 👩‍👩‍👧 🇨🇳 ☃︎",
        "e\u0301 a\u0308 \u0915\u093f \u0e01\u0e34 combining",
        "line\r\nbreak\u2028sep\u2029para\u0085nel\ttab\u3000ideographic\u00a0nbsp",
        "①②③ Ⅻ ½ ¹²³ ٣ ৪",
        "\ud800 lone \udc00 surrogates \ud800x",
        "\u200b\u200c\u200d\ufeff zero width",
        "《中华人民共和国劳动合同法》“共性学法清单”（一）1.",
        "ｰ ･ ｶﾞ ﾟ half-width katakana",
    ];

    [Fact]
    public void Normalizing_the_whole_shipped_corpus_agrees_with_the_CSharp_normalizer()
    {
        var corpus = new CorpusReader().ReadValid(RepoPaths.Input);
        var texts = corpus.Reports.Select(r => SearchableText.Of(r).Joined).Concat(NationalReportTexts()).ToList();

        AssertSameAsCSharp(texts);
    }

    [Fact]
    public void Normalizing_tricky_strings_agrees_with_the_CSharp_normalizer()
    {
        AssertSameAsCSharp(Tricky);
    }

    private static void AssertSameAsCSharp(IReadOnlyList<string> texts)
    {
        var fromJs = NodeScript.Run<List<Normalized>>("normalize-cli.mjs", texts);

        Assert.Equal(texts.Count, fromJs.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            var expected = TextNormalizer.Normalize(texts[i]);
            var label = texts[i].Length > 40 ? texts[i][..40] + "…" : texts[i];
            Assert.True(expected.Text == fromJs[i].Text, $"text {i} ({label}): C# and JS normalize differently");
            var offsets = Enumerable.Range(0, expected.Length).Select(expected.SourceOffset).ToArray();
            Assert.True(offsets.SequenceEqual(fromJs[i].Offsets), $"text {i} ({label}): offsets differ");
        }
    }

    private static IEnumerable<string> NationalReportTexts() =>
        File.ReadLines(Path.Combine(RepoPaths.Fixtures, "national", "sample.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .SelectMany(record => new[] { record.GetProperty("title").GetString()!, record.GetProperty("content").GetString()! });
}
