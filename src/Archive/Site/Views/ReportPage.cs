namespace Archive.Site.Views;

/// <summary>
/// A report as a reader sees it: metadata, table of contents, text with citable anchors (<see cref="ReportBodyHtml"/>),
/// its key figures (<see cref="FigureTableHtml"/>), its key terms and similar reports of other bureaus, provenance.
/// </summary>
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
    string? OcrNote,
    FetchView? Fetched,
    IReadOnlyList<TocEntry> Toc,
    SafeHtml Body,
    IReadOnlyList<string> RemovedChrome,
    IReadOnlyList<InferenceView> Uncertain,
    ReportSummary? Previous,
    ReportSummary? Next,
    CitationView Citation,
    int FigureCount,
    SafeHtml FigureRows,
    string FiguresCsv,
    string FiguresJson,
    ComparisonView? Compare,
    string? CompareNextUrl,
    SharedTextView? Shared,
    IReadOnlyList<TermLink> KeyTerms,
    IReadOnlyList<SimilarView> Similar);

/// <summary>A key term of a report or bureau, and the address (from the site's root) of the search for it as a phrase.</summary>
public sealed record TermLink(string Term, string SearchUrl);

/// <summary>Another bureau's report similar to a report, and how similar, in percent (the cosine of their term vectors, rounded down).</summary>
public sealed record SimilarView(ReportSummary Report, int Percent);

/// <summary>
/// A report page's view digest: its view without the text, and the SHA-256s of the file the text is in and of the
/// file of the report it is compared with (none when it has no earlier year).
/// </summary>
public sealed record ReportPageDigestView(ReportPage Outline, string SourceHash, string? PreviousHash);

/// <summary>
/// The report against its bureau's report of the previous available year: that report, the summary
/// (与2022年相比：新增 N 段，删除 N 段，改写 N 段，N% 文字未变) and the marked blocks (<see cref="ComparisonHtml"/>).
/// </summary>
public sealed record ComparisonView(int Year, string Url, string Title, string Summary, SafeHtml Blocks);

/// <summary>
/// What a report shares with other bureaus' reports: how many of its paragraphs (listed, with where else they stand,
/// by <see cref="SharedTextHtml"/>), and the reports it mostly shares its text with.
/// </summary>
public sealed record SharedTextView(int ParagraphCount, IReadOnlyList<OverlapView> Overlaps, SafeHtml Rows, string DataUrl);

/// <summary>
/// Another bureau's report with which a report mostly shares its text: the percentage of this report's text in
/// paragraphs the other has too, and of the other's.
/// </summary>
public sealed record OverlapView(ReportSummary Other, int PercentOfThis, int PercentOfOther);

/// <summary>A bureau's report that mostly shares its text with other bureaus' reports.</summary>
public sealed record BureauOverlapView(ReportSummary Report, IReadOnlyList<OverlapView> Overlaps);

/// <summary>
/// How 'archive fetch' collected the original: the address (and as a reader reads it, percent-escapes decoded), when
/// (UTC, as text), and the WARC file and record.
/// </summary>
public sealed record FetchView(string Url, string UrlText, string At, string Warc, string RecordId);

/// <summary>A link in the trail from home to the current page.</summary>
public sealed record Crumb(string Name, string Url);

/// <summary>An entry of the table of contents, indented by level.</summary>
public sealed record TocEntry(string Anchor, int Level, string Heading);

/// <summary>A metadata field a person should still check, with the importer's reason.</summary>
public sealed record InferenceView(string Field, string Value, string Confidence, string Reason);
