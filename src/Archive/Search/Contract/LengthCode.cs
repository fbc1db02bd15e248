namespace Archive.Search.Contract;

/// <summary>
/// The quantized report length BM25 uses (FORMAT.md §3): one byte per report, half an octave apart, so the
/// browser can rank any number of reports from a small table and the CLI ranks with the very same numbers. Half an
/// octave, not a quarter: at 50,000 reports the table is fetched by every first query, and it compresses to 14.6 KB
/// against 20.4 KB (measured), while BM25's length factor moves by at most ±19% of the exact one.
/// </summary>
public static class LengthCode
{
    public static byte Of(int normalizedLength) =>
        (byte)Math.Min(255, Math.Round(2 * Math.Log2(Math.Max(1, normalizedLength)), MidpointRounding.AwayFromZero));

    public static int Length(byte code) => (int)Math.Round(Math.Pow(2, code / 2.0), MidpointRounding.AwayFromZero);

    /// <summary>The length BM25 sees for a report of the given normalized length.</summary>
    public static int Quantize(int normalizedLength) => Length(Of(normalizedLength));
}
