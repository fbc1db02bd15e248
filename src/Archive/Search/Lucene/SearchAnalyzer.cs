using Lucene.Net.Analysis;

namespace Archive.Search.Lucene;

/// <summary>
/// The analysis of the exact field, the only analyzed field: normalized code points with bigrams stacked on them
/// (<see cref="ExactTokenizer"/>). Dictionary words are not indexed: the ranking boost segments only the clause
/// around a hit, at query time (<see cref="WordSegmenter"/>).
/// </summary>
public sealed class SearchAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) =>
        new(new ExactTokenizer(reader));
}
