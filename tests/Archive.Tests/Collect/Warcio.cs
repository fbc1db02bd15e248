using Archive.Tests.SearchClient;

namespace Archive.Tests.Collect;

/// <summary>Webrecorder's warcio (tests/js/warc-read.mjs) reading a WARC file: the independent check of what we write.</summary>
internal static class Warcio
{
    public static WarcioRecord[] Read(string path) => NodeScript.Run<WarcioRecord[]>("warc-read.mjs", Array.Empty<string>(), path);
}

/// <summary>A record as warcio reads it, with whether the block and payload digests it recomputed match the record's fields.</summary>
internal sealed record WarcioRecord(string Type, string Id, string Date, string? Target, long Length, string? PayloadDigest, string? PayloadSha256, int? HttpStatus, bool DigestsVerified);
