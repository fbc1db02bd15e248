namespace Archive.Tests.Search;

/// <summary>Shares one <see cref="SearchCorpora"/> among the search test classes.</summary>
[CollectionDefinition(Name)]
public sealed class SearchCorporaCollection : ICollectionFixture<SearchCorpora>
{
    public const string Name = "search corpora";
}
