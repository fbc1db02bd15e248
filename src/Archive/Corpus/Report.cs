namespace Archive.Corpus;

/// <summary>The original file a report was imported from, kept byte for byte for provenance.</summary>
public sealed record ReportOriginal(string Path, string Sha256, string? Encoding)
{
    /// <summary>How the text was read from a scanned original by OCR; null when it was read as text.</summary>
    public OcrReading? Ocr { get; init; }

    /// <summary>Where and when 'archive fetch' collected the original; null when it was imported from a saved file.</summary>
    public FetchRecord? Fetched { get; init; }
}

/// <summary>
/// The exchange an original was collected in: the address its bytes came from, when, and the WARC record (in a
/// file of input/warc/) that holds the request and response as the server sent them.
/// </summary>
/// <param name="Url">The address the original's bytes came from (after redirects).</param>
/// <param name="At">When the response arrived (UTC).</param>
/// <param name="Warc">The WARC file, relative to input/ (e.g. warc/20261207T010203Z.warc.gz).</param>
/// <param name="RecordId">The WARC-Record-ID of the response record, e.g. &lt;urn:uuid:…&gt;.</param>
public sealed record FetchRecord(string Url, DateTimeOffset At, string Warc, string RecordId);

/// <summary>The OCR engine that read some pages of an original, and its mean confidence (0–100) on each of them.</summary>
public sealed record OcrReading(string Engine, IReadOnlyList<OcrPageConfidence> Pages);

/// <summary>One page read by OCR, numbered from 1, with the engine's mean word confidence on it (0–100).</summary>
public sealed record OcrPageConfidence(int Page, double Confidence);

/// <summary>One published report of one bureau about one year, as read from input/.</summary>
public sealed record Report(
    string Id,
    string Title,
    string BureauId,
    int Year,
    DateOnly? Published,
    string? SourceUrl,
    ReportOriginal? Original,
    ReportText Text,
    IReadOnlyList<string> RemovedChrome,
    IReadOnlyList<Inference> Inferences,
    bool Reviewed,
    string SourceFile)
{
    /// <summary>
    /// SHA-256 of the report file's bytes, when read from input/ (empty otherwise): what was derived from the file is
    /// unchanged while this and the program are, so later stages can tell an unchanged report without rehashing it.
    /// </summary>
    public string SourceHash { get; init; } = "";

    /// <summary>The report's text, parsed from its file on each call where it was read from input/: take it once.</summary>
    public ReportBody ReadBody() => Text.Parse();

    /// <summary>Inferences a person should still look at: not reviewed and not certain.</summary>
    public IEnumerable<Inference> Uncertain => Reviewed ? [] : Inferences.Where(i => !i.IsCertain);
}
