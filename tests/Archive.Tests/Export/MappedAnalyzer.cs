using System.Text.Json;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace Archive.Tests.Export;

/// <summary>
/// The analyzer a cluster builds from a custom analyzer of mapping.json, made of Lucene.Net's implementations of
/// the same stock components (OpenSearch and Elasticsearch run Lucene's). A component this class does not know
/// fails the test: the mapping must need nothing beyond a default install.
/// </summary>
internal sealed class MappedAnalyzer(JsonElement analysis, string name) : Analyzer
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var definition = analysis.GetProperty("analyzer").GetProperty(name);
        Assert.Equal("custom", definition.GetProperty("type").GetString());
        Assert.Equal("standard", definition.GetProperty("tokenizer").GetString());
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream stream = tokenizer;
        foreach (var filter in definition.GetProperty("filter").EnumerateArray().Select(f => f.GetString()!))
        {
            stream = filter switch
            {
                "cjk_width" => new CJKWidthFilter(stream),
                "lowercase" => new LowerCaseFilter(Version, stream),
                _ => Custom(stream, analysis.GetProperty("filter").GetProperty(filter)),
            };
        }

        return new TokenStreamComponents(tokenizer, stream);
    }

    private static TokenStream Custom(TokenStream stream, JsonElement filter)
    {
        Assert.Equal("cjk_bigram", filter.GetProperty("type").GetString());
        var unigrams = filter.TryGetProperty("output_unigrams", out var flag) && flag.GetBoolean();
        return new CJKBigramFilter(stream, CJKScript.HAN | CJKScript.HIRAGANA | CJKScript.KATAKANA | CJKScript.HANGUL, unigrams);
    }
}
