namespace Archive.Collect.Warc;

/// <summary>
/// One WARC record as read back: its named fields (case-insensitive lookup, order kept) and its block. The fields stay
/// a list rather than a dictionary because WARC allows a field more than once (WARC-Concurrent-To) and a reader that
/// checks a file against what was written wants them in the order they were written.
/// </summary>
public sealed record WarcRecord(IReadOnlyList<KeyValuePair<string, string>> Fields, byte[] Block)
{
    /// <summary>WARC-Type: warcinfo, request, response, revisit…</summary>
    public string Type => Required("WARC-Type");

    /// <summary>WARC-Record-ID with its angle brackets, e.g. "&lt;urn:uuid:…&gt;", the form other records refer to it by.</summary>
    public string RecordId => Required("WARC-Record-ID");

    public DateTimeOffset Date => WarcFormat.ParseDate(Required("WARC-Date"))
        ?? throw new FormatException($"WARC-Date is not an ISO 8601 UTC time: {this["WARC-Date"]}");

    public string? TargetUri => this["WARC-Target-URI"];

    /// <summary>The first value of a field, or null when the record has none.</summary>
    public string? this[string field] =>
        Fields.FirstOrDefault(f => string.Equals(f.Key, field, StringComparison.OrdinalIgnoreCase)).Value;

    private string Required(string field) =>
        this[field] ?? throw new InvalidOperationException($"the record has no {field} field");
}
