using Lucene.Net.Analysis;

namespace Archive.Search;

/// <summary>
/// The analysis chain per field: the exact field is normalized code points with bigrams stacked on them, the word
/// field is dictionary words. Both use normalized code point positions, so they line up.
/// </summary>
public sealed class SearchAnalyzer : Analyzer
{
    public SearchAnalyzer()
        : base(PER_FIELD_REUSE_STRATEGY)
    {
    }

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        if (fieldName == SearchFields.Words)
        {
            return new TokenStreamComponents(new DictionaryWordTokenizer(reader));
        }

        var tokenizer = new CodePointTokenizer(reader);
        return new TokenStreamComponents(tokenizer, new BigramFilter(tokenizer));
    }
}
