using System.Text;

namespace Archive.Site.Assets;

/// <summary>
/// Makes JavaScript smaller without changing what it does: comments, indentation, trailing spaces and blank lines go.
/// Every other line break stays, because automatic semicolon insertion depends on them, and strings, template literals
/// and regexes are copied unchanged.
/// </summary>
public static class ScriptMinifier
{
    /// <summary>The source without comments, blank lines and the spaces around each line; lines end with \n.</summary>
    public static string Minify(string source)
    {
        var output = new StringBuilder(source.Length);
        var line = new StringBuilder();
        var spaceBefore = false;
        foreach (var token in ScriptLexer.Tokens(source))
        {
            switch (token.Kind)
            {
                case ScriptTokenKind.Space or ScriptTokenKind.Comment:
                    // A space where the line goes on, so that a/* c */b does not become ab; none at the line's ends.
                    spaceBefore = line.Length > 0;
                    break;
                case ScriptTokenKind.LineBreak or ScriptTokenKind.LineBreakingComment:
                    EndLine(output, line);
                    spaceBefore = false;
                    break;
                default:
                    if (spaceBefore)
                    {
                        line.Append(' ');
                        spaceBefore = false;
                    }

                    line.Append(source, token.Start, token.Length);
                    break;
            }
        }

        EndLine(output, line);
        return output.ToString();
    }

    private static void EndLine(StringBuilder output, StringBuilder line)
    {
        if (line.Length > 0)
        {
            output.Append(line).Append('\n');
            line.Clear();
        }
    }
}
