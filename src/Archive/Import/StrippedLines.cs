namespace Archive.Import;

/// <summary>Lines that are the report's text, and the page-chrome lines taken out of it, in their original order.</summary>
public sealed record StrippedLines(IReadOnlyList<string> Kept, IReadOnlyList<string> Removed);
