using Archive.Core;
using Archive.Corpus;
using Archive.Regions;

namespace Archive.Export;

/// <summary>
/// One report as a search engine stores it: the metadata the site and the open-data downloads show, the region as
/// the bureau's path of divisions, and the full text as a reader sees it (headings and paragraphs, one per line).
/// </summary>
internal sealed record ReportDocument(
    Report Report,
    Bureau Bureau,
    RegionPath Region,
    string Url,
    ReportBody Text,
    bool Late)
{
    /// <summary>The text the archive's own search matches besides the title: every heading and paragraph.</summary>
    public string Body => Text.PlainText;

    public IEnumerable<string> Headings => Text.AllSections.Select(s => s.Heading);

    public static ReportDocument Of(Corpus.Corpus corpus, Report report, DivisionTable divisions)
    {
        var bureau = corpus.BureauOf(report);
        // The same absolute address the feeds, sitemap and data/reports/YYYY/PPPPPP.jsonl give for the report's page.
        var url = corpus.Settings.AbsoluteRoot + SitePaths.Report(report.Id);
        return new ReportDocument(report, bureau, divisions.PathOf(bureau.DivisionCode), url, report.ReadBody(), corpus.IsLate(report));
    }
}
