namespace Archive.Collect;

/// <summary>
/// The file extension a fetched document is read as: from its first bytes when they say (PDF, Word 97, Office Open
/// XML), else from its Content-Type, else from its address. Portals often send attachments as
/// application/octet-stream, and sometimes name a PDF .doc.
/// </summary>
public static class DocumentKind
{
    /// <summary>Whether a response is a web page: by its Content-Type, or (with none) by how its bytes begin.</summary>
    public static bool IsHtml(string? contentType, byte[] payload)
    {
        if (contentType is not null)
        {
            var media = contentType.Split(';')[0].Trim().ToLowerInvariant();
            return media is "text/html" or "application/xhtml+xml";
        }

        var head = System.Text.Encoding.ASCII.GetString(payload, 0, Math.Min(payload.Length, 512)).TrimStart().ToLowerInvariant();
        return head.StartsWith("<!doctype html", StringComparison.Ordinal) || head.StartsWith("<html", StringComparison.Ordinal);
    }

    public static string? ExtensionOf(string? contentType, Uri address, byte[] payload)
    {
        var fromAddress = Path.GetExtension(Uri.UnescapeDataString(address.AbsolutePath)).ToLowerInvariant();
        if (payload is [(byte)'%', (byte)'P', (byte)'D', (byte)'F', ..])
        {
            return ".pdf";
        }

        if (payload is [0xD0, 0xCF, 0x11, 0xE0, ..])
        {
            return fromAddress == ".wps" ? ".wps" : ".doc";
        }

        if (payload is [(byte)'P', (byte)'K', 3, 4, ..])
        {
            return fromAddress is ".zip" or ".xlsx" or ".pptx" or ".odt" ? fromAddress : ".docx";
        }

        var media = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        return media switch
        {
            "text/html" or "application/xhtml+xml" => ".html",
            "text/plain" => ".txt",
            "application/pdf" => ".pdf",
            "application/msword" => ".doc",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => ".docx",
            "application/kswps" or "application/wps-office.wps" => ".wps",
            _ when IsHtml(null, payload) => ".html",
            _ => fromAddress is ".html" or ".htm" or ".shtml" or ".txt" or ".pdf" or ".doc" or ".docx" or ".wps" ? fromAddress : null,
        };
    }
}
