using FsCheck.Xunit;
using Archive.Search.Contract;

namespace Archive.Tests.Hardening;

/// <summary>The query parser on anything typed into a search box: it never throws and never keeps a term that cannot match.</summary>
public class QueryParserPropertyTests
{
    private const int Cases = 500;

    [Property(MaxTest = Cases, Arbitrary = [typeof(FuzzInputs)])]
    public void Every_parsed_term_has_a_non_empty_normalized_form_equal_to_normalizing_its_text(QueryText query)
    {
        var parsed = SearchQuery.Parse(query.Value);

        Assert.Equal(query.Value, parsed.Text);
        foreach (var term in parsed.PositiveTerms.Concat(parsed.Excluded))
        {
            Assert.NotEmpty(term.Normalized);
            Assert.Equal(TextNormalizer.NormalizeToString(term.Text), term.Normalized);
        }

        Assert.All(parsed.Clauses, clause => Assert.NotEmpty(clause.Alternatives));
        Assert.Equal(parsed.Clauses.Count == 0 && parsed.Excluded.Count == 0, parsed.IsEmpty);
    }

    [Property(MaxTest = Cases, Arbitrary = [typeof(FuzzInputs)])]
    public void Any_string_at_all_parses_into_non_empty_terms_and_readable_notices(string text)
    {
        var parsed = SearchQuery.Parse(text);

        Assert.All(parsed.PositiveTerms.Concat(parsed.Excluded), term => Assert.NotEmpty(term.Normalized));
        Assert.All(parsed.Notices, notice => Assert.False(string.IsNullOrWhiteSpace(notice)));
    }
}
