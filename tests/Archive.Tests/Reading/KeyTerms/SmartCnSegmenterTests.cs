using System.Text.Json;
using Archive.Reading.KeyTerms;
using Archive.Tests.Support;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Archive.Tests.Reading.KeyTerms;

/// <summary>
/// The project's model of SmartCn, which confirms key terms, against Lucene.Net's SmartChineseAnalyzer itself: the
/// same tokens of Chinese characters on the national work reports, and the same verdict on words whose fate depends
/// on their neighbours.
/// </summary>
public class SmartCnSegmenterTests
{
    [Fact]
    public void Segments_the_national_work_reports_as_SmartChineseAnalyzer_does()
    {
        var texts = File.ReadLines(Path.Combine(RepoPaths.Fixtures, "national", "sample.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("content").GetString()!).ToList();
        var (theirs, ours) = (0, 0);
        var differences = new List<string>();
        foreach (var text in texts)
        {
            var expected = AnalyzerWords(text);
            var actual = ModelWords(text);
            (theirs, ours) = (theirs + expected.Count, ours + actual.Count);
            differences.AddRange(actual.Except(expected).Concat(expected.Except(actual)).Select(s => text[s.Start..s.End]));
        }

        Assert.True(theirs > 50_000, $"only {theirs} words");
        Assert.True(differences.Count <= theirs / 10_000, $"{differences.Count} of {theirs} words differ: {string.Join(" ", differences.Take(20))}");
    }

    [Theory]
    [InlineData("拖欠农民工工资", "农民工", true)]
    [InlineData("拖欠农民工工资", "民工", false)]
    [InlineData("我局认真履行新世纪新阶段的历史使命。", "新世纪", false)]
    [InlineData("我局认真履行新世纪新阶段的历史使命。", "世纪", true)]
    [InlineData("央行宣布降息。", "降息", false)]
    [InlineData("今年全面降息", "降息", true)]
    public void Confirms_a_word_only_where_SmartCn_makes_it_one_token(string text, string word, bool expected)
    {
        Assert.Equal(expected, SmartCnSegmenter.Current.IsWordAt(text, text.IndexOf(word, StringComparison.Ordinal), word.Length));
        Assert.Equal(expected, AnalyzerWords(text).Any(s => text[s.Start..s.End] == word));
    }

    private static HashSet<(int Start, int End)> AnalyzerWords(string text)
    {
        using var analyzer = new SmartChineseAnalyzer(LuceneVersion.LUCENE_48);
        using var stream = analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var words = new HashSet<(int, int)>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            if (term.ToString().All(WordTrie.IsHan))
            {
                words.Add((offset.StartOffset, offset.EndOffset));
            }
        }

        stream.End();
        return words;
    }

    private static HashSet<(int Start, int End)> ModelWords(string text)
    {
        var words = new HashSet<(int, int)>();
        var from = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || SmartCnSegmenter.EndsSentence(text[i]))
            {
                SmartCnSegmenter.Current.Segment(text, from, Math.Min(text.Length, i + 1), (start, end) => words.Add((start, end)));
                from = i + 1;
            }
        }

        return words;
    }
}
