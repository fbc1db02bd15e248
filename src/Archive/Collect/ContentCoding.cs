using System.IO.Compression;

namespace Archive.Collect;

/// <summary>
/// Undoes a response's Content-Encoding (gzip, deflate, br). The WARC keeps the payload as the server sent it; the
/// importers need the document itself.
/// </summary>
public static class ContentCoding
{
    public static byte[] Decode(byte[] payload, string? contentEncoding)
    {
        var coding = contentEncoding?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(coding) || coding == "identity" || payload.Length == 0)
        {
            return payload;
        }

        using var input = new MemoryStream(payload);
        using Stream decoder = coding switch
        {
            "gzip" or "x-gzip" => new GZipStream(input, CompressionMode.Decompress),
            "deflate" => new ZLibStream(input, CompressionMode.Decompress),
            "br" => new BrotliStream(input, CompressionMode.Decompress),
            _ => throw new InvalidDataException($"the response is encoded as '{contentEncoding}', which the collector cannot undo."),
        };
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }
}
