namespace Archive.Search.Contract;

/// <summary>A piece of a query between separators: a term (maybe quoted, maybe excluded) or the OR operator.</summary>
internal sealed record QueryToken(QueryTerm Term, bool Negated, bool Quoted)
{
    public bool IsOr => !Negated && !Quoted && Term.Text == SearchQuery.OrOperator;

    public bool IsPositiveTerm => !Negated && !IsOr;
}
