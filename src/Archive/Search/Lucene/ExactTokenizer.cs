using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Archive.Search.Contract;

namespace Archive.Search.Lucene;

/// <summary>
/// The exact field's whole analysis in one pass: one token per code point of the normalized text (FORMAT.md §1),
/// at position = code point index: the bigram of that code point and the next, or, for the last code point, the
/// code point alone. A term of two or more code points is then the phrase of its bigrams, and a single code point is
/// every token that starts with it (FORMAT.md §5). One token per position, not a unigram with a bigram stacked on
/// it: analysis and inversion are most of Lucene's indexing time, and the unigrams would double them.
/// Not StandardTokenizer + CJKBigramFilter: those keep runs of ASCII letters and digits whole, so "20" in "2020"
/// could not be found; here every script is treated alike.
/// </summary>
public sealed class ExactTokenizer : Tokenizer
{
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private NormalizedText? _text;
    private int _unit;
    private int _index;

    public ExactTokenizer(TextReader input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        // A report is at most a few hundred KB; normalizing it whole keeps the offsets simple and exact.
        _text ??= TextNormalizer.Normalize(m_input.ReadToEnd());
        var text = _text.Text;
        if (_unit >= text.Length)
        {
            return false;
        }

        var next = _unit + Width(text, _unit);
        var end = next < text.Length ? next + Width(text, next) : next;
        Emit(text, _unit, end);
        var (start, _) = _text.SourceSpan(_index, _index + 1);
        var (_, last) = _text.SourceSpan(end == next ? _index : _index + 1, (end == next ? _index : _index + 1) + 1);
        _offset.SetOffset(CorrectOffset(start), CorrectOffset(last));
        _unit = next;
        _index++;
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
    }

    private static int Width(string text, int unit) => char.IsHighSurrogate(text[unit]) && unit + 1 < text.Length ? 2 : 1;

    private void Emit(string text, int from, int to)
    {
        var buffer = _term.ResizeBuffer(to - from);
        text.CopyTo(from, buffer, 0, to - from);
        _term.Length = to - from;
    }
}
