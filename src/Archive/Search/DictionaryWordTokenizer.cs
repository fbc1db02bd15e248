using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Archive.Search;

/// <summary>
/// Emits the normalized form of each dictionary word (see <see cref="WordSegmenter"/>) at the normalized code point
/// position where it starts, so a word's start and end positions are word boundaries in the exact field's positions.
/// Segments with nothing kept (punctuation, spaces) are skipped; their boundaries coincide with a word's start or end,
/// and a word ends where the next one starts. Every boundary also gets a <see cref="BoundaryMarker"/> token, so the
/// boundaries of any report are one postings list away, without term vectors.
/// </summary>
public sealed class DictionaryWordTokenizer : Tokenizer
{
    /// <summary>The term at every word boundary; normalization drops "|", so no word can be spelled like it.</summary>
    public const string BoundaryMarker = "|";

    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _increment;
    private string _original = "";
    private NormalizedText? _text;
    private List<int>? _boundaries;
    private int _segment;
    private int _lastPosition = -1;
    private int _finalOffset;
    private string? _pendingWord;
    private bool _endMarked;

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

        if (_pendingWord is not null)
        {
            _term.SetEmpty().Append(_pendingWord);
            _increment.PositionIncrement = 0;
            _pendingWord = null;
            return true;
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

            // The marker first, the word stacked on it at the same position; both carry the word's offsets.
            _pendingWord = _text.Slice(start, end);
            Mark(start, CorrectOffset(from), CorrectOffset(to));
            return true;
        }

        if (!_endMarked && _lastPosition >= 0)
        {
            _endMarked = true;
            Mark(_text.Length, _finalOffset, _finalOffset);
            return true;
        }

        return false;
    }

    private void Mark(int position, int startOffset, int endOffset)
    {
        _term.SetEmpty().Append(BoundaryMarker);
        _offset.SetOffset(startOffset, endOffset);
        // Positions start at -1 in Lucene, so the first marker at position p needs an increment of p + 1.
        _increment.PositionIncrement = position - _lastPosition;
        _lastPosition = position;
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
        _pendingWord = null;
        _endMarked = false;
    }
}
