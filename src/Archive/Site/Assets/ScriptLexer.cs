using System.Globalization;

namespace Archive.Site.Assets;

/// <summary>What a piece of JavaScript is, as far as minifying and bundling need to know.</summary>
internal enum ScriptTokenKind
{
    /// <summary>Spaces and tabs between tokens on one line.</summary>
    Space,

    /// <summary>A line terminator in code (automatic semicolon insertion depends on it).</summary>
    LineBreak,

    /// <summary>A line comment, or a block comment within one line: as good as a space.</summary>
    Comment,

    /// <summary>A block comment across lines: as good as a line break.</summary>
    LineBreakingComment,

    /// <summary>A string, template literal (with its expressions) or regex literal, never to be changed.</summary>
    Literal,

    /// <summary>An identifier, keyword or part of a number.</summary>
    Word,

    /// <summary>Any other character of code; ++ and -- are one token each.</summary>
    Punctuator,
}

/// <summary>A token: its kind and where it lies in the source.</summary>
internal readonly record struct ScriptToken(ScriptTokenKind Kind, int Start, int End)
{
    public int Length => End - Start;

    public bool Is(string source, string text) => Length == text.Length && string.CompareOrdinal(source, Start, text, 0, Length) == 0;

    public string Text(string source) => source[Start..End];
}

/// <summary>
/// Splits JavaScript into tokens, just finely enough to tell code from comments and literals: a minifier must not
/// touch a string, template literal or regex, and a bundler must not read "import" inside one.
/// </summary>
internal sealed class ScriptLexer
{
    // After these a '/' starts a regex literal: an operand is expected. After ++ and -- (which end an operand when
    // postfix) and after ) ] or a name or number it is a division.
    private const string OperandExpectedAfter = "(,=:[!&|?{};+-*%<>~^/";

