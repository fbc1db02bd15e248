using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Archive.Search;

/// <summary>
/// Stacks a bigram on every unigram that has a successor: after the token at position i it emits the token i + (i+1)
/// at the same position. CJKBigramFilter bigrams only Han, kana and Hangul and passes Latin letters and digits
/// through, which would leave "20" in "2020" unfindable as a phrase; here every script is treated alike.
/// </summary>
public sealed class BigramFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _increment;

    private State? _held;
    private string _heldText = "";
    private int _heldStart;
    private string? _pendingBigram;
    private State? _bigramState;
    private int _bigramStart;
    private int _bigramEnd;

    public BigramFilter(TokenStream input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        if (_pendingBigram is not null)
        {
            RestoreState(_bigramState);
            _term.SetEmpty().Append(_pendingBigram);
            _offset.SetOffset(_bigramStart, _bigramEnd);
            _increment.PositionIncrement = 0;
            _pendingBigram = null;
            return true;
        }

        if (_held is null)
        {
            if (!m_input.IncrementToken())
            {
                return false;
            }

            Hold();
        }

        // Emit the held unigram now; read its successor first so the bigram can follow it at the same position.
        var unigram = _held!;
        var unigramText = _heldText;
        var unigramStart = _heldStart;
        if (m_input.IncrementToken())
        {
            _pendingBigram = unigramText + _term.ToString();
            _bigramState = unigram;
            _bigramStart = unigramStart;
            _bigramEnd = _offset.EndOffset;
            Hold();
        }
        else
        {
            _held = null;
        }

        RestoreState(unigram);
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _held = null;
        _pendingBigram = null;
        _bigramState = null;
    }

    private void Hold()
    {
        _held = CaptureState();
        _heldText = _term.ToString();
        _heldStart = _offset.StartOffset;
    }
}
