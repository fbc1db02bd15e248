using System.Security.Cryptography;
using System.Text;
using Archive.Core;
using Archive.Corpus;
using Archive.Search.Contract;

namespace Archive.Incremental;

/// <summary>
/// The reports each saved search of input/watch.yml finds, for their feeds. Matching needs every report's text, so the
/// hits of each report against the queries are kept in the build cache by the report file's SHA-256: a rebuild reads
/// only the texts that changed. The cache is bound to the program and to the queries; either changing makes it none.
/// </summary>
public static class SavedSearchMatches
{
    private const string Header = "archive-saved-search-matches 1";

    public static string PathFor(string cacheFolder, string inputFolder) => CacheFile.PathFor(cacheFolder, "saved-searches", inputFolder, ".bin");

    public static IReadOnlyList<SavedSearchResult> Find(Corpus.Corpus corpus, string? cachePath)
    {
        var searches = corpus.SavedSearches;
        if (searches.Count == 0)
        {
            return [];
        }

        var queries = searches.Select(s => SearchQuery.Parse(s.Query)).ToList();
        var heading = new[] { Header, ProgramIdentity.Current, Digest(queries) };
        var known = cachePath is null ? null : CacheFile.Read(cachePath, heading, reader => Load(reader, queries.Count));
        // Per report, in corpus order: its hits for each query (−1: no match).
        var reports = corpus.Reports;
        var hits = new int[reports.Count][];
        var read = 0;
        Parallel.For(0, reports.Count, i =>
        {
            var report = reports[i];
            if (report.SourceHash.Length > 0 && known is not null && known.TryGetValue(report.SourceHash, out var cached))
            {
                hits[i] = cached;
                return;
            }

            Interlocked.Increment(ref read);
            var text = SearchableText.Of(report).Normalized.Text;
            hits[i] = [.. queries.Select(q => QueryMatch.Hits(q, text) ?? -1)];
        });

        var kept = Enumerable.Range(0, reports.Count).Where(i => reports[i].SourceHash.Length > 0).DistinctBy(i => reports[i].SourceHash).ToList();
        // Written again only when it would differ: a text was read, or a report left.
        if (cachePath is not null && (read > 0 || known is null || known.Count != kept.Count))
        {
            CacheFile.Write(cachePath, heading, writer =>
            {
                writer.Write(kept.Count);
                foreach (var i in kept)
                {
                    writer.Write(reports[i].SourceHash);
                    Array.ForEach(hits[i], writer.Write);
                }
            });
        }

        var paths = corpus.Bureaus.ToDictionary(b => b.Id, b => (IReadOnlyCollection<string>)[.. Regions.DivisionTable.Default.PathOf(b.DivisionCode).Divisions.Select(d => d.Code)]);
        // The corpus is in report-id order already (CorpusReader sorts it): so is each result.
        return [.. searches.Select((search, q) => new SavedSearchResult(search, [.. Enumerable.Range(0, reports.Count)
            .Where(i => hits[i][q] >= 0 && search.Passes(reports[i], corpus.BureauOf(reports[i]), paths[reports[i].BureauId]))
            .Select(i => (reports[i], hits[i][q]))]))];
    }

    // Each report file's SHA-256, then its hits for each query in watch.yml's order (−1: no match).
    private static Dictionary<string, int[]> Load(BinaryReader reader, int queries)
    {
        var count = reader.ReadInt32();
        var known = new Dictionary<string, int[]>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var hash = reader.ReadString();
            var hits = new int[queries];
            for (var q = 0; q < queries; q++)
            {
                hits[q] = reader.ReadInt32();
            }

            known[hash] = hits;
        }

        return known;
    }

    private static string Digest(IEnumerable<SearchQuery> queries) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', queries.Select(q => q.Text)))));
}
