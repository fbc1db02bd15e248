using Lucene.Net.Analysis;

namespace Archive.Search.Lucene;

/// <summary>
/// The analysis of the exact field, which decides matches: one token per normalized code point, the bigram it
/// starts (<see cref="ExactTokenizer"/>). FORMAT.md §3's ranking boost asks only whether the query term itself is one
/// dictionary word, at query time (<see cref="WordSegmenter.IsOneWord"/>); `archive search` ranks by the words field
/// instead (<see cref="WordAnalyzer"/>).
/// </summary>
public sealed class SearchAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) =>
        new(new ExactTokenizer(reader));
}
