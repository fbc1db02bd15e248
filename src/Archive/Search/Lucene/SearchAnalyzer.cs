using Lucene.Net.Analysis;

namespace Archive.Search.Lucene;

/// <summary>
/// The analysis of the exact field, the only analyzed field: one token per normalized code point, the bigram it
/// starts (<see cref="ExactTokenizer"/>). Dictionary words are not indexed: the ranking boost asks only whether the
/// query term itself is one dictionary word, at query time (<see cref="WordSegmenter.IsOneWord"/>).
/// </summary>
public sealed class SearchAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) =>
        new(new ExactTokenizer(reader));
}
