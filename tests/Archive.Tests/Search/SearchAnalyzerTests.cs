using Lucene.Net.Analysis.TokenAttributes;
using Archive.Search.Lucene;

namespace Archive.Tests.Search;

public sealed class SearchAnalyzerTests
{
    private static List<(string Term, int Position, int Start, int End)> Tokens(string field, string text)
    {
        using var analyzer = new SearchAnalyzer();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var tokens = new List<(string, int, int, int)>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add((term.ToString(), position, offset.StartOffset, offset.EndOffset));
        }

        stream.End();
        return tokens;
    }

    [Fact]
    public void ExactFieldHasOneTokenPerCodePoint_TheBigramStartingThere_OrTheLastCodePointAlone()
    {
        var tokens = Tokens("exact", "2020年");

        Assert.Equal(
            [("20", 0), ("02", 1), ("20", 2), ("0年", 3), ("年", 4)],
            tokens.Select(t => (t.Term, t.Position)));
    }

    [Fact]
    public void ExactFieldNormalizesAndKeepsOriginalOffsets()
    {
        var tokens = Tokens("exact", "Ａ、𠀀b");

        Assert.Equal(
            [("a𠀀", 0, 0, 4), ("𠀀b", 1, 2, 5), ("b", 2, 4, 5)],
            tokens);
    }

    [Theory]
    [InlineData("农民工", false)]
    [InlineData("民工", true)]
    [InlineData("欠薪", true)]
    [InlineData("双随机一公开", false)]
    [InlineData("拖欠农民工工资", false)]
    [InlineData("机一", false)]
    [InlineData("wto", true)]
    [InlineData("", false)]
    public void A_term_is_boosted_only_when_the_dictionary_segments_it_as_one_word(string term, bool expected)
    {
        Assert.Equal(expected, WordSegmenter.IsOneWord(term));
    }
}
