using YamlDotNet.RepresentationModel;

namespace Archive.Corpus;

/// <summary>
/// Reads front matter written the way <see cref="ReportFile.Format"/> writes it, without a general YAML parser:
/// maps indented by two spaces, lists of "- item" lines, double-quoted scalars with the escapes
/// <see cref="YamlText.Quote"/> makes, and plain words, numbers and dates. Anything else (flow style, comments, tags,
/// single quotes, block scalars, other indentation, a repeated key) gives null, and the caller parses with YamlDotNet,
/// which knows all of YAML and where each node is. Reading 50,000 reports, YamlDotNet was a tenth of the build.
/// </summary>
internal static class PlainFrontMatter
{
    private const int Step = 2;

    /// <summary>The lines between the fences as a map, or null when they are not in the plain form.</summary>
    public static YamlMappingNode? TryParse(ReadOnlySpan<string> lines)
    {
        var at = 0;
        var map = Mapping(lines, ref at, 0);
        return map is not null && map.Children.Count > 0 && at == lines.Length ? map : null;
    }

    private static YamlMappingNode? Mapping(ReadOnlySpan<string> lines, ref int at, int indent)
    {
        var map = new YamlMappingNode();
        for (SkipBlank(lines, ref at); at < lines.Length && Indent(lines[at]) >= indent; SkipBlank(lines, ref at))
        {
            var line = lines[at];
            var colon = line.IndexOf(':', indent);
            if (Indent(line) != indent || colon < 0 || !IsKey(line.AsSpan(indent, colon - indent)))
            {
                return null;
            }

            var key = new YamlScalarNode(line[indent..colon]);
            var rest = line.AsSpan(colon + 1).TrimEnd(' ');
            at++;
            YamlNode? value;
            if (rest.IsEmpty)
            {
                // A nested map or list, two spaces in (an empty value is left to YAML).
                SkipBlank(lines, ref at);
                if (at == lines.Length || Indent(lines[at]) != indent + Step)
                {
                    return null;
                }

                value = lines[at].AsSpan(indent + Step).StartsWith("- ")
                    ? Sequence(lines, ref at, indent + Step)
                    : Mapping(lines, ref at, indent + Step);
            }
            else
            {
                value = rest[0] == ' ' ? Scalar(rest.TrimStart(' ')) : null;
            }

            if (value is null || map.Children.ContainsKey(key))
            {
                return null;
            }

            map.Add(key, value);
        }

        return map;
    }

    private static YamlSequenceNode? Sequence(ReadOnlySpan<string> lines, ref int at, int indent)
    {
        var sequence = new YamlSequenceNode();
        for (SkipBlank(lines, ref at); at < lines.Length && Indent(lines[at]) >= indent; SkipBlank(lines, ref at))
        {
            var line = lines[at];
            if (Indent(line) != indent || !line.AsSpan(indent).StartsWith("- "))
            {
                return null;
            }

            if (Scalar(line.AsSpan(indent + Step).Trim(' ')) is not { } item)
            {
                return null;
            }

            sequence.Add(item);
            at++;
        }

        return sequence;
    }

    private static YamlScalarNode? Scalar(ReadOnlySpan<char> text) =>
        text.IsEmpty ? null
        : text[0] == '"' ? Quoted(text)
        : IsPlainWord(text) ? new YamlScalarNode(text.ToString())
        : null;

    /// <summary>A double-quoted scalar that ends the line, with the escapes <see cref="YamlText.Quote"/> writes.</summary>
    private static YamlScalarNode? Quoted(ReadOnlySpan<char> text)
    {
        if (text.Length < 2 || text[^1] != '"')
        {
            return null;
        }

        var inside = text[1..^1];
        var value = new System.Text.StringBuilder(inside.Length);
        for (var i = 0; i < inside.Length; i++)
        {
            var c = inside[i];
            if (c == '"')
            {
                return null;
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (++i == inside.Length)
            {
                return null;
            }

            switch (inside[i])
            {
                case '"' or '\\':
                    value.Append(inside[i]);
                    break;
                case 'n':
                    value.Append('\n');
                    break;
                case 'r':
                    value.Append('\r');
                    break;
                case 't':
                    value.Append('\t');
                    break;
                case 'u' when i + 4 < inside.Length && ushort.TryParse(inside.Slice(i + 1, 4), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var code):
                    value.Append((char)code);
                    i += 4;
                    break;
                default:
                    return null;
            }
        }

        return new YamlScalarNode(value.ToString()) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted };
    }

    // Letters, digits and - . _ / +, starting with a letter or digit: years, dates, true/false, levels, hashes. Such
    // a word means the same to every YAML reader (no ': ', ' #', leading indicator or space can change it).
    private static bool IsPlainWord(ReadOnlySpan<char> text)
    {
        if (!char.IsAsciiLetterOrDigit(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '.' or '_' or '/' or '+'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsKey(ReadOnlySpan<char> key)
    {
        if (key.IsEmpty || !char.IsAsciiLetter(key[0]))
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static int Indent(string line)
    {
        var indent = 0;
        while (indent < line.Length && line[indent] == ' ')
        {
            indent++;
        }

        return indent;
    }

    private static void SkipBlank(ReadOnlySpan<string> lines, ref int at)
    {
        while (at < lines.Length && lines[at].AsSpan().Trim(' ').IsEmpty)
        {
            at++;
        }
    }
}
