using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Archive.Search.Contract;

namespace Archive.Search.Lucene;

/// <summary>
/// The analysis of the words field, which ranks and never decides a match: SmartCn's segmentation (Lucene.Net's
/// HMMChineseTokenizer, the tokenizer of SmartChineseAnalyzer), each token in the normal form of the exact field
/// (FORMAT.md §1), punctuation dropped without leaving a gap, so that 双随机、一公开 is the phrase 双|随机|一|公开 as
/// its normal form 双随机一公开 is. SmartCn's stemming and stop words are left out: a word must keep the form the
/// query's term has.
/// </summary>
public sealed class WordAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new HMMChineseTokenizer(reader);
        return new TokenStreamComponents(tokenizer, new NormalForms(tokenizer));
    }

    /// <summary>The words SmartCn makes of a normalized query term, in order (none for an empty term).</summary>
    public IReadOnlyList<string> WordsOf(string normalized)
    {
        var words = new List<string>();
        using var stream = GetTokenStream(SearchFields.Words, normalized);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            words.Add(term.ToString());
        }

        stream.End();
        return words;
    }

    /// <summary>Each token in its normal form; a token that normalizes to nothing (punctuation) is dropped.</summary>
    private sealed class NormalForms(TokenStream input) : TokenFilter(input)
    {
        private readonly ICharTermAttribute _term = input.AddAttribute<ICharTermAttribute>();

        public override bool IncrementToken()
        {
            while (m_input.IncrementToken())
            {
                var normal = TextNormalizer.NormalizeToString(_term.ToString());
                if (normal.Length > 0)
                {
                    _term.SetEmpty().Append(normal);
                    return true;
                }
            }

            return false;
        }
    }
}
