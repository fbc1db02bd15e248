using System.Text;

namespace Archive.Collect.Robots;

/// <summary>
/// One Allow or Disallow line of a robots.txt group, kept in the normalised form that paths are compared in, so that
/// "/ツ", "/%e3%83%84" and "/%E3%83%84" are one rule and "/%7Euser" and "/~user" are another (RFC 9309 2.2.2).
/// </summary>
internal sealed class RobotsPattern
{
    // The pattern split at each "*": the first piece must start the path, the others follow in order with anything
    // between them.
    private readonly string[] pieces;

    // A "$" ended the pattern, so the last piece must end the path.
    private readonly bool anchored;

    private RobotsPattern(bool allow, string[] pieces, bool anchored)
    {
        Allow = allow;
        this.pieces = pieces;
        this.anchored = anchored;
        Length = pieces.Sum(p => p.Length) + pieces.Length - 1 + (anchored ? 1 : 0);
    }

    /// <summary>Whether the line was an Allow: a tie in <see cref="Length"/> goes to the allow (RFC 9309 2.2.2).</summary>
    public bool Allow { get; }

    /// <summary>
    /// The octets of the normalised pattern, wildcards and anchor included: the longest matching pattern decides, and
    /// every character of the normalised form is ASCII, so characters and octets are the same count.
    /// </summary>
    public int Length { get; }

    /// <summary>
    /// The pattern of one rule value, or null for an empty value, which matches nothing (an empty Disallow is how a
    /// site says "everything is allowed"). A value that starts with neither "/" nor "*" cannot match any path as
    /// written; it is read as if it began with "/", which is what its author meant and keeps the crawler from
    /// ignoring a disallow.
    /// </summary>
    public static RobotsPattern? Create(bool allow, string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        var anchored = value.EndsWith('$');
        var body = anchored ? value[..^1] : value;
        if (body.Length > 0 && body[0] is not '/' and not '*')
        {
            body = "/" + body;
        }

        var pieces = body.Split('*').Select(Normalise).ToArray();
        return new RobotsPattern(allow, pieces, anchored);
    }

    /// <summary>
    /// The path in the form patterns are compared in. A literal "*" or "$" of the path becomes "%2A" or "%24", because
    /// that is how a robots.txt has to write them, its own "*" and "$" being wildcard and anchor (RFC 9309 2.2.3).
    /// </summary>
    public static string NormalisePath(string pathAndQuery) => Normalise(pathAndQuery);

    /// <summary>Whether the pattern matches the start of (or, anchored, the whole of) an already normalised path.</summary>
    public bool Matches(string path)
    {
        var first = pieces[0];
        if (!path.StartsWith(first, StringComparison.Ordinal))
        {
            return false;
        }

        if (pieces.Length == 1)
        {
            return !anchored || path.Length == first.Length;
        }

        // Taking each middle piece at its first place leaves the most room for the ones after it, so the first
        // places found are a match whenever any placement is.
        var position = first.Length;
        for (var i = 1; i < pieces.Length - 1; i++)
        {
            var found = path.IndexOf(pieces[i], position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + pieces[i].Length;
        }

        var last = pieces[^1];
        return anchored
            ? path.Length - last.Length >= position && path.EndsWith(last, StringComparison.Ordinal)
            : path.IndexOf(last, position, StringComparison.Ordinal) >= 0;
    }

    /// <summary>
    /// Brings text to the one spelling RFC 3986 gives it: an escaped unreserved character is decoded, other escapes get
    /// upper-case hex, non-ASCII characters become their UTF-8 escapes, and characters a URI cannot hold as they are
    /// (space, controls, "{", "|" and the like, a "%" that starts no escape, "*" and "$") are escaped. Rule and path go
    /// through the same steps, so any two spellings of one URI compare equal.
    /// </summary>
    private static string Normalise(string text)
    {
        var result = new StringBuilder(text.Length + 8);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                var octet = (HexValue(text[i + 1]) << 4) | HexValue(text[i + 2]);
                if (IsUnreserved(octet))
                {
                    result.Append((char)octet);
                }
                else
                {
                    AppendEscape(result, octet);
                }

                i += 3;
            }
            else if (c >= 0x80)
            {
                var end = i;
                while (end < text.Length && text[end] >= 0x80)
                {
                    end++;
                }

                foreach (var octet in Encoding.UTF8.GetBytes(text, i, end - i))
                {
                    AppendEscape(result, octet);
                }

                i = end;
            }
            else
            {
                if (MustEscape(c))
                {
                    AppendEscape(result, c);
                }
                else
                {
                    result.Append(c);
                }

                i++;
            }
        }

        return result.ToString();
    }

    private static bool IsUnreserved(int octet) =>
        octet is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.' or '_' or '~';

    private static bool MustEscape(char c) =>
        c is <= ' ' or (char)0x7F or '"' or '<' or '>' or '\\' or '^' or '`' or '{' or '|' or '}' or '%' or '*' or '$';

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c switch
    {
        <= '9' => c - '0',
        <= 'F' => c - 'A' + 10,
        _ => c - 'a' + 10,
    };

    private static void AppendEscape(StringBuilder result, int octet)
    {
        const string Digits = "0123456789ABCDEF";
        result.Append('%').Append(Digits[octet >> 4]).Append(Digits[octet & 0xF]);
    }
}