    private static readonly HashSet<string> OperandExpectedAfterKeyword =
        ["return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "yield", "await"];

    private readonly string _source;
    private int _position;

    // The last two tokens that were neither space, comment nor line break: whether a '/' is a regex depends on them.
    private ScriptToken? _previous;
    private ScriptToken? _beforePrevious;

    private ScriptLexer(string source) => _source = source;

    public static IEnumerable<ScriptToken> Tokens(string source)
    {
        var lexer = new ScriptLexer(source);
        while (lexer.Next() is { } token)
        {
            yield return token;
        }
    }

    private ScriptToken? Next()
    {
        if (_position >= _source.Length)
        {
            return null;
        }

        var start = _position;
        var c = _source[start];
        if (IsLineBreak(c))
        {
            _position += c == '\r' && At(start + 1) == '\n' ? 2 : 1;
            return new ScriptToken(ScriptTokenKind.LineBreak, start, _position);
        }

        if (IsSpace(c))
        {
            while (_position < _source.Length && IsSpace(_source[_position]))
            {
                _position++;
            }

            return new ScriptToken(ScriptTokenKind.Space, start, _position);
        }

        if (c == '/' && At(start + 1) == '/')
        {
            while (_position < _source.Length && !IsLineBreak(_source[_position]))
            {
                _position++;
            }

            return new ScriptToken(ScriptTokenKind.Comment, start, _position);
        }

        if (c == '/' && At(start + 1) == '*')
        {
            var close = _source.IndexOf("*/", start + 2, StringComparison.Ordinal);
            _position = close < 0 ? _source.Length : close + 2;
            var acrossLines = _source.AsSpan(start, _position - start).IndexOfAny("\n\r\u2028\u2029") >= 0;
            return new ScriptToken(acrossLines ? ScriptTokenKind.LineBreakingComment : ScriptTokenKind.Comment, start, _position);
        }

        var kind = c switch
        {
            '\'' or '"' => ReadString(c),
            '`' => ReadTemplate(),
            '/' when OperandExpected() && TryReadRegex() => ScriptTokenKind.Literal,
            _ when IsWordPart(c) => ReadWord(),
            _ => ReadPunctuator(c),
        };
        var token = new ScriptToken(kind, start, _position);
        (_beforePrevious, _previous) = (_previous, token);
        return token;
    }

    private bool OperandExpected() => _previous switch
    {
        null => true,
        { Kind: ScriptTokenKind.Punctuator } p => p.Length == 1 && OperandExpectedAfter.Contains(_source[p.Start]),
        // A keyword, unless it is a property's name (x.return / 2).
        { Kind: ScriptTokenKind.Word } w => OperandExpectedAfterKeyword.Contains(w.Text(_source)) && _beforePrevious?.Is(_source, ".") != true,
        _ => false,
    };

    private ScriptTokenKind ReadString(char quote)
    {
        _position++;
        while (_position < _source.Length)
        {
            var c = _source[_position];
            if (c == '\\')
            {
                // A backslash before a line break continues the string on the next line.
                _position += At(_position + 1) == '\r' && At(_position + 2) == '\n' ? 3 : 2;
            }
            else if (c == quote)
            {
                _position++;
                break;
            }
            else if (c is '\n' or '\r')
            {
                // Unterminated: the source does not parse anyway; the line break stays code.
                break;
            }
            else
            {
                _position++;
            }
        }

        _position = Math.Min(_position, _source.Length);
        return ScriptTokenKind.Literal;
    }

    // The whole template, with the code of its ${ } expressions, which may hold braces, strings, comments and templates.
    private ScriptTokenKind ReadTemplate()
    {
        _position++;
        while (_position < _source.Length)
        {
            var c = _source[_position];
            if (c == '\\')
            {
                _position += 2;
            }
            else if (c == '`')
            {
                _position++;
                break;
            }
            else if (c == '$' && At(_position + 1) == '{')
            {
                _position += 2;
                SkipExpression();
            }
            else
            {
                _position++;
            }
        }

        _position = Math.Min(_position, _source.Length);
        return ScriptTokenKind.Literal;
    }

    // Reads up to and including the } that closes a template's ${, counting the braces of the code in between.
    private void SkipExpression()
    {
        var (previous, beforePrevious) = (_previous, _beforePrevious);
        (_previous, _beforePrevious) = (null, null);
        var depth = 0;
        while (Next() is { } token)
        {
            if (token.Is(_source, "{"))
            {
                depth++;
            }
            else if (token.Is(_source, "}") && depth-- == 0)
            {
                break;
            }
        }

        (_previous, _beforePrevious) = (previous, beforePrevious);
    }

    // A regex ends at a '/' outside a character class; one that meets a line break or the end was a division after all.
    private bool TryReadRegex()
    {
        var at = _position + 1;
        var inClass = false;
        while (at < _source.Length && !IsLineBreak(_source[at]))
        {
            var c = _source[at];
            if (c == '\\')
            {
                at++;
                if (at >= _source.Length || IsLineBreak(_source[at]))
                {
                    return false;
                }
            }
            else if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }
            else if (c == '/' && !inClass)
            {
                _position = at + 1;
                ReadWord();
                return true;
            }

            at++;
        }

        return false;
    }

    private ScriptTokenKind ReadWord()
    {
        while (_position < _source.Length && IsWordPart(_source[_position]))
        {
            _position++;
        }

        return ScriptTokenKind.Word;
    }

    private ScriptTokenKind ReadPunctuator(char c)
    {
        _position += c is '+' or '-' && At(_position + 1) == c ? 2 : 1;
        return ScriptTokenKind.Punctuator;
    }

    private char At(int index) => index < _source.Length ? _source[index] : '\0';

    private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u2028' or '\u2029';

    private static bool IsSpace(char c) =>
        c is ' ' or '\t' or '\v' or '\f' or '\u00a0' or '\ufeff' || (c > '\u007f' && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator);

    // Names may hold any letter and \u escapes; numbers come out in pieces (1.5e-3 is 1 . 5e - 3), which is enough.
    private static bool IsWordPart(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '_' or '$' or '\\' || (c > '\u007f' && !IsSpace(c) && !IsLineBreak(c));
}
