using Archive.Corpus;

namespace Archive.Collect;

/// <summary>What became of one address: fresh bytes, the same bytes as an earlier run, or a failure with the reason.</summary>
public enum FetchState
{
    Fresh,
    Unchanged,
    Failed,
}

/// <summary>
/// The outcome of fetching one address, after redirects and retries. A fresh or unchanged result has the payload and
/// the WARC record that holds it (for an unchanged one, the earlier run's record); a failed one says what happened.
/// </summary>
/// <param name="Requested">The address asked for.</param>
/// <param name="Final">The address the payload came from, after redirects (the requested one when there were none).</param>
/// <param name="Payload">The document, its Content-Encoding undone (the WARC keeps it as sent).</param>
/// <param name="ContentType">The response's Content-Type header, or null.</param>
public sealed record FetchResult(FetchState State, Uri Requested, Uri Final, byte[] Payload, string? ContentType, FetchRecord? Record, string Message)
{
    public bool Succeeded => State is not FetchState.Failed;

    /// <summary>The HTTP status of the last answer (200 for a payload, also when it was 304); 0 when none came.</summary>
    public int Status { get; init; }

    public static FetchResult Failure(Uri requested, string message, int status) => new(FetchState.Failed, requested, requested, [], null, null, message) { Status = status };
}
