using Archive.Collect.Warc;
using Archive.Core;

namespace Archive.Collect;

/// <summary>
/// What earlier runs of 'archive fetch' collected, read back from their WARC files in input/warc/: for each address,
/// the last response with a payload. The WARC files are the only record, so nothing else can drift from them.
/// </summary>
public sealed class FetchHistory : IDisposable
{
    public const string Folder = "warc";

    private readonly string _inputDirectory;
    private readonly Dictionary<string, EarlierResponse> _latest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EarlierResponse> _byRecord = new(StringComparer.Ordinal);
    private IEnumerator<WarcRecord>? _cursor;
    private string? _cursorFile;

    private FetchHistory(string inputDirectory) => _inputDirectory = inputDirectory;

    /// <summary>Reads every finished WARC file of input/warc/ (file names start with their time, so name order is time order).</summary>
    public static FetchHistory Load(string inputDirectory)
    {
        var history = new FetchHistory(inputDirectory);
        var folder = Path.Combine(inputDirectory, Folder);
        if (!Directory.Exists(folder))
        {
            return history;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.warc.gz").Order(StringComparer.Ordinal))
        {
            var relative = Folder + "/" + Path.GetFileName(file);
            try
            {
                foreach (var record in WarcReader.Read(file))
                {
                    if (record.Type == "response" && record.TargetUri is { } target && HttpMessage.Parse(record.Block) is { Status: 200 } response)
                    {
                        history.Remember(new EarlierResponse(
                            new Uri(target), record.Date, record.RecordId, relative, record["WARC-Payload-Digest"] ?? WarcDigest.Sha1Base32(response.Payload),
                            response.Header("ETag"), response.Header("Last-Modified"), response.Header("Content-Type"), response.Header("Content-Encoding")));
                    }
                }
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or UriFormatException)
            {
                // The WARC files are the evidence reports cite: a damaged one is for a person to look at, not to skip.
                throw new InputException($"input/{relative}", null, $"is not a readable WARC file ({e.Message}); restore it from a backup, or move it out of input/{Folder}/ if no report cites it.");
            }
        }

        return history;
    }

    public EarlierResponse? Latest(Uri address) => _latest.GetValueOrDefault(address.AbsoluteUri);

    /// <summary>The stored response with this WARC-Record-ID, or null when no WARC file of input/warc/ holds it.</summary>
    public EarlierResponse? Record(string recordId) => _byRecord.GetValueOrDefault(recordId);

    public void Remember(EarlierResponse response)
    {
        _latest[response.Target.AbsoluteUri] = response;
        _byRecord[response.RecordId] = response;
    }

    /// <summary>
    /// The payload an earlier response stored, read again from its WARC file. A run asks for them mostly in the order
    /// they were collected, so reading goes on from the last record found, and starts the file again only when the
    /// record lies behind: a run over many unchanged reports reads each file about once, not once per report.
    /// </summary>
    public byte[] PayloadOf(EarlierResponse earlier)
    {
        var file = Path.Combine(_inputDirectory, earlier.Warc);
        try
        {
            for (var pass = 0; pass < 2; pass++)
            {
                if (_cursor is null || _cursorFile != file || pass == 1)
                {
                    _cursor?.Dispose();
                    _cursor = WarcReader.Read(file).GetEnumerator();
                    _cursorFile = file;
                }

                while (_cursor.MoveNext())
                {
                    if (_cursor.Current.RecordId == earlier.RecordId)
                    {
                        return HttpMessage.Parse(_cursor.Current.Block).Payload;
                    }
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new InputException($"input/{earlier.Warc}", null, $"could not be read again for {earlier.Target} ({e.Message}); restore it from a backup.");
        }

        throw new InputException($"input/{earlier.Warc}", null, $"no longer holds record {earlier.RecordId} of {earlier.Target}; the WARC files of input/{Folder}/ must not be edited.");
    }

    public void Dispose() => _cursor?.Dispose();
}

/// <summary>A response with a payload that an earlier run stored: enough to ask the server whether it changed.</summary>
public sealed record EarlierResponse(
    Uri Target,
    DateTimeOffset Date,
    string RecordId,
    string Warc,
    string PayloadDigest,
    string? ETag,
    string? LastModified,
    string? ContentType,
    string? ContentEncoding);
