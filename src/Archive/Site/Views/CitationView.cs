namespace Archive.Site.Views;

/// <summary>
/// How a report is cited: the Highwire Press fields reference managers read from a page's head (Zotero's connector
/// among them), and the same record as RIS and BibTeX, offered as downloads in the page itself (data: links, so the
/// site gains no file per report).
/// </summary>
/// <param name="Author">The bureau that issued the report, a corporate author.</param>
/// <param name="Date">The published date as Highwire writes it (2020/12/17), or null when unknown.</param>
/// <param name="IsoDate">The published date as GB/T 7714 and BibTeX write it (2020-12-17), or null.</param>
/// <param name="PublicUrl">The report page's absolute address.</param>
/// <param name="RisHref">The RIS record as a data: URL.</param>
/// <param name="BibtexHref">The BibTeX record as a data: URL.</param>
public sealed record CitationView(
    string Title,
    string Author,
    string? Date,
    string? IsoDate,
    int Year,
    string PublicUrl,
    string? PdfUrl,
    string RisHref,
    string RisName,
    string BibtexHref,
    string BibtexName);
