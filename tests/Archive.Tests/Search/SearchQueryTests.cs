using Archive.Search.Contract;

namespace Archive.Tests.Search;

public sealed class SearchQueryTests
{
    private static string Shape(SearchQuery query) =>
        string.Join(" AND ", query.Clauses.Select(c => string.Join("|", c.Alternatives.Select(t => t.Normalized))))
        + string.Concat(query.Excluded.Select(t => " NOT " + t.Normalized));

    [Theory]
    [InlineData("民工 欠薪", "民工 AND 欠薪")]
    [InlineData("a b OR c -d", "a AND b|c NOT d")]
    [InlineData("a OR b OR c", "a|b|c")]
    [InlineData("\"双随机 一公开\" 调解率", "双随机一公开 AND 调解率")]
    [InlineData("-\"云 仲裁\" 民工", "民工 NOT 云仲裁")]
    [InlineData("民工\u3000欠薪", "民工 AND 欠薪")]
    [InlineData("“谁执法 谁普法”", "谁执法谁普法")]
    [InlineData("－欠薪 民工", "民工 NOT 欠薪")]
    [InlineData("a\"b c\"", "a AND bc")]
    [InlineData("ＷＴＯ", "wto")]
    [InlineData("\"OR\"", "or")]
    [InlineData("or", "or")]
    public void ParsesTermsPhrasesOrAndExclusions(string text, string shape)
    {
        Assert.Equal(shape, Shape(SearchQuery.Parse(text)));
    }

    [Theory]
    [InlineData("OR a", "a")]
    [InlineData("a OR", "a")]
    [InlineData("a OR -b", "a NOT b")]
    [InlineData("a OR OR b", "a AND b")]
    public void OrThatDoesNotJoinTwoTermsIsIgnoredWithANotice(string text, string shape)
    {
        var query = SearchQuery.Parse(text);

        Assert.Equal(shape, Shape(query));
        Assert.Contains(query.Notices, n => n.Contains("OR"));
    }

    [Fact]
    public void UnclosedQuoteClosesAtTheEndWithANotice()
    {
        var query = SearchQuery.Parse("民工 \"双随机 一公开");

        Assert.Equal("民工 AND 双随机一公开", Shape(query));
        Assert.Contains(query.Notices, n => n.Contains("not closed"));
    }

    [Theory]
    [InlineData("，。！")]
    [InlineData("- -- \"\"")]
    [InlineData("")]
    [InlineData(null)]
    public void QueryWithoutLettersOrDigitsIsEmpty(string? text)
    {
        Assert.True(SearchQuery.Parse(text).IsEmpty);
    }

    [Fact]
    public void PunctuationOnlyTermIsDroppedBeforeOrIsConsidered()
    {
        Assert.Equal("a|b", Shape(SearchQuery.Parse("a OR 、 b")));
        Assert.Equal("a|b", Shape(SearchQuery.Parse("a 、 OR b")));
    }

    [Fact]
    public void ParsingNeverThrowsOnArbitraryInput()
    {
        var random = new Random(7);
        const string alphabet = "ab民工 \"“”-－OR\t\u3000、𠀀\uD800";
        for (var i = 0; i < 5000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(12)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var query = SearchQuery.Parse(text);
            Assert.All(query.PositiveTerms.Concat(query.Excluded), t => Assert.NotEmpty(t.Normalized));
        }
    }
}
