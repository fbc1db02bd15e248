using Archive.Search.Contract;

namespace Archive.Tests.Search;

/// <summary>
/// The spec's own search (<see cref="SpecSearch"/>, written from FORMAT.md apart from the product) on the spec's hard
/// cases, and the product's normalizer and query parser held to it.
/// </summary>
public class SpecSearchTests
{
    // (text, what FORMAT.md §1 makes of it)
    public static readonly TheoryData<string, string> Normalized = new()
    {
        { "双随机、一公开", "双随机一公开" },
        { "拖欠农民\n工工资", "拖欠农民工工资" },
        { "ＷＴＯ规则", "wto规则" },
        { "ＡＢＣｄｅｆ１２３", "abcdef123" },
        { "Hello, World! 2020年", "helloworld2020年" },
        { "二〇二〇年", "二〇二〇年" },
        { "①②③ Ⅻ", "①②③Ⅻ" },
        { "𠀀𠀁 𪚥", "𠀀𠀁𪚥" },
        { "e\u0301te\u0301", "ete" },
        { "\u2F08\u2EA0民", "民" },
        { "Ǆ ǅ ǆ", "Ǆǅǆ" },
        { "\u00A0\u3000\uFEFF　", "" },
        { "a\uD800b", "ab" },
        { "ｆｕｌｌ－ｗｉｄｔｈ", "fullwidth" },
    };

    // Queries that exercise every rule of §2's splitting, quoting, excluding and OR.
    public static readonly TheoryData<string> Queries = new(
        "民工 欠薪", "欠薪 OR 调解率", "民工 -欠薪", "-欠薪", "\"双随机 一公开\"", "a OR b OR c", "a OR OR b", "OR a", "a OR",
        "-a OR b", "a OR -b", "a or b", "\"OR\" a", "a、 OR b", "a 、 OR b", "－欠薪 民工", "“欠薪”", "\"unclosed quote", "- a", "a -",
        "--a", "-\"a b\" c", "a\u3000OR\u3000b", "a\"b\"c", "a OR \"\" OR b", "x OR 、 OR y", "ＯＲ a", "a\tOR\nb", "欠薪 欠薪");

    [Theory]
    [MemberData(nameof(Normalized))]
    public void The_spec_normalizer_gives_what_format_md_says(string text, string expected)
    {
        Assert.Equal(expected, SpecSearch.Normalize(text));
    }

    [Theory]
    [MemberData(nameof(Normalized))]
    public void The_product_normalizer_agrees_with_the_spec_on_its_hard_cases(string text, string expected)
    {
        Assert.Equal(expected, TextNormalizer.NormalizeToString(text));
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void The_product_query_parser_agrees_with_the_spec(string query)
    {
        var parsed = SearchQuery.Parse(query);
        var (clauses, excluded) = SpecSearch.Parse(query);

        Assert.Equal(clauses, parsed.Clauses.Select(c => c.Alternatives.Select(t => t.Normalized).ToList()).ToList());
        Assert.Equal(excluded, parsed.Excluded.Select(t => t.Normalized).ToList());
    }

    [Theory]
    [InlineData("a b OR c -d", "a|b,c", "d")]
    [InlineData("a OR b OR c", "a,b,c", "")]
    [InlineData("\"双随机 一公开\"", "双随机一公开", "")]
    [InlineData("-欠薪", "", "欠薪")]
    [InlineData("、。， 欠薪", "欠薪", "")]
    public void The_spec_parser_follows_the_examples_of_format_md(string query, string clauses, string excluded)
    {
        var parsed = SpecSearch.Parse(query);

        Assert.Equal(clauses, string.Join('|', parsed.Clauses.Select(c => string.Join(',', c))));
        Assert.Equal(excluded, string.Join('|', parsed.Excluded));
    }

    [Fact]
    public void Spec_hits_count_overlapping_occurrences()
    {
        Assert.Equal(2, SpecSearch.Hits("aaa", "aa"));
        Assert.Equal(0, SpecSearch.Hits("aaa", "b"));
    }

    [Fact]
    public void The_product_normalizer_agrees_with_the_spec_on_random_text_of_every_plane()
    {
        var random = new Random(20261206);
        var disagreements = new List<string>();
        for (var i = 0; i < 2000; i++)
        {
            var text = new System.Text.StringBuilder();
            for (var k = random.Next(1, 24); k > 0; k--)
            {
                // Mostly ASCII, CJK and full-width forms; sometimes anything up to the supplementary planes.
                var point = random.Next(6) switch
                {
                    0 => random.Next(0x20, 0x7F),
                    1 => random.Next(0x4E00, 0x9FFF),
                    2 => random.Next(0xFF00, 0xFFEF),
                    3 => random.Next(0x2E80, 0x2FDF),
                    4 => random.Next(0x300, 0x36F),
                    _ => random.Next(0x20, 0x2FFFF),
                };
                if (point is >= 0xD800 and <= 0xDFFF)
                {
                    continue;
                }

                text.Append(char.ConvertFromUtf32(point));
            }

            var value = text.ToString();
            if (SpecSearch.Normalize(value) != TextNormalizer.NormalizeToString(value))
            {
                disagreements.Add(string.Join(' ', value.EnumerateRunes().Select(r => $"U+{r.Value:X4}")));
            }
        }

        Assert.Empty(disagreements.Take(10));
    }
}
