using System.IO.Compression;
using System.Net;
using System.Text;

namespace Archive.Collect.Warc;

/// <summary>
/// Writes one WARC 1.1 file, every record its own gzip member (the usual .warc.gz, so a replay index can point at a
/// record's offset and a reader can start there), to "&lt;path&gt;.partial", renamed to the path on
/// <see cref="Complete"/>. Each record is compressed whole in memory, written at the end of the last whole record and
/// flushed to disk before the call returns: a crash mid-run loses at most the record being written. A writer disposed
/// without <see cref="Complete"/> (an interrupted run) cuts the file back to the end of its last whole record and
/// renames it, or deletes it when it holds nothing but its warcinfo record; so no file under the final name ever ends
/// in a torn record, and no WARC file is left that holds no capture.
/// </summary>
public sealed class WarcWriter : IDisposable
{
    public const string IdenticalPayloadProfile = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest";
    public const string ServerNotModifiedProfile = "http://netpreserve.org/warc/1.1/revisit/server-not-modified";
    public const string Format = "WARC File Format 1.1";
    public const string ConformsTo = "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/";

    /// <summary>
    /// What a response's Transfer-Encoding field is stored as. The collector keeps the payload as HttpClient hands it
    /// over, already de-chunked: a block that still said "Transfer-Encoding: chunked" would make replay tools and
    /// readers (warcio, pywb) try to de-chunk it again and fail or garble it. The original value stays visible under
    /// this name, the convention of the X-Archive-Orig- prefix other crawlers use for fields they rewrite.
    /// </summary>
    public const string StoredTransferEncoding = "X-Archive-Orig-Transfer-Encoding";

    private static readonly byte[] RecordEnd = "\r\n\r\n"u8.ToArray();

    private readonly FileStream _file;
    private readonly string _partial;
    private readonly string _warcinfoId;
    private long _end;
    private int _captures;
    private bool _closed;

    private WarcWriter(string path, string partial, FileStream file, IReadOnlyList<KeyValuePair<string, string>> warcinfo)
    {
        Path = path;
        _partial = partial;
        _file = file;
        _warcinfoId = NewId();
        var block = new StringBuilder();
        foreach (var (name, value) in WithFormat(warcinfo))
        {
            CheckField(name, value);
            block.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        var fields = new List<KeyValuePair<string, string>> { new("WARC-Filename", System.IO.Path.GetFileName(path)) };
        var text = Encoding.UTF8.GetBytes(block.ToString());
        Append(_warcinfoId, "warcinfo", target: null, DateTimeOffset.UtcNow, fields, "application/warc-fields", text, payloadDigest: null);
    }

    /// <summary>The final path, which holds the file only once it is complete (or cut back to whole records).</summary>
    public string Path { get; }

    /// <summary>The file written until it is complete; tests reach it to tear a record as a crash would.</summary>
    internal FileStream PartialFile => _file;

    /// <summary>
    /// Starts a WARC file whose first record is a warcinfo record with <paramref name="warcinfo"/> (software, operator,
    /// robots…; "format" and "conformsTo" are added when not given). A file already at <paramref name="path"/> is
    /// refused rather than overwritten, since it is a finished capture; a stale "*.partial" beside it is the leftover of
    /// a killed run and is replaced.
    /// </summary>
    public static WarcWriter Create(string path, IReadOnlyList<KeyValuePair<string, string>> warcinfo)
    {
        ArgumentNullException.ThrowIfNull(warcinfo);
        var full = System.IO.Path.GetFullPath(path);
        if (File.Exists(full))
        {
            throw new IOException($"{full} exists already; a WARC file is not overwritten");
        }

        var partial = full + ".partial";
        var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.Read);
        try
        {
            return new WarcWriter(full, partial, file, warcinfo);
        }
        catch
        {
            file.Dispose();
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>Writes a request record, tied to the response it was answered by; returns its record id.</summary>
    public string WriteRequest(Uri target, DateTimeOffset date, HttpMessage request, string concurrentTo)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new List<KeyValuePair<string, string>> { new("WARC-Concurrent-To", CheckId(concurrentTo, nameof(concurrentTo))) };
        return Capture("request", target, date, fields, "application/http;msgtype=request", request.ToBytes(), payloadDigest: null);
    }

    /// <summary>
    /// Writes a response record, its WARC-Payload-Digest over the payload as stored (still content-encoded when the
    /// server compressed it); returns its record id.
    /// </summary>
    public string WriteResponse(Uri target, DateTimeOffset date, HttpMessage response, string? ipAddress)
    {
        ArgumentNullException.ThrowIfNull(response);
        var fields = new List<KeyValuePair<string, string>>();
        if (ipAddress is not null)
        {
            fields.Add(new("WARC-IP-Address", IPAddress.TryParse(ipAddress, out var ip) ? ip.ToString()
                : throw new ArgumentException($"not an IP address: {ipAddress}", nameof(ipAddress))));
        }

        var stored = Stored(response);
        return Capture("response", target, date, fields, "application/http;msgtype=response", stored.ToBytes(), WarcDigest.Sha1Base32(stored.Payload));
    }

    /// <summary>
    /// Writes a revisit record: the response's head only, pointing at the earlier response whose payload it repeats.
    /// The profile follows the status: a 304 says the server confirmed nothing changed (server-not-modified), any other
    /// status that the payload fetched again had the digest of the one stored (identical-payload-digest).
    /// </summary>
    public string WriteRevisit(Uri target, DateTimeOffset date, HttpMessage responseHead, string refersTo, Uri refersToTarget, DateTimeOffset refersToDate, string payloadDigest)
    {
        ArgumentNullException.ThrowIfNull(responseHead);
        ArgumentException.ThrowIfNullOrWhiteSpace(payloadDigest);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("WARC-Refers-To", CheckId(refersTo, nameof(refersTo))),
            new("WARC-Refers-To-Target-URI", Absolute(refersToTarget, nameof(refersToTarget))),
            new("WARC-Refers-To-Date", WarcFormat.FormatDate(refersToDate)),
            new("WARC-Profile", responseHead.Status == 304 ? ServerNotModifiedProfile : IdenticalPayloadProfile),
        };
        var head = Stored(responseHead) with { Payload = [] };
        return Capture("revisit", target, date, fields, "application/http;msgtype=response", head.ToBytes(), payloadDigest);
    }

