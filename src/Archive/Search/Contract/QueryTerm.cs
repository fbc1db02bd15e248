namespace Archive.Search.Contract;

/// <summary>One term of a query as typed (without quotes or minus) and its normalized form, which is what matches.</summary>
public sealed record QueryTerm(string Text, string Normalized)
{
    public static QueryTerm Of(string text) => new(text, TextNormalizer.NormalizeToString(text));
}
