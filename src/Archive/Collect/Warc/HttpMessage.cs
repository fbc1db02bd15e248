using System.Text;

namespace Archive.Collect.Warc;

/// <summary>
/// An HTTP message stored in a request, response or revisit block: start line, header fields (order and case kept),
/// payload. Header lines are bytes on the wire, not text, so they are read as Latin-1, which maps every byte to one
/// character and back: no byte a server sent (a UTF-8 or GBK file name in Content-Disposition) is lost or replaced.
/// </summary>
public sealed record HttpMessage(string StartLine, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Payload)
{
    private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();

    /// <summary>
    /// Splits a block at its first CRLFCRLF: what comes before is the start line and header fields, what comes after the
    /// payload (empty for a revisit, whose block is the head alone). A field folded onto the next line (obsolete, but
    /// old servers send it) is joined to its field with one space.
    /// </summary>
    public static HttpMessage Parse(byte[] block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var end = block.AsSpan().IndexOf(EndOfHead);
        if (end < 0)
        {
            throw new InvalidDataException("an HTTP message without the empty line that ends its header fields");
        }

        var lines = Encoding.Latin1.GetString(block, 0, end).Split("\r\n");
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && headers.Count > 0)
            {
                var last = headers[^1];
                headers[^1] = new(last.Key, (last.Value + " " + line.Trim(' ', '\t')).Trim(' '));
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidDataException($"an HTTP header line without a field name: {line}");
            }

            headers.Add(new(line[..colon], line[(colon + 1)..].Trim(' ', '\t')));
        }

        return new HttpMessage(lines[0], headers, block[(end + EndOfHead.Length)..]);
    }

    /// <summary>The status code of a response start line ("HTTP/1.1 200 OK"); null for a request line.</summary>
    public int? Status
    {
        get
        {
            var parts = StartLine.Split(' ', 3);
            return parts.Length >= 2 && parts[0].StartsWith("HTTP/", StringComparison.Ordinal) && parts[1].Length == 3
                && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var status)
                ? status
                : null;
        }
    }

    /// <summary>The first value of a header field, by a case-insensitive name as HTTP has it; null when absent.</summary>
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>
    /// The message as a WARC block holds it: start line, "Name: value" lines, an empty line, the payload, with CRLF line
    /// ends. A character above U+00FF (which no byte read by <see cref="Parse"/> gives, but a caller may) is written as
    /// UTF-8, what browsers send; a CR or LF inside a line is refused, since it would end the line early and let the
    /// rest be read as another header field.
    /// </summary>
    public byte[] ToBytes()
    {
        var head = new MemoryStream();
        WriteLine(head, StartLine, nameof(StartLine));
        foreach (var (name, value) in Headers)
        {
            if (name.Length == 0 || name.AsSpan().IndexOfAny(':', ' ', '\t') >= 0)
            {
                throw new ArgumentException($"not an HTTP header field name: \"{name}\"", nameof(Headers));
            }

            WriteLine(head, name + ": " + value, name);
        }

        head.Write("\r\n"u8);
        head.Write(Payload);
        return head.ToArray();
    }

    private static void WriteLine(MemoryStream to, string line, string what)
    {
        if (line.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException($"a line break inside the HTTP {what} line", nameof(Headers));
        }

        to.Write(line.All(c => c <= '\u00FF') ? Encoding.Latin1.GetBytes(line) : Encoding.UTF8.GetBytes(line));
        to.Write("\r\n"u8);
    }
}
