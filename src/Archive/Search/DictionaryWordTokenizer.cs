using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Archive.Search;

/// <summary>
/// Emits the normalized form of each dictionary word (see <see cref="WordSegmenter"/>) at the normalized code point
/// position where it starts, so a word's start and end positions are word boundaries in the exact field's positions.
/// Segments with nothing kept (punctuation, spaces) are skipped; their boundaries coincide with a word's start or end.
/// </summary>
public sealed class DictionaryWordTokenizer : Tokenizer
{
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _increment;
    private string _original = "";
    private NormalizedText? _text;
    private List<int>? _boundaries;
    private int _segment;
    private int _lastPosition = -1;
    private int _finalOffset;

    public DictionaryWordTokenizer(TextReader input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        if (_text is null)
        {
            _original = m_input.ReadToEnd();
            _text = TextNormalizer.Normalize(_original);
            _boundaries = WordSegmenter.Boundaries(_original);
            _finalOffset = CorrectOffset(_original.Length);
        }

        while (_segment + 1 < _boundaries!.Count)
        {
            var from = _boundaries[_segment];
            var to = _boundaries[++_segment];
            var start = _text.KeptBefore(from);
            var end = _text.KeptBefore(to);
            if (end == start)
            {
                continue;
            }

            _term.SetEmpty().Append(_text.Slice(start, end));
            _offset.SetOffset(CorrectOffset(from), CorrectOffset(to));
            // Positions start at -1 in Lucene, so the first word at position p needs an increment of p + 1.
            _increment.PositionIncrement = start - _lastPosition;
            _lastPosition = start;
            return true;
        }

        return false;
    }

    public override void End()
    {
        base.End();
        _offset.SetOffset(_finalOffset, _finalOffset);
    }

    public override void Reset()
    {
        base.Reset();
        _text = null;
        _boundaries = null;
        _segment = 0;
        _lastPosition = -1;
        _finalOffset = 0;
    }
}
