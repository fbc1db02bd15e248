using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Archive.Search;

/// <summary>
/// Emits every code point of the normalized text (FORMAT.md §1) as one token, position = code point index.
/// Not StandardTokenizer: it keeps runs of ASCII letters and digits as whole words, so "2020" would be one token and
/// 020 could not be found in it; exact substring search needs every code point on its own, whatever its script.
/// </summary>
public sealed class CodePointTokenizer : Tokenizer
{
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private NormalizedText? _text;
    private int _unit;
    private int _index;

    public CodePointTokenizer(TextReader input)
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

        var width = char.IsHighSurrogate(text[_unit]) ? 2 : 1;
        var buffer = _term.ResizeBuffer(width);
        buffer[0] = text[_unit];
        if (width == 2)
        {
            buffer[1] = text[_unit + 1];
        }

        _term.Length = width;
        var (start, end) = _text.SourceSpan(_index, _index + 1);
        _offset.SetOffset(CorrectOffset(start), CorrectOffset(end));
        _unit += width;
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
}
