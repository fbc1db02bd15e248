namespace Archive.Tests.Search;

/// <summary>The shipped and the imported corpus, built once for all search tests.</summary>
public sealed class SearchCorpora : IDisposable
{
    private readonly Lazy<SearchCorpus> _shipped = new(SearchCorpus.Shipped);
    private readonly Lazy<SearchCorpus> _imported = new(SearchCorpus.Imported);
    private readonly Lazy<SearchCorpus> _tinyPacks = new(SearchCorpus.ShippedInTinyPacks);

    public SearchCorpus Shipped => _shipped.Value;

    public SearchCorpus Imported => _imported.Value;

    public SearchCorpus this[string name] => name switch
    {
        "shipped" => Shipped,
        "shipped-tiny-packs" => _tinyPacks.Value,
        _ => Imported,
    };

    public void Dispose()
    {
        if (_shipped.IsValueCreated)
        {
            _shipped.Value.Dispose();
        }

        if (_imported.IsValueCreated)
        {
            _imported.Value.Dispose();
        }

        if (_tinyPacks.IsValueCreated)
        {
            _tinyPacks.Value.Dispose();
        }
    }
}
