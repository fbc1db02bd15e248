using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Archive.Collect.Warc;

/// <summary>
/// Reads a WARC file record by record, compressed (.warc.gz, one or many gzip members, told apart by the gzip magic
/// bytes rather than the name) or plain. Records are read as they are enumerated, so a file is never held whole in
/// memory. A record that breaks the format (no version line, a field without a name, a missing WARC-Type,
/// WARC-Record-ID, WARC-Date or Content-Length, a block shorter than its Content-Length, no CRLFCRLF after it, a
/// corrupt gzip member) stops the reading with an <see cref="InvalidDataException"/> that names the file and the
/// record's number, counted from 1: the files are the collector's only record, and a damaged one must be noticed,
/// not half read.
/// </summary>
public static class WarcReader
{
    /// <summary>Longer than any field line a writer sends; a "line" this long is binary garbage, not a header.</summary>
    private const int MaxLine = 1 << 16;

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IEnumerable<WarcRecord> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var input = Open(path);
        for (var number = 1; ; number++)
        {
            var record = Next(input, path, number);
            if (record is null)
            {
                yield break;
            }

            yield return record;
        }
    }

    private static Stream Open(string path)
    {
        var file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        var gzip = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        // GZipStream goes on from one member to the next, so a file of many members reads as one stream.
        return new BufferedStream(gzip ? new GZipStream(file, CompressionMode.Decompress) : file, 1 << 16);
    }

    private static WarcRecord? Next(Stream input, string path, int number)
    {
        try
        {
            return Parse(input);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or DecoderFallbackException)
        {
            throw new InvalidDataException($"{path}: record {number} is malformed: {e.Message}", e);
        }
    }

    /// <summary>The next record, or null at the end of the file.</summary>
    private static WarcRecord? Parse(Stream input)
    {
        var version = ReadLine(input);
        if (version is null)
        {
            return null;
        }

        if (version is not ("WARC/1.1" or "WARC/1.0"))
        {
            throw new InvalidDataException($"it starts with \"{Shorten(version)}\", not a WARC/1.1 or WARC/1.0 line");
        }

        var fields = new List<KeyValuePair<string, string>>();
        for (var line = ReadLine(input); line != ""; line = ReadLine(input))
        {
            if (line is null)
            {
                throw new EndOfStreamException("the file ends inside its header fields");
            }

            if (line[0] is ' ' or '\t' && fields.Count > 0)
            {
                fields[^1] = new(fields[^1].Key, fields[^1].Value + " " + line.Trim(' ', '\t'));
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidDataException($"a header line without a field name: \"{Shorten(line)}\"");
            }

            fields.Add(new(line[..colon], line[(colon + 1)..].Trim(' ', '\t')));
        }

        var record = new WarcRecord(fields, []);
        foreach (var required in new[] { "WARC-Type", "WARC-Record-ID", "WARC-Date", "Content-Length" })
        {
            if (string.IsNullOrEmpty(record[required]))
            {
                throw new InvalidDataException($"it has no {required} field");
            }
        }

        if (WarcFormat.ParseDate(record["WARC-Date"]!) is null)
        {
            throw new InvalidDataException($"its WARC-Date is not an ISO 8601 UTC time: {record["WARC-Date"]}");
        }

        if (!long.TryParse(record["Content-Length"], NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > Array.MaxLength)
        {
            throw new InvalidDataException($"its Content-Length is not a length this reader can hold: {record["Content-Length"]}");
        }

        var block = new byte[length];
        var read = input.ReadAtLeast(block, block.Length, throwOnEndOfStream: false);
        if (read < block.Length)
        {
            throw new EndOfStreamException($"the file ends {read} bytes into its {block.Length}-byte block");
        }

        Span<byte> end = stackalloc byte[4];
        if (input.ReadAtLeast(end, 4, throwOnEndOfStream: false) < 4 || !end.SequenceEqual("\r\n\r\n"u8))
        {
            throw new InvalidDataException("its block is not followed by CRLFCRLF (Content-Length does not match the block)");
        }

        return record with { Block = block };
    }

    /// <summary>One CRLF-ended line without its CRLF; null at the end of the stream before any byte.</summary>
    private static string? ReadLine(Stream input)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = input.ReadByte();
            if (b < 0)
            {
                return bytes.Count == 0 ? null : throw new EndOfStreamException("the file ends inside a header line");
            }

            if (b == '\n')
            {
                if (bytes.Count == 0 || bytes[^1] != '\r')
                {
                    throw new InvalidDataException("a header line ends in LF without CR");
                }

                return Utf8.GetString(bytes.ToArray(), 0, bytes.Count - 1);
            }

            if (bytes.Count == MaxLine)
            {
                throw new InvalidDataException($"a header line longer than {MaxLine} bytes");
            }

            bytes.Add((byte)b);
        }
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
