using System.Globalization;
using System.Text;
using Archive.Corpus;

namespace Archive.Tests.Search;

/// <summary>
/// The search semantics of FORMAT.md §1 (normalization) and §2 (query language, matching, hits), written from the
/// spec's words and apart from the product: nothing here calls src/Archive/Search, so a bug in the product's
/// normalizer or query parser shows up as a difference from this, not as agreement with itself.
/// </summary>
public static class SpecSearch
{
    // §2: separators, quote characters and minus signs, as the spec lists them.
    private const string Separators = "\t\n\u000B\u000C\r \u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF";
    private const string Quotes = "\"\uFF02\u201C\u201D";
    private const string Minuses = "-\uFF0D";

    /// <summary>§1: width folding, ASCII case folding, then only letters and numbers, code point by code point.</summary>
    public static string Normalize(string text)
    {
        var kept = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var value = rune.Value;
            if (value is >= 0xFF01 and <= 0xFF5E)
            {
                value -= 0xFEE0;
            }

            if (value is >= 'A' and <= 'Z')
            {
                value += 'a' - 'A';
            }

            var folded = new Rune(value);
            if (Rune.GetUnicodeCategory(folded) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
                or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber)
            {
                kept.Append(folded.ToString());
            }
        }

        return kept.ToString();
    }

    /// <summary>§2: the clauses (each a list of normalized alternatives, ANDed) and the excluded normalized terms.</summary>
    public static (List<List<string>> Clauses, List<string> Excluded) Parse(string query)
    {
        // Tokens after dropping the terms whose normalized form is empty; null stands for an OR operator.
        var tokens = new List<(string Normalized, bool Excluded)?>();
        var i = 0;
        while (i < query.Length)
        {
            if (Separators.Contains(query[i]))
            {
                i++;
                continue;
            }

            var excluded = false;
            if (Minuses.Contains(query[i]) && i + 1 < query.Length && !Separators.Contains(query[i + 1]))
            {
                excluded = true;
                i++;
            }

            string token;
            var quoted = i < query.Length && Quotes.Contains(query[i]);
            if (quoted)
            {
                var start = ++i;
                while (i < query.Length && !Quotes.Contains(query[i]))
                {
                    i++;
                }

                token = query[start..i];
                i = Math.Min(query.Length, i + 1);
            }
            else
            {
                var start = i;
                while (i < query.Length && !Separators.Contains(query[i]) && !Quotes.Contains(query[i]))
                {
                    i++;
                }

                token = query[start..i];
            }

            if (token == "OR" && !quoted && !excluded)
            {
                tokens.Add(null);
            }
            else if (Normalize(token) is { Length: > 0 } normalized)
            {
                tokens.Add((normalized, excluded));
            }
        }

        var clauses = new List<List<string>>();
        var excludedTerms = new List<string>();
        for (var t = 0; t < tokens.Count; t++)
        {
            if (tokens[t] is not var (normalized, isExcluded))
            {
                continue;
            }

            if (isExcluded)
            {
                excludedTerms.Add(normalized);
            }
            else if (t >= 2 && tokens[t - 1] is null && tokens[t - 2] is { Excluded: false } && clauses.Count > 0)
            {
                clauses[^1].Add(normalized);
            }
            else
            {
                clauses.Add([normalized]);
            }
        }

        return (clauses, excludedTerms);
    }

    /// <summary>§2: a report's searchable text, normalized: its title, then its blocks in reading order.</summary>
    public static string SearchableText(Report report)
    {
        var body = report.ReadBody();
        var text = new StringBuilder(Normalize(report.Title));
        foreach (var paragraph in body.Preamble)
        {
            text.Append(Normalize(paragraph.Text));
        }

        foreach (var section in body.Sections)
        {
            AppendSection(section, text);
        }

        return text.ToString();
    }

    /// <summary>§2: occurrences of <paramref name="term"/> at every start position, overlaps counted.</summary>
    public static int Hits(string text, string term)
    {
        var hits = 0;
        for (var at = text.IndexOf(term, StringComparison.Ordinal); at >= 0; at = text.IndexOf(term, at + 1, StringComparison.Ordinal))
        {
            hits++;
        }

        return hits;
    }

    private static void AppendSection(Section section, StringBuilder text)
    {
        text.Append(Normalize(section.Heading));
        foreach (var paragraph in section.Paragraphs)
        {
            text.Append(Normalize(paragraph.Text));
        }

        foreach (var child in section.Children)
        {
            AppendSection(child, text);
        }
    }
}
