namespace Archive.Corpus;

/// <summary>
/// What the last read of input/ knew of each report file and original (the build cache keeps it): a file that still
/// has the size and write time it had then is not read, hashed nor parsed again.
/// </summary>
public interface IKnownReports
{
    /// <summary>
    /// The report parsed from <paramref name="file"/> (display path) by the last read, when the file still has that
    /// size and write time, as <paramref name="attach"/> makes it (with its text attached); null otherwise.
    /// </summary>
    Report? Find(string file, long size, long writeTicks, Func<Report, Report> attach);

    /// <summary>Remembers a report read from its file, which had this size and write time before it was read.</summary>
    void Add(string file, long size, long writeTicks, Report report);

    /// <summary>
    /// The SHA-256 (lowercase hex) the last read found for the original file <paramref name="path"/>, when the file
    /// still has that size and write time; null otherwise.
    /// </summary>
    string? KnownOriginalHash(string path, long size, long writeTicks);

    /// <summary>Remembers the SHA-256 of an original file, which had this size and write time before it was read.</summary>
    void OriginalHashed(string path, long size, long writeTicks, string sha256);

    /// <summary>
    /// Keeps what this read found for the next one; it may do so while the caller goes on (see the implementation),
    /// but nothing it was told changes after this.
    /// </summary>
    void Save();
}
