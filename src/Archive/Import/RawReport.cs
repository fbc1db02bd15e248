namespace Archive.Import;

/// <summary>
/// One report as read from a source file, before cleaning: its lines, the hints the source gave, and the
/// original bytes to keep for provenance.
/// </summary>
/// <param name="SourcePath">The file it came from, as the user named it.</param>
/// <param name="Name">What to call it in messages and to infer from: the file name, or file name and line for JSON Lines.</param>
/// <param name="OriginalExtension">The extension its original is stored under, e.g. ".txt" or ".json".</param>
/// <param name="Encoding">The text encoding of the original, or null for .docx and .pdf.</param>
public sealed record RawReport(
    string SourcePath,
    string Name,
    IReadOnlyList<string> Lines,
    PageHints Hints,
    byte[] OriginalBytes,
    string OriginalExtension,
    string? Encoding)
{
    /// <summary>What the reader already took out as not part of the report (a PDF's page numbers and running heads).</summary>
    public IReadOnlyList<string> Removed { get; init; } = [];

    /// <summary>How OCR read the pages that had no usable text, or null when every page was read as text.</summary>
    public Corpus.OcrReading? Ocr { get; init; }

    /// <summary>Where 'archive fetch' collected the original, or null for a file given to 'archive import'.</summary>
    public Corpus.FetchRecord? Fetched { get; init; }
}
