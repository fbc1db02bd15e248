namespace Archive.Site.Views;

/// <summary>A report as a reader sees it: metadata, table of contents, text with citable anchors, provenance.</summary>
public sealed record ReportPage(
    ReportSummary Report,
    string PageTitle,
    IReadOnlyList<Crumb> Breadcrumbs,
    string DeadlineText,
    string? SourceUrl,
    string? OriginalUrl,
    string? OriginalName,
    string? Sha256,
    string? Encoding,
    IReadOnlyList<TocEntry> Toc,
    IReadOnlyList<ParagraphView> Preamble,
    IReadOnlyList<SectionView> Sections,
    IReadOnlyList<string> RemovedChrome,
    IReadOnlyList<InferenceView> Uncertain,
    ReportSummary? Previous,
    ReportSummary? Next);

/// <summary>A link in the trail from home to the current page.</summary>
public sealed record Crumb(string Name, string Url);

/// <summary>An entry of the table of contents, indented by level.</summary>
public sealed record TocEntry(string Anchor, int Level, string Heading);

/// <summary>A paragraph with its citation anchor.</summary>
public sealed record ParagraphView(string Anchor, string Text);

/// <summary>A section heading, its paragraphs and subsections.</summary>
public sealed record SectionView(string Anchor, int Level, string Heading, IReadOnlyList<ParagraphView> Paragraphs, IReadOnlyList<SectionView> Children);

/// <summary>A metadata field a person should still check, with the importer's reason.</summary>
public sealed record InferenceView(string Field, string Value, string Confidence, string Reason);
