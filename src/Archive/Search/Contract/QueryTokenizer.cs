namespace Archive.Search.Contract;

/// <summary>Splits a query into tokens by the rules of FORMAT.md §2: separators, quotes, a leading minus.</summary>
internal static class QueryTokenizer
{
    public static List<QueryToken> Split(string text, List<string> notices)
    {
        var tokens = new List<QueryToken>();
        var i = 0;
        while (i < text.Length)
        {
            if (IsSeparator(text[i]))
            {
                i++;
                continue;
            }

            var negated = false;
            if (IsMinus(text[i]) && i + 1 < text.Length && !IsSeparator(text[i + 1]))
            {
                negated = true;
                i++;
            }

            if (IsQuote(text[i]))
            {
                var start = i + 1;
                var end = start;
                while (end < text.Length && !IsQuote(text[end]))
                {
                    end++;
                }

                if (end == text.Length)
                {
                    notices.Add($"the quote before '{text[start..]}' is not closed; it was closed at the end of the query.");
                }

                tokens.Add(new QueryToken(QueryTerm.Of(text[start..end]), negated, Quoted: true));
                i = Math.Min(end + 1, text.Length);
            }
            else
            {
                var start = i;
                while (i < text.Length && !IsSeparator(text[i]) && !IsQuote(text[i]))
                {
                    i++;
                }

                tokens.Add(new QueryToken(QueryTerm.Of(text[start..i]), negated, Quoted: false));
            }
        }

        return tokens;
    }

    /// <summary>The separators of FORMAT.md §2, listed so that C# and JavaScript split alike (incl. the ideographic space).</summary>
    public static bool IsSeparator(char c) =>
        c is (>= '\u0009' and <= '\u000D') or ' ' or '\u0085' or '\u00A0' or '\u1680' or (>= '\u2000' and <= '\u200A')
            or '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' or '\uFEFF';

    /// <summary>ASCII and full-width quotation marks, and the curly quotes Chinese input methods type.</summary>
    public static bool IsQuote(char c) => c is '"' or '\uFF02' or '\u201C' or '\u201D';

    public static bool IsMinus(char c) => c is '-' or '\uFF0D';
}
