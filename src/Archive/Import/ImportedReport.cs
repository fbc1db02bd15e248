using Archive.Corpus;

namespace Archive.Import;

/// <summary>What importing one report did: where it came from, the report file written, and notes for the user.</summary>
public sealed record ImportedReport(
    string SourcePath,
    string ReportPath,
    Report Report,
    string? Encoding,
    IReadOnlyList<string> Notes);
