using System.Text;

namespace Archive.Tests.Support;

/// <summary>
/// A CSV reader that accepts RFC 4180 and nothing else: records end in CRLF, a field is either free of quotes, commas
/// and line breaks or wholly quoted with inner quotes doubled, and every record has the header's number of fields.
/// Anything else (a bare quote, text after a closing quote, a lone LF, a short row) is a FormatException with its place.
/// </summary>
public static class StrictCsv
{
    public static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException($"record {records.Count + 1}: a quoted field is never closed");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    if (text[i] == '"')
                    {
                        throw new FormatException($"record {records.Count + 1}, field {fields.Count + 1}: a quote inside an unquoted field");
                    }

                    field.Append(text[i++]);
                }
            }

            fields.Add(field.ToString());
            field.Clear();
            if (i < text.Length && text[i] == ',')
            {
                i++;
                continue;
            }

            if (i + 1 < text.Length && text[i] == '\r' && text[i + 1] == '\n')
            {
                i += 2;
            }
            else if (i < text.Length)
            {
                throw new FormatException($"record {records.Count + 1}, field {fields.Count}: '{text[i]}' where a comma or CRLF must follow the field");
            }

            if (records.Count > 0 && fields.Count != records[0].Length)
            {
                throw new FormatException($"record {records.Count + 1} has {fields.Count} fields; the header has {records[0].Length}");
            }

            records.Add([.. fields]);
            fields.Clear();
        }

        if (i > 0 && !text.EndsWith("\r\n", StringComparison.Ordinal))
        {
            throw new FormatException("the last record does not end in CRLF");
        }

        return records;
    }
}
