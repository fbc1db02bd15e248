using Archive.Core;
using Archive.Corpus;
using Archive.Reading.SharedText;
using Archive.Site.Views;

namespace Archive.Site;

/// <summary>The text reports share with other bureaus' reports, as the report and bureau pages show it.</summary>
public sealed partial class SiteModel
{
    private Task<SharedText?> _sharedText = Task.FromResult<SharedText?>(null);

    /// <summary>
    /// The shared text of the corpus (its reports in corpus order); none: not looked for. Waits for it when it is
    /// still being found (<see cref="SharedTextFound"/>).
    /// </summary>
    public SharedText? SharedText
    {
        get => _sharedText.GetAwaiter().GetResult();
        init => _sharedText = Task.FromResult(value);
    }

    /// <summary>
    /// The shared text as it is being found: the pages that do not show it are made meanwhile, and
    /// <see cref="SiteGenerator"/> waits for it (<see cref="WaitForReadingAcross"/>) before the report and bureau pages.
    /// </summary>
    public Task<SharedText?> SharedTextFound
    {
        init => _sharedText = value;
    }

    private Dictionary<Report, int> ReportIndex => field ??= IndexOfReports();

    /// <summary>
    /// What report <paramref name="report"/> shares with other bureaus' reports: its shared paragraphs (their starts
    /// from <paramref name="body"/>, left out without it) and the reports it mostly shares its text with. Null when
    /// it shares nothing.
    /// </summary>
    public SharedTextView? SharedTextOf(Report report, ReportBody? body)
    {
        if (SharedText is not { } shared || !ReportIndex.TryGetValue(report, out var index))
        {
            return null;
        }

        var paragraphs = shared.Of(index);
        var overlaps = OverlapsOf(report);
        if (paragraphs.Count == 0 && overlaps.Count == 0)
        {
            return null;
        }

        var starts = body?.AllParagraphs.ToDictionary(p => p.Anchor, p => p.Text, StringComparer.Ordinal);
        var linked = new List<ParagraphPlace>(SharedTextHtml.Linked);
        var rows = paragraphs.Select(p =>
        {
            linked.Clear();
            var others = p.OtherReports(SharedTextHtml.Linked, linked);
            return new SharedParagraphRow(
                $"p{p.Number}",
                starts is null ? "" : starts.GetValueOrDefault($"p{p.Number}", ""),
                others,
                [.. linked.Select(o => (_corpus.Reports[o.Report], o.Paragraph))]);
        }).ToList();
        return new SharedTextView(paragraphs.Count, overlaps, SharedTextHtml.Rows(rows, SummaryOf), SitePaths.DataSharedParagraphs);
    }

    /// <summary>How many other reports share each of report <paramref name="report"/>'s shared paragraphs, by anchor.</summary>
    public IReadOnlyDictionary<string, int> SharedMarksOf(Report report) =>
        SharedText is { } shared && ReportIndex.TryGetValue(report, out var index)
            ? shared.Of(index).ToDictionary(p => $"p{p.Number}", p => p.OtherReports(), StringComparer.Ordinal)
            : new Dictionary<string, int>();

    /// <summary>The other bureaus' reports with which report <paramref name="report"/> mostly shares its text, either way.</summary>
    public IReadOnlyList<OverlapView> OverlapsOf(Report report) =>
        SharedText is { } shared && ReportIndex.TryGetValue(report, out var index)
            ? [.. shared.OverlapsOf(index).Select(o => new OverlapView(SummaryOf(_corpus.Reports[o.Other]), Percent(o.ShareOfThis), Percent(o.ShareOfOther)))]
            : [];

    /// <summary>A bureau's reports that mostly share their text with another bureau's report, with those reports.</summary>
    public IReadOnlyList<BureauOverlapView> OverlapsOf(Bureau bureau) =>
        [.. ReportsOf(bureau).Select(r => (Report: r, Overlaps: OverlapsOf(r))).Where(x => x.Overlaps.Count > 0)
            .Select(x => new BureauOverlapView(SummaryOf(x.Report), x.Overlaps))];

    /// <summary>
    /// A digest of what report <paramref name="report"/>'s page shows of its shared text (<see cref="MadeFrom.Across"/>):
    /// where else its shared paragraphs stand and the reports it mostly shares its text with. None when it shares nothing.
    /// </summary>
    public ContentHash SharedDigestOf(Report report)
    {
        if (SharedText is not { } shared || !ReportIndex.TryGetValue(report, out var index) || shared.Of(index).Count == 0)
        {
            return default;
        }

        // A family's places by their hash, not listed: some families stand in hundreds of reports. Reports are known
        // there by their place in the corpus, which only a change that every file's inputs digest sees can move.
        using var digest = new DigestBuilder("shared text of a report");
        foreach (var paragraph in shared.Of(index))
        {
            digest.Add(paragraph.Number).Add((long)paragraph.PlacesHash);
        }

        AddOverlaps(digest, OverlapsOf(report));
        return digest.Finish();
    }

    /// <summary>A digest of the reports a bureau's reports mostly share their text with (<see cref="MadeFrom.Across"/>).</summary>
    public ContentHash SharedDigestOf(Bureau bureau)
    {
        // What the page lists, found once: a bureau page is digested on every build.
        var flagged = OverlapsOf(bureau);
        if (flagged.Count == 0)
        {
            return default;
        }

        using var digest = new DigestBuilder("shared text of a bureau");
        foreach (var (report, overlaps) in flagged)
        {
            digest.Add(report.Id);
            AddOverlaps(digest, overlaps);
        }

        return digest.Finish();
    }

    private static void AddOverlaps(DigestBuilder digest, IReadOnlyList<OverlapView> overlaps)
    {
        foreach (var overlap in overlaps)
        {
            digest.Add(overlap.Other.Id).Add(overlap.PercentOfThis).Add(overlap.PercentOfOther);
        }
    }

    private Dictionary<Report, int> IndexOfReports()
    {
        var index = new Dictionary<Report, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < _corpus.Reports.Count; i++)
        {
            index[_corpus.Reports[i]] = i;
        }

        return index;
    }

    // Rounded down, so that 49.6% never reads as half.
    private static int Percent(double share) => (int)Math.Floor(share * 100);
}
