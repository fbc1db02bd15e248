using Archive.Corpus;

namespace Archive.Search.StaticIndex;

/// <summary>
/// How a corpus differs from the base of the static index (FORMAT.md §4.6): which base docs are void (their report
/// changed or was removed), which were removed, and which docs the update indexes (changed and added reports). Base
/// docs keep their numbers; added reports follow, in doc order among themselves.
/// </summary>
public sealed record IndexDelta(Report?[] Reports, List<int> Void, List<int> Removed, List<int> Indexed)
{
    /// <summary>
    /// The delta from <paramref name="last"/> to <paramref name="reports"/> (in doc order), or null when an update
    /// cannot describe it: a report moved to another bureau, or a bureau of the base is gone.
    /// </summary>
    public static IndexDelta? Between(SearchIndexBase last, List<Report> reports, Corpus.Corpus corpus)
    {
        if (last.Docs.Any(d => corpus.FindBureau(d.BureauId) is null))
        {
            return null;
        }

        var numberOf = new Dictionary<string, int>(last.Docs.Length, StringComparer.Ordinal);
        for (var d = 0; d < last.Docs.Length; d++)
        {
            numberOf[last.Docs[d].Id] = d;
        }

        var byNumber = new Report?[last.Docs.Length];
        var added = new List<Report>();
        foreach (var report in reports)
        {
            if (!numberOf.TryGetValue(report.Id, out var d))
            {
                added.Add(report);
            }
            else if (last.Docs[d].BureauId != report.BureauId)
            {
                return null;
            }
            else
            {
                byNumber[d] = report;
            }
        }

        var voided = new List<int>();
        var removed = new List<int>();
        var indexed = new List<int>();
        for (var d = 0; d < byNumber.Length; d++)
        {
            if (byNumber[d] is not { } report)
            {
                voided.Add(d);
                removed.Add(d);
            }
            else if (report.SourceHash.Length == 0 || report.SourceHash != last.Docs[d].SourceHash)
            {
                voided.Add(d);
                indexed.Add(d);
            }
        }

        indexed.AddRange(Enumerable.Range(byNumber.Length, added.Count));
        return new IndexDelta([.. byNumber, .. added], voided, removed, indexed);
    }
}
