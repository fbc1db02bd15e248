using Archive.Tests.Support;
using Archive.Corpus;
using Archive.Import;
using Archive.Search.Contract;
using Archive.Search.Lucene;
using Archive.Search.StaticIndex;

namespace Archive.Tests.Search;

/// <summary>
/// One corpus with everything search tests compare: the Lucene engine, the brute-force reference and a reader of
/// the exported static files. Built once per corpus and shared by the tests.
/// </summary>
public sealed class SearchCorpus : IDisposable
{
    private readonly TempFolder _temp = new();

    private SearchCorpus(string name, Func<TempFolder, Archive.Corpus.Corpus> read, IndexLayout? layout = null)
    {
        Name = name;
        Layout = layout ?? IndexLayout.Default;
        Corpus = read(_temp);
        var cache = _temp.Combine("cache");
        new SearchIndexBuilder().Build(Corpus, cache);
        Engine = SearchEngine.Open(cache);
        BruteForce = new BruteForceSearch(Corpus.Reports);
        Files = new SearchIndexExporter(Layout).Files(Corpus);
        Static = new StaticIndexReader(Files.ToDictionary(f => f.Path, f => f.Bytes));
        NormalizedTexts = Corpus.Reports.Select(r => SearchableText.Of(r).Normalized.Text).ToList();
    }

    public string Name { get; }

    /// <summary>
    /// A layout in which five reports fill many packs: postings of more than 4 bytes in the postings packs, plain
    /// packs of 4 KB, 16 key shards and 2 doc blocks to an indexed pack.
    /// </summary>
    public static IndexLayout Tiny { get; } = new(InlineLimit: 4, PackBytes: 4_096, ShardsPerPack: 16, BlocksPerPack: 2);

    /// <summary>The inline limit and pack sizes the index was exported with.</summary>
    public IndexLayout Layout { get; }

    public Archive.Corpus.Corpus Corpus { get; }

    public SearchEngine Engine { get; }

    public BruteForceSearch BruteForce { get; }

    public List<(string Path, byte[] Bytes)> Files { get; }

    public StaticIndexReader Static { get; }

    public IReadOnlyList<string> NormalizedTexts { get; }

    /// <summary>The five reports shipped in input/.</summary>
    public static SearchCorpus Shipped() => new("shipped", _ => new CorpusReader().ReadValid(RepoPaths.Input));

    /// <summary>
    /// The shipped reports exported in the <see cref="Tiny"/> layout, so the small corpus exercises what a large
    /// archive needs: postings in packs (some shared by several keys), and many packs of each kind.
    /// </summary>
    public static SearchCorpus ShippedInTinyPacks() => new("shipped-tiny-packs", _ => new CorpusReader().ReadValid(RepoPaths.Input), Tiny);

    /// <summary>The 31 provincial work reports (docx) and the national sample (jsonl), imported into a fresh input folder.</summary>
    public static SearchCorpus Imported() => new("imported", temp =>
    {
        var input = temp.Combine("input");
        var fixtures = Path.Combine(RepoPaths.Fixtures);
        new Importer(input).Import([Path.Combine(fixtures, "provincial"), Path.Combine(fixtures, "national", "sample.jsonl")]);
        return new CorpusReader().ReadValid(input);
    });

    /// <summary>The matching report ids with hit counts, as the Lucene engine answers.</summary>
    public IReadOnlyDictionary<string, int> EngineMatches(SearchQuery query) =>
        Engine.Search(query, new SearchOptions(SnippetsPerResult: 0)).Results.ToDictionary(r => r.Id, r => r.Hits);

    public void Dispose()
    {
        Engine.Dispose();
        _temp.Dispose();
    }

    public override string ToString() => Name;
}
