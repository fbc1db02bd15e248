using System.Text.RegularExpressions;
using Archive.Import;

namespace Archive.Collect;

/// <summary>
/// Decides what to fetch and what of it is a report: a report page (its text, or the attachment it publishes the
/// report as), or a bureau's column page whose report links are followed, page after page. Every address is fetched
/// once per run, and a report reached twice (two links, or a redirect to one already collected) is collected once.
/// </summary>
public sealed class Collector(PoliteFetcher fetcher, Regex reportLinks, Action<string> progress)
{
    /// <summary>How many pages of one column are read at most: more is a listing that never ends.</summary>
    public const int MaxListingPages = 200;

    /// <summary>A page with at least this much text (characters other than white space) is the report itself.</summary>
    public const int ReportTextLength = 800;

    private readonly HashSet<string> _requested = new(StringComparer.Ordinal);
    private readonly HashSet<string> _collected = new(StringComparer.Ordinal);
    private readonly List<CollectedReport> _reports = [];
    private readonly List<string> _failures = [];

    public IReadOnlyList<CollectedReport> Reports => _reports;

    /// <summary>What could not be collected, each naming the address and what happened.</summary>
    public IReadOnlyList<string> Failures => _failures;

    public int ListingPages { get; private set; }

    /// <summary>Collects the report each address is: a report page, or a document.</summary>
    public async Task CollectReportAsync(Uri address, CancellationToken cancel)
    {
        if (!_requested.Add(address.AbsoluteUri))
        {
            return;
        }

        var result = await fetcher.FetchAsync(address, cancel).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            Fail(result.Message);
            return;
        }

        if (!DocumentKind.IsHtml(result.ContentType, result.Payload))
        {
            Keep(new CollectedReport(result, PageHints.None with { SourceUrl = result.Final.AbsoluteUri }, null));
            return;
        }

        var page = WebPage.Read(result.Final, result.Payload, result.ContentType);
        if (page.SaysNotFound())
        {
            Fail($"{result.Final}: answered 200, but the page says it does not exist (页面不存在); nothing collected.");
            return;
        }

        var (lines, hints) = page.Article();
        hints = hints with { SourceUrl = hints.SourceUrl ?? result.Final.AbsoluteUri };
        var textLength = lines.Sum(l => l.Count(c => !char.IsWhiteSpace(c)));
        var attachments = page.Attachments;
        var chosen = attachments.FirstOrDefault(a => reportLinks.IsMatch(a.Text) || reportLinks.IsMatch(Uri.UnescapeDataString(a.Address.AbsolutePath)))
            ?? attachments.FirstOrDefault();
        if (textLength == 0 && chosen is null)
        {
            Fail($"{result.Final}: the page holds no article text and links no .pdf, .doc, .docx or .wps; nothing collected.");
            return;
        }

        // The page is the report when it holds its text; a short page publishes it as an attachment, which is then the
        // report, with the page as its source. Every attachment is collected into the WARC either way: a report's
        // 附件 (tables, the signed original) belong to its record.
        var pageIsReport = textLength >= ReportTextLength || chosen is null;
        if (pageIsReport)
        {
            Keep(new CollectedReport(result, hints, null));
        }

        foreach (var attachment in attachments)
        {
            if (!_requested.Add(attachment.Address.AbsoluteUri))
            {
                continue;
            }

            var document = await fetcher.FetchAsync(attachment.Address, cancel).ConfigureAwait(false);
            if (!document.Succeeded)
            {
                Fail(document.Message);
            }
            else if (!pageIsReport && attachment == chosen)
            {
                Keep(new CollectedReport(document, hints, result.Final));
            }
        }
    }

    /// <summary>Reads a column page and the pages after it, and collects every linked report whose link text matches.</summary>
    public async Task FollowAsync(Uri listing, CancellationToken cancel)
    {
        var links = new List<Uri>();
        var seenPages = new HashSet<string>(StringComparer.Ordinal);
        var next = listing;
        while (next is not null && seenPages.Add(next.AbsoluteUri))
        {
            if (seenPages.Count > MaxListingPages)
            {
                Fail($"{listing}: more than {MaxListingPages} pages of links; stopped at {next}.");
                break;
            }

            var result = await fetcher.FetchAsync(next, cancel).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                Fail(result.Message);
                break;
            }

            if (!DocumentKind.IsHtml(result.ContentType, result.Payload))
            {
                Fail($"{result.Final}: is {result.ContentType ?? "of no stated type"}, not a page of links to follow; give it to 'archive fetch' without --follow.");
                break;
            }

            ListingPages++;
            var page = WebPage.Read(result.Final, result.Payload, result.ContentType);
            var found = page.Links.Where(l => !l.InChrome && reportLinks.IsMatch(l.Text)).Select(l => l.Address).ToList();
            progress($"{result.Final}: {found.Count} report link(s)");
            links.AddRange(found);
            next = page.NextPage;
        }

        var distinct = links.DistinctBy(l => l.AbsoluteUri).ToList();
        if (distinct.Count == 0 && ListingPages > 0)
        {
            Fail($"{listing}: no link's text matches the report pattern (site.yml fetch: report_links '{reportLinks}'); nothing collected.");
        }

        foreach (var link in distinct)
        {
            await CollectReportAsync(link, cancel).ConfigureAwait(false);
        }
    }

    private void Keep(CollectedReport report)
    {
        if (_collected.Add(report.Document.Final.AbsoluteUri))
        {
            _reports.Add(report);
            progress($"{report.Document.Final}: {PoliteFetcher.Describe(report.Document)}");
        }
    }

    private void Fail(string message)
    {
        _failures.Add(message);
        progress(message);
    }
}

/// <summary>A report collected: the document (a page or an attachment), what its page says of it, and the page that linked it.</summary>
public sealed record CollectedReport(FetchResult Document, PageHints Hints, Uri? Page);
