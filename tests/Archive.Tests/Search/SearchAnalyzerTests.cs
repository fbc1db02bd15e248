using Archive.Search;
using Lucene.Net.Analysis.TokenAttributes;

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
    public void ExactFieldHasEveryCodePointWithTheBigramStartingThereAtTheSamePosition()
    {
        var tokens = Tokens("exact", "2020年");

        Assert.Equal(
            [("2", 0), ("20", 0), ("0", 1), ("02", 1), ("2", 2), ("20", 2), ("0", 3), ("0年", 3), ("年", 4)],
            tokens.Select(t => (t.Term, t.Position)));
    }

    [Fact]
    public void ExactFieldNormalizesAndKeepsOriginalOffsets()
    {
        var tokens = Tokens("exact", "Ａ、𠀀b");

        Assert.Equal(
            [("a", 0, 0, 1), ("a𠀀", 0, 0, 4), ("𠀀", 1, 2, 4), ("𠀀b", 1, 2, 5), ("b", 2, 4, 5)],
            tokens);
    }

    [Theory]
    [InlineData("拖欠农民工工资", "民工", false)]
    [InlineData("拖欠农民工工资", "农民工", true)]
    [InlineData("推进双随机、一公开监管", "双随机一公开", true)]
    [InlineData("推进双随机、一公开监管", "机一", false)]
    [InlineData("拖欠农民\n工工资", "民工", false)]
    [InlineData("拖欠农民\n工工资", "农民", true)]
    [InlineData("2020年WTO规则", "wto", true)]
    public void A_hit_is_on_word_boundaries_where_its_clause_segments_so_or_where_something_was_dropped(string original, string term, bool expected)
    {
        var text = TextNormalizer.Normalize(original);
        var start = text.Text.IndexOf(term, StringComparison.Ordinal);

        Assert.True(start >= 0);
        Assert.Equal(expected, WordSegmenter.OnWordBoundaries(text, original, start, term.Length));
    }

    [Fact]
    public void A_clause_is_segmented_as_it_would_be_alone_so_a_chunk_sees_the_same_boundaries_as_the_report()
    {
        const string clause = "依法处理拖欠农民工工资案件";
        var alone = TextNormalizer.Normalize(clause);
        var embedded = "前文。" + clause + "，后文";
        var inside = TextNormalizer.Normalize(embedded);

        for (var p = 1; p < clause.Length; p++)
        {
            Assert.Equal(WordSegmenter.IsBoundary(alone, clause, p), WordSegmenter.IsBoundary(inside, embedded, p + 2));
        }
    }
}
