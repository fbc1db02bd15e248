namespace Archive.Search.Contract;

/// <summary>
/// Text after <see cref="TextNormalizer"/>: the kept code points, and for each of them where it starts in the
/// original string, so a match found in normalized text can be highlighted in the original.
/// </summary>
public sealed class NormalizedText
{
    private readonly string _original;
    private readonly int[] _sourceOffsets;
    private int[]? _codePointStarts;

    internal NormalizedText(string original, string text, int[] sourceOffsets)
    {
        _original = original;
        Text = text;
        _sourceOffsets = sourceOffsets;
    }

    /// <summary>The normalized text as UTF-16; ordinal substring search on it is code point exact.</summary>
    public string Text { get; }

    /// <summary>The number of kept code points (not UTF-16 units): the length FORMAT.md counts in.</summary>
    public int Length => _sourceOffsets.Length;

    /// <summary>True when every kept code point is one UTF-16 unit, so UTF-16 and code point indexes agree.</summary>
    public bool IsBasicPlane => Text.Length == _sourceOffsets.Length;

    /// <summary>Where code point <paramref name="index"/> of the normalized text starts in the original (UTF-16 units).</summary>
    public int SourceOffset(int index) => index < _sourceOffsets.Length ? _sourceOffsets[index] : _original.Length;

    /// <summary>The original span [start, end) that normalized code points [start, end) came from.</summary>
    public (int Start, int End) SourceSpan(int start, int end)
    {
        if (end <= start)
        {
            var at = SourceOffset(start);
            return (at, at);
        }

        var last = _sourceOffsets[end - 1];
        var lastLength = char.IsHighSurrogate(_original[last]) && last + 1 < _original.Length ? 2 : 1;
        return (_sourceOffsets[start], last + lastLength);
    }

    /// <summary>The code point index of a UTF-16 index into <see cref="Text"/> (identity for basic-plane text).</summary>
    public int CodePointIndex(int utf16Index)
    {
        if (IsBasicPlane)
        {
            return utf16Index;
        }

        _codePointStarts ??= BuildCodePointStarts();
        var found = Array.BinarySearch(_codePointStarts, utf16Index);
        return found >= 0 ? found : ~found;
    }

    /// <summary>The UTF-16 index into <see cref="Text"/> where code point <paramref name="index"/> starts.</summary>
    public int Utf16Index(int index)
    {
        if (IsBasicPlane || index >= _sourceOffsets.Length)
        {
            return index >= _sourceOffsets.Length ? Text.Length : index;
        }

        _codePointStarts ??= BuildCodePointStarts();
        return _codePointStarts[index];
    }

    /// <summary>Normalized code points [start, end) as a string.</summary>
    public string Slice(int start, int end)
    {
        var from = Utf16Index(start);
        return Text[from..Utf16Index(end)];
    }

    /// <summary>The number of kept code points that start before <paramref name="sourceOffset"/> in the original.</summary>
    public int KeptBefore(int sourceOffset)
    {
        var found = Array.BinarySearch(_sourceOffsets, sourceOffset);
        return found >= 0 ? found : ~found;
    }

    private int[] BuildCodePointStarts()
    {
        var starts = new int[_sourceOffsets.Length];
        var unit = 0;
        for (var i = 0; i < starts.Length; i++)
        {
            starts[i] = unit;
            unit += char.IsHighSurrogate(Text[unit]) ? 2 : 1;
        }

        return starts;
    }
}
