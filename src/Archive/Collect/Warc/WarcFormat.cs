using System.Globalization;

namespace Archive.Collect.Warc;

/// <summary>What the writer and the reader agree on: how a WARC-Date is written and read.</summary>
internal static class WarcFormat
{
    private static readonly string[] DateForms = ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];

    /// <summary>
    /// Whole seconds in UTC. WARC 1.1 allows a fraction, but WARC 1.0 readers, CDX indexes (14-digit timestamps) and
    /// replay tools key on the second, so a fraction would only make the same capture look different to them.
    /// </summary>
    public static string FormatDate(DateTimeOffset date) =>
        date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Reads whole seconds or a fraction of up to seven digits (as other writers may give), always in UTC.</summary>
    public static DateTimeOffset? ParseDate(string text) =>
        DateTimeOffset.TryParseExact(text, DateForms, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : null;
}