    /// <summary>Ends the file and puts it under its final name.</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        Close(keep: true);
    }

    /// <summary>
    /// Without <see cref="Complete"/>: keeps the whole records under the final name (dropping any torn one), or
    /// deletes the partial file when it holds no capture.
    /// </summary>
    public void Dispose()
    {
        if (!_closed)
        {
            Close(keep: _captures > 0);
        }
    }

    private void Close(bool keep)
    {
        _closed = true;
        try
        {
            if (keep)
            {
                _file.SetLength(_end);
                _file.Flush(flushToDisk: true);
            }
        }
        finally
        {
            _file.Dispose();
        }

        if (keep)
        {
            File.Move(_partial, Path);
        }
        else
        {
            File.Delete(_partial);
        }
    }

    private string Capture(string type, Uri target, DateTimeOffset date, List<KeyValuePair<string, string>> fields, string contentType, byte[] block, string? payloadDigest)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        var id = NewId();
        Append(id, type, Absolute(target, nameof(target)), date, fields, contentType, block, payloadDigest);
        _captures++;
        return id;
    }

    private void Append(string id, string type, string? target, DateTimeOffset date, List<KeyValuePair<string, string>> fields, string contentType, byte[] block, string? payloadDigest)
    {
        var head = new StringBuilder("WARC/1.1\r\n");
        void Field(string name, string value)
        {
            CheckField(name, value);
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        Field("WARC-Type", type);
        Field("WARC-Record-ID", id);
        Field("WARC-Date", WarcFormat.FormatDate(date));
        if (target is not null)
        {
            Field("WARC-Target-URI", target);
        }

        if (type != "warcinfo")
        {
            Field("WARC-Warcinfo-ID", _warcinfoId);
        }

        foreach (var (name, value) in fields)
        {
            Field(name, value);
        }

        Field("Content-Type", contentType);
        Field("WARC-Block-Digest", WarcDigest.Sha1Base32(block));
        if (payloadDigest is not null)
        {
            Field("WARC-Payload-Digest", payloadDigest);
        }

        Field("Content-Length", block.LongLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
        head.Append("\r\n");

        var member = new MemoryStream();
        using (var gzip = new GZipStream(member, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(head.ToString()));
            gzip.Write(block);
            gzip.Write(RecordEnd);
        }

        // Written where the last whole record ended, so bytes a failed write left behind are overwritten, not kept.
        _file.Position = _end;
        _file.Write(member.GetBuffer(), 0, (int)member.Length);
        _file.Flush(flushToDisk: true);
        _end = _file.Position;
    }

    private static HttpMessage Stored(HttpMessage message) => message with
    {
        Headers = [.. message.Headers.Select(h => string.Equals(h.Key, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
            ? new KeyValuePair<string, string>(StoredTransferEncoding, h.Value)
            : h)],
    };

    private static IEnumerable<KeyValuePair<string, string>> WithFormat(IReadOnlyList<KeyValuePair<string, string>> warcinfo)
    {
        bool Has(string name) => warcinfo.Any(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase));
        return [.. warcinfo, .. Has("format") ? [] : new[] { KeyValuePair.Create("format", Format) },
            .. Has("conformsTo") ? [] : new[] { KeyValuePair.Create("conformsTo", ConformsTo) }];
    }

    private static string NewId() => $"<urn:uuid:{Guid.NewGuid()}>";

    private static string Absolute(Uri uri, string parameter)
    {
        ArgumentNullException.ThrowIfNull(uri, parameter);
        return uri.IsAbsoluteUri ? uri.AbsoluteUri : throw new ArgumentException($"not an absolute URI: {uri}", parameter);
    }

    private static string CheckId(string id, string parameter) =>
        id is ['<', .., '>'] && !id.Any(char.IsWhiteSpace) ? id
            : throw new ArgumentException($"not a WARC record id in angle brackets: {id}", parameter);

    /// <summary>A line break inside a field would end it early and let the rest be read as another field.</summary>
    private static void CheckField(string name, string value)
    {
        if (name.Length == 0 || name.AsSpan().IndexOfAny(":\r\n \t") >= 0 || value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException($"not a WARC field: \"{name}: {value}\"");
        }
    }
}
