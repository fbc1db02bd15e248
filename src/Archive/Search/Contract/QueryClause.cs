namespace Archive.Search.Contract;

/// <summary>Terms joined by OR: a report satisfies the clause when it contains any of them.</summary>
public sealed record QueryClause(IReadOnlyList<QueryTerm> Alternatives);
