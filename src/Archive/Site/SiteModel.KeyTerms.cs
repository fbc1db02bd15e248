using Archive.Core;
using Archive.Corpus;
using Archive.Reading.KeyTerms;
using Archive.Site.Views;

namespace Archive.Site;

/// <summary>The key terms of reports and bureaus and each report's similar reports, as their pages show them.</summary>
public sealed partial class SiteModel
{
    private Task<KeyTermsOfArchive?> _keyTerms = Task.FromResult<KeyTermsOfArchive?>(null);

    /// <summary>
    /// The archive's key terms and similar reports; none: not looked for. Waits for them when they are still being
    /// found (<see cref="KeyTermsFound"/>).
    /// </summary>
    public KeyTermsOfArchive? KeyTerms
    {
        get => _keyTerms.GetAwaiter().GetResult();
        init => _keyTerms = Task.FromResult(value);
    }

    /// <summary>The key terms as they are being found, as <see cref="SharedTextFound"/>.</summary>
    public Task<KeyTermsOfArchive?> KeyTermsFound
    {
        init => _keyTerms = value;
    }

    /// <summary>
    /// Waits until what the report and bureau pages show of other reports (shared text, key terms) is found; a
    /// search's error, if any, is thrown here.
    /// </summary>
    public void WaitForReadingAcross()
    {
        _sharedText.GetAwaiter().GetResult();
        _keyTerms.GetAwaiter().GetResult();
    }

    private Dictionary<string, Report> ReportsById => field ??= _corpus.Reports.ToDictionary(r => r.Id, StringComparer.Ordinal);

    /// <summary>
    /// A term as a link to the search for it as a phrase, in quotes, as the trends page links its terms: relative to
    /// the site's root (the search page runs the query of its address on load).
    /// </summary>
    public static TermLink LinkTo(KeyTerm term) =>
        new(term.Word, $"{SitePaths.Search}?q={Uri.EscapeDataString($"\"{term.Word}\"")}");

    /// <summary>A report's key terms, strongest first, each linked to its search.</summary>
    public IReadOnlyList<TermLink> KeyTermsOf(Report report) =>
        KeyTerms is { } terms ? [.. terms.OfReport(report.Id).Terms.Select(LinkTo)] : [];

    /// <summary>A bureau's key terms, strongest first, each linked to its search.</summary>
    public IReadOnlyList<TermLink> KeyTermsOf(Bureau bureau) =>
        KeyTerms is { } terms ? [.. terms.OfBureau(bureau.Id).Select(LinkTo)] : [];

    /// <summary>The reports of other bureaus most like report <paramref name="report"/>, most similar first.</summary>
    public IReadOnlyList<SimilarView> SimilarTo(Report report) =>
        KeyTerms is { } terms
            ? [.. terms.OfReport(report.Id).Similar.Select(s => new SimilarView(SummaryOf(ReportsById[s.Id]), Percent(s.Similarity)))]
            : [];

    /// <summary>
    /// A digest of what other reports' texts decide of report <paramref name="report"/>'s page through its key terms
    /// and similar reports (<see cref="MadeFrom.Across"/>): the terms' words and the similar reports' ids and shares.
    /// </summary>
    // From the found terms and ids alone: the terms and summaries are made only for a page that is made, and a rebuild
    // digests every page (the similar reports' titles are metadata, in every page's inputs digest already).
    public ContentHash KeyTermsDigestOf(Report report) => KeyTerms?.DigestOf(report.Id) ?? default;

    /// <summary>A digest of a bureau's key terms as its page shows them (<see cref="MadeFrom.Across"/>).</summary>
    public ContentHash KeyTermsDigestOf(Bureau bureau)
    {
        var terms = KeyTerms?.OfBureau(bureau.Id) ?? [];
        using var digest = new DigestBuilder("key terms of a bureau");
        digest.Add(terms.Count);
        foreach (var term in terms)
        {
            digest.Add(term.Word);
        }

        return digest.Finish();
    }

    /// <summary>What other reports decide of a page, <see cref="MadeFrom.Across"/>: its shared text and its key terms.</summary>
    public ContentHash AcrossOf(Report report) => Both(SharedDigestOf(report), KeyTermsDigestOf(report));

    /// <inheritdoc cref="AcrossOf(Report)"/>
    public ContentHash AcrossOf(Bureau bureau) => Both(SharedDigestOf(bureau), KeyTermsDigestOf(bureau));

    private static ContentHash Both(ContentHash shared, ContentHash terms)
    {
        using var digest = new DigestBuilder("across");
        return digest.Add(shared).Add(terms).Finish();
    }
}
