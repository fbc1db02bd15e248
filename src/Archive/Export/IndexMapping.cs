using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using F = Archive.Export.DocumentFields;

namespace Archive.Export;

/// <summary>
/// The index settings and mappings for OpenSearch 2.x and Elasticsearch 8.x. The default one needs nothing beyond a
/// stock install: Chinese text is indexed as overlapping character bigrams (and single characters), so a phrase
/// query finds a term inside a longer word, as the archive's own search does. The smartcn variant adds a
/// word-segmented ".words" sub-field for relevance, and needs the analysis-smartcn plugin on every node.
/// </summary>
internal static class IndexMapping
{
    /// <summary>Indexes each CJK character and each pair of neighbours: a query of one character still matches.</summary>
    public const string IndexAnalyzer = "archive_cjk";

    /// <summary>
    /// Bigrams only at query time: a phrase of n characters becomes n-1 adjacent bigrams, which the index holds at
    /// consecutive positions, instead of a graph of unigrams and bigrams. A single character stays a unigram.
    /// </summary>
    public const string SearchAnalyzer = "archive_cjk_search";

    /// <summary>The analyzer the analysis-smartcn plugin registers (a word segmenter with a Chinese dictionary).</summary>
    public const string SmartcnAnalyzer = "smartcn";

    private const string BigramsAndUnigrams = "archive_cjk_bigrams_and_unigrams";
    private const string BigramsOnly = "archive_cjk_bigrams";

    // Keyword values longer than this are kept in _source but not indexed; far above any id, name or address here.
    private const int IgnoreAbove = 2048;

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
        NewLine = "\n",
    };

    /// <summary>The mapping as indented JSON ending in a newline; the same bytes on every platform.</summary>
    public static string Write(bool smartcn) => Create(smartcn).ToJsonString(Json) + "\n";

    public static JsonObject Create(bool smartcn) => new()
    {
        ["settings"] = new JsonObject { ["analysis"] = Analysis() },
        ["mappings"] = new JsonObject
        {
            // A document field the mapping does not name is an error, not a guessed type.
            ["dynamic"] = "strict",
            ["properties"] = Properties(smartcn),
        },
    };

    private static JsonObject Analysis() => new()
    {
        ["filter"] = new JsonObject
        {
            [BigramsAndUnigrams] = new JsonObject { ["type"] = "cjk_bigram", ["output_unigrams"] = true },
            [BigramsOnly] = new JsonObject { ["type"] = "cjk_bigram", ["output_unigrams"] = false },
        },
        ["analyzer"] = new JsonObject
        {
            [IndexAnalyzer] = CjkAnalyzer(BigramsAndUnigrams),
            [SearchAnalyzer] = CjkAnalyzer(BigramsOnly),
        },
    };

    // The stock "cjk" analyzer's chain without its English stop words: the standard tokenizer splits Chinese into
    // single characters, cjk_width folds full-width Latin letters and digits, lowercase folds case, and cjk_bigram
    // joins neighbouring characters. Our normalizer folds the same way.
    private static JsonObject CjkAnalyzer(string bigramFilter) => new()
    {
        ["type"] = "custom",
        ["tokenizer"] = "standard",
        ["filter"] = new JsonArray("cjk_width", "lowercase", bigramFilter),
    };

    private static JsonObject Properties(bool smartcn) => new()
    {
        [F.Id] = Keyword(),
        [F.Title] = Text(smartcn, new JsonObject { ["raw"] = Keyword() }),
        [F.BureauId] = Keyword(),
        [F.Bureau] = KeywordWithText(),
        [F.BureauAliases] = KeywordWithText(),
        [F.BureauKind] = Keyword(),
        [F.Region] = Keyword(),
        [F.RegionNames] = Keyword(),
        [F.RegionCodes] = Keyword(),
        [F.DivisionCode] = Keyword(),
        [F.ProvinceCode] = Keyword(),
        [F.CityCode] = Keyword(),
        [F.DistrictCode] = Keyword(),
        [F.Year] = new JsonObject { ["type"] = "integer" },
        [F.Published] = new JsonObject { ["type"] = "date", ["format"] = "strict_date" },
        [F.Late] = new JsonObject { ["type"] = "boolean" },
        [F.SourceUrl] = Keyword(),
        [F.Sha256] = Keyword(),
        [F.Url] = Keyword(),
        [F.Headings] = Text(smartcn),
        [F.Body] = Text(smartcn),
    };

    private static JsonObject Keyword() => new() { ["type"] = "keyword", ["ignore_above"] = IgnoreAbove };

    // Names are filtered and aggregated exactly, and searched in part through the bigram sub-field.
    private static JsonObject KeywordWithText()
    {
        var field = Keyword();
        field["fields"] = new JsonObject { ["text"] = Text(smartcn: false) };
        return field;
    }

    private static JsonObject Text(bool smartcn, JsonObject? subFields = null)
    {
        var field = new JsonObject { ["type"] = "text", ["analyzer"] = IndexAnalyzer, ["search_analyzer"] = SearchAnalyzer };
        var fields = subFields ?? [];
        if (smartcn)
        {
            fields["words"] = new JsonObject { ["type"] = "text", ["analyzer"] = SmartcnAnalyzer };
        }

        if (fields.Count > 0)
        {
            field["fields"] = fields;
        }

        return field;
    }
}
