namespace Archive.Search.Contract;

/// <summary>
/// The index keys of a normalized term (FORMAT.md §4): the term itself when it is one code point, else its bigrams
/// in order, so that key k sits at offset k from the term's start.
/// </summary>
public static class Keys
{
    public static List<string> Of(string normalized)
    {
        var keys = new List<string>();
        var first = 0;
        var second = Next(normalized, first);
        if (second >= normalized.Length)
        {
            if (normalized.Length > 0)
            {
                keys.Add(normalized);
            }

            return keys;
        }

        while (second < normalized.Length)
        {
            var end = Next(normalized, second);
            keys.Add(normalized[first..end]);
            first = second;
            second = end;
        }

        return keys;
    }

    public static bool IsUnigram(string normalized) => normalized.Length > 0 && Next(normalized, 0) == normalized.Length;

    public static int CodePointCount(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i = Next(text, i))
        {
            count++;
        }

        return count;
    }

    private static int Next(string text, int index) =>
        index + (char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1);
}
