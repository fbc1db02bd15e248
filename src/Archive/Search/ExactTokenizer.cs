using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Archive.Search;

/// <summary>
/// The exact field's whole analysis in one pass: every code point of the normalized text (FORMAT.md §1) as a token
/// at position = code point index, and on it, at the same position, the bigram of that code point and the next.
/// Not StandardTokenizer + CJKBigramFilter: those keep runs of ASCII letters and digits whole, so "20" in "2020"
/// could not be found; here every script is treated alike. One tokenizer instead of a tokenizer and a filter,
/// because capturing and restoring attribute state for every stacked bigram made analysis the build's slowest step.
/// </summary>
public sealed class ExactTokenizer : Tokenizer
{
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _increment;
    private NormalizedText? _text;
    private int _unit;
    private int _index;
    private bool _bigramDue;
    private int _previousUnit;
    private int _previousStart;

    public ExactTokenizer(TextReader input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        // A report is at most a few hundred KB; normalizing it whole keeps the offsets simple and exact.
        _text ??= TextNormalizer.Normalize(m_input.ReadToEnd());
        var text = _text.Text;
        if (_bigramDue)
        {
            // The previous code point and the one at _unit, which comes next as a unigram.
            _bigramDue = false;
            Emit(text, _previousUnit, _unit + Width(text, _unit));
            _increment.PositionIncrement = 0;
            _offset.SetOffset(CorrectOffset(_previousStart), CorrectOffset(_text.SourceSpan(_index, _index + 1).End));
            return true;
        }

        if (_unit >= text.Length)
        {
            return false;
        }

        var next = _unit + Width(text, _unit);
        Emit(text, _unit, next);
        var (start, end) = _text.SourceSpan(_index, _index + 1);
        _offset.SetOffset(CorrectOffset(start), CorrectOffset(end));
        _previousUnit = _unit;
        _previousStart = start;
        _unit = next;
        _index++;
        _bigramDue = _unit < text.Length;
        return true;
    }

    public override void End()
    {
        base.End();
        var final = CorrectOffset(_text is null ? 0 : _text.SourceOffset(_text.Length));
        _offset.SetOffset(final, final);
    }

    public override void Reset()
    {
        base.Reset();
        _text = null;
        _unit = 0;
        _index = 0;
        _bigramDue = false;
    }

    private static int Width(string text, int unit) => char.IsHighSurrogate(text[unit]) && unit + 1 < text.Length ? 2 : 1;

    private void Emit(string text, int from, int to)
    {
        var buffer = _term.ResizeBuffer(to - from);
        text.CopyTo(from, buffer, 0, to - from);
        _term.Length = to - from;
    }
}
