namespace Archive.Import;

/// <summary>How 'archive import' reads what needs outside programs.</summary>
/// <param name="OcrPageLimit">How long OCR (or rendering) of one page may take before it is stopped as a failure.</param>
/// <param name="Progress">Hears of long reads as they go: a message such as "a.pdf: page 120 of 500".</param>
public sealed record ImportOptions(TimeSpan OcrPageLimit, Action<string>? Progress = null)
{
    /// <summary>Five minutes a page: a dense A4 page at 300 dpi takes Tesseract 5–30 s on one core.</summary>
    public static ImportOptions Default { get; } = new(TimeSpan.FromMinutes(5));
}
