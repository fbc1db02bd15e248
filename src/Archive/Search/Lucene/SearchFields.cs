namespace Archive.Search.Lucene;

/// <summary>The fields of a report in the Lucene index, named once.</summary>
internal static class SearchFields
{
    /// <summary>The bigram each normalized code point starts (the last code point alone), position = code point index: decides matches.</summary>
    public const string Exact = "exact";

    /// <summary>SmartCn's words of the same text in their normal form, position = word index (<see cref="WordAnalyzer"/>): ranks, never decides.</summary>
    public const string Words = "words";

    public const string Id = "id";

    /// <summary>A digest of everything else in the document: an unchanged report is not indexed again.</summary>
    public const string Fingerprint = "fingerprint";
    public const string Title = "title";
    public const string Bureau = "bureau";
    public const string BureauName = "bureauName";
    public const string Year = "year";
    public const string Published = "published";
    public const string Region = "region";
    public const string Length = "length";
    public const string Anchors = "anchor";
    public const string Blocks = "block";
}
