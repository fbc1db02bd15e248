namespace Archive.Core;

/// <summary>
/// A digest of input/ (every file's path, size and write time), stored beside the Lucene index: when input/ changes
/// in any way, including a deleted report, the fingerprint differs and the index is rebuilt.
/// </summary>
public static class InputFingerprint
{
    public static string Of(string inputDirectory) => InputListing.Of(inputDirectory).Fingerprint;
}
