using Archive.Corpus;

namespace Archive.Collect;

/// <summary>What asking a report's source again found.</summary>
public enum SourceVerdict
{
    /// <summary>It answers with the bytes the WARC holds (or, with no WARC copy, it answers at all).</summary>
    Same,

    /// <summary>It answers with other bytes than the WARC holds: edited since, silently or not.</summary>
    Changed,

    /// <summary>It no longer answers with the document: an error status, a redirect loop, an empty or "page not found" page.</summary>
    Gone,

    /// <summary>No answer came (a timeout, a refused connection, robots.txt closing the path): it may be back later.</summary>
    Unreachable,

    /// <summary>It answers, but the WARC record its original came from is not in input/warc/ to compare it with.</summary>
    CannotCompare,
}

/// <summary>One report's source, asked again.</summary>
public sealed record SourceFinding(Report Report, string Url, SourceVerdict Verdict, string Detail);

/// <summary>
/// 'archive check --sources': asks every report's source again, politely and conditionally, and compares the answer
/// with the WARC record its original came from. Link rot and silent edits show; the WARC is the evidence of what was
/// there, and the new answers go into a WARC of their own as evidence of what is there now.
/// </summary>
public sealed class SourceCheck(PoliteFetcher fetcher, FetchHistory history)
{
    public async Task<IReadOnlyList<SourceFinding>> CheckAsync(IEnumerable<Report> reports, CancellationToken cancel)
    {
        var findings = new List<SourceFinding>();
        foreach (var report in reports)
        {
            var url = report.Original?.Fetched?.Url ?? report.SourceUrl;
            if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            {
                continue;
            }

            var result = await fetcher.FetchAsync(address, cancel).ConfigureAwait(false);
            findings.Add(Judge(report, url, result));
        }

        return findings;
    }

    private SourceFinding Judge(Report report, string url, FetchResult result)
    {
        if (!result.Succeeded)
        {
            return new SourceFinding(report, url, result.Status == 0 ? SourceVerdict.Unreachable : SourceVerdict.Gone, result.Message);
        }

        if (result.Payload.Length == 0)
        {
            return new SourceFinding(report, url, SourceVerdict.Gone, $"{result.Final}: answers 200 with nothing in it.");
        }

        if (WebPage.IsNotFoundPage(result))
        {
            return new SourceFinding(report, url, SourceVerdict.Gone, $"{result.Final}: answers 200 with a page that says it does not exist (页面不存在).");
        }

        if (report.Original?.Fetched is not { } fetched)
        {
            return new SourceFinding(report, url, SourceVerdict.Same, $"answers ({result.Payload.Length / 1024.0:0.#} KB); no WARC copy to compare it with.");
        }

        var kept = history.Record(fetched.RecordId);
        if (kept is null)
        {
            return new SourceFinding(report, url, SourceVerdict.CannotCompare, $"answers, but no WARC file of input/warc/ holds record {fetched.RecordId} ({fetched.Warc}) to compare it with.");
        }

        var now = result.Record is { } record ? history.Record(record.RecordId)?.PayloadDigest : null;
        return now == kept.PayloadDigest
            ? new SourceFinding(report, url, SourceVerdict.Same, $"the same as fetched on {fetched.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC ({(result.State == FetchState.Unchanged ? result.Message : "same bytes")}).")
            : new SourceFinding(report, url, SourceVerdict.Changed, $"differs from what {fetched.Warc} holds (fetched {fetched.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC, record {fetched.RecordId}); the new answer is stored beside it.");
    }
}
