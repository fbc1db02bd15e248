using Archive.Core;

namespace Archive.Reading.KeyTerms;

/// <summary>Another bureau's report found similar to a report: its id, and the cosine of their term vectors.</summary>
public sealed record SimilarReportOf(string Id, double Similarity);

/// <summary>What key terms and similar reports a report's page shows.</summary>
public sealed record ReportKeyTerms(IReadOnlyList<KeyTerm> Terms, IReadOnlyList<SimilarReportOf> Similar);

/// <summary>
/// The key terms of every report and bureau of an archive and each report's similar reports, as the pages show them:
/// <see cref="DistinctiveTerms"/> and <see cref="SimilarReports"/> over the whole archive, by report and bureau id.
/// Each made when asked for (<paramref name="reports"/>, <paramref name="bureaus"/>: null for an id they lack): a
/// rebuild that keeps most pages asks for few of them, but digests every one (<paramref name="digests"/>: what a
/// report's page shows of them, without making them).
/// </summary>
public sealed class KeyTermsOfArchive(Func<string, ReportKeyTerms?> reports, Func<string, IReadOnlyList<KeyTerm>?> bureaus, Func<string, ContentHash> digests)
{
    private static readonly ReportKeyTerms NoTerms = new([], []);

    /// <summary>The key terms and similar reports of report <paramref name="id"/>; none for a report the archive lacks.</summary>
    public ReportKeyTerms OfReport(string id) => reports(id) ?? NoTerms;

    /// <summary>
    /// A digest of what report <paramref name="id"/>'s page shows of <see cref="OfReport"/>: its terms' words and its
    /// similar reports' ids and similarities; none for a report the archive lacks.
    /// </summary>
    public ContentHash DigestOf(string id) => digests(id);

    /// <summary>The key terms of bureau <paramref name="id"/>; none for a bureau without reports.</summary>
    public IReadOnlyList<KeyTerm> OfBureau(string id) => bureaus(id) ?? [];
}
