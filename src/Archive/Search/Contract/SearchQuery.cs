namespace Archive.Search.Contract;

/// <summary>
/// A parsed query (FORMAT.md §2): clauses that must all hold (each one term or several joined by OR) and terms that
/// must not occur. Parsing never fails: what cannot be used is dropped and explained in <see cref="Notices"/>.
/// </summary>
public sealed class SearchQuery
{
    public const string OrOperator = "OR";

    private SearchQuery(string text, IReadOnlyList<QueryClause> clauses, IReadOnlyList<QueryTerm> excluded, IReadOnlyList<string> notices)
    {
        Text = text;
        Clauses = clauses;
        Excluded = excluded;
        Notices = notices;
    }

    public string Text { get; }

    public IReadOnlyList<QueryClause> Clauses { get; }

    public IReadOnlyList<QueryTerm> Excluded { get; }

    /// <summary>What the parser dropped or repaired, in words a user can act on.</summary>
    public IReadOnlyList<string> Notices { get; }

    /// <summary>Every term that must or may occur, in query order: the terms that count hits and score.</summary>
    public IEnumerable<QueryTerm> PositiveTerms => Clauses.SelectMany(c => c.Alternatives);

    /// <summary>True when the query has no usable term, so it matches nothing.</summary>
    public bool IsEmpty => Clauses.Count == 0 && Excluded.Count == 0;

    public static SearchQuery Parse(string? text)
    {
        text ??= "";
        var notices = new List<string>();
        var tokens = QueryTokenizer.Split(text, notices);

        var usable = new List<QueryToken>();
        foreach (var token in tokens)
        {
            if (!token.IsOr && token.Term.Normalized.Length == 0)
            {
                notices.Add($"ignored '{token.Term.Text}': it has no letters or digits to search for.");
                continue;
            }

            usable.Add(token);
        }

        var clauses = new List<List<QueryTerm>>();
        var excluded = new List<QueryTerm>();
        var joinNext = false;
        for (var i = 0; i < usable.Count; i++)
        {
            var token = usable[i];
            if (token.IsOr)
            {
                joinNext = i > 0 && usable[i - 1].IsPositiveTerm && i + 1 < usable.Count && usable[i + 1].IsPositiveTerm;
                if (!joinNext)
                {
                    notices.Add("ignored OR: it joins two terms, as in 欠薪 OR 拖欠工资; quote it (\"OR\") to search for the word.");
                }

                continue;
            }

            if (token.Negated)
            {
                excluded.Add(token.Term);
            }
            else if (joinNext)
            {
                clauses[^1].Add(token.Term);
            }
            else
            {
                clauses.Add([token.Term]);
            }

            joinNext = false;
        }

        return new SearchQuery(text, clauses.Select(c => new QueryClause(c)).ToList(), excluded, notices);
    }

    public override string ToString() => Text;
}
