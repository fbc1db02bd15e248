namespace Archive.Search.Contract;

/// <summary>BM25 as FORMAT.md §3 fixes it, computed from exact hit counts so the CLI and the browser agree.</summary>
public static class Bm25
{
    public const double K1 = 1.2;
    public const double B = 0.75;

    /// <summary>The boost for a term whose normalized form is one dictionary word (FORMAT.md §3).</summary>
    public const double WordBoost = 1.5;

    public static double Idf(int documentFrequency, int documentCount) =>
        Math.Log(1 + ((documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5)));

    public static double Score(int termFrequency, int documentFrequency, int documentCount, int length, double averageLength) =>
        Idf(documentFrequency, documentCount) * Saturation(termFrequency, LengthNorm(length, averageLength));

    /// <summary>k1 (1 − b + b · dl / avgdl): a document's part of the saturation, the same for every term.</summary>
    public static double LengthNorm(int length, double averageLength) => K1 * (1 - B + (B * length / averageLength));

    /// <summary>tf (k1 + 1) / (tf + the document's length norm): a term's score in a document, before idf.</summary>
    public static double Saturation(double termFrequency, double lengthNorm) => termFrequency * (K1 + 1) / (termFrequency + lengthNorm);
}
