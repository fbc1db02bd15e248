using System.Collections.Concurrent;
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
        var hits = new ConcurrentDictionary<Report, int[]>();
        Parallel.ForEach(corpus.Reports, report =>
        {
            if (report.SourceHash.Length > 0 && known is not null && known.TryGetValue(report.SourceHash, out var cached))
            {
                hits[report] = cached;
                return;
            }

            var text = SearchableText.Of(report).Normalized.Text;
            hits[report] = [.. queries.Select(q => QueryMatch.Hits(q, text) ?? -1)];
        });

        if (cachePath is not null)
        {
            CacheFile.Write(cachePath, heading, writer =>
            {
                var kept = hits.Where(h => h.Key.SourceHash.Length > 0).DistinctBy(h => h.Key.SourceHash).ToList();
                writer.Write(kept.Count);
                foreach (var (report, counts) in kept)
                {
                    writer.Write(report.SourceHash);
                    counts.ToList().ForEach(writer.Write);
                }
            });
        }

        var paths = corpus.Bureaus.ToDictionary(b => b.Id, b => (IReadOnlyCollection<string>)[.. Regions.DivisionTable.Default.PathOf(b.DivisionCode).Divisions.Select(d => d.Code)]);
        return [.. searches.Select((search, i) => new SavedSearchResult(search, [.. corpus.Reports
            .Where(r => hits[r][i] >= 0 && search.Passes(r, corpus.BureauOf(r), paths[r.BureauId]))
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => (r, hits[r][i]))]))];
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
