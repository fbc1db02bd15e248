using Archive.Core;
using Archive.Reading.KeyTerms;

namespace Archive.Incremental;

/// <summary>
/// The key terms of every report and bureau and each report's similar reports (<see cref="KeyTermsOfArchive"/>),
/// found over the whole corpus before the pages are made. Each text's word counts are kept by its file's SHA-256
/// (<see cref="ReportTermsStore"/>), so a text is segmented once in its life; what the last build found is kept too
/// (<see cref="KeyTermsState"/>, bound to the program), so that a rebuild redoes only what its changes can move
/// (<see cref="KeyTermsUpdate"/>) and gives what a build without a cache gives.
/// </summary>
public static class KeyTermsSearch
{
    private const string Header = "archive-key-terms 1";

    public static string PathFor(string cacheFolder, string inputFolder) => CacheFile.PathFor(cacheFolder, "key-terms", inputFolder, ".state");

    /// <summary>
    /// Starts loading SmartCn's dictionary and model, then the cache at <paramref name="cachePath"/> (none when null),
    /// on a thread of its own, for a search soon after: a build reads its input meanwhile (at 50,000 reports the
    /// dictionary and the cache take most of a second of one core). A failure is left to the task: the search throws it.
    /// </summary>
    public static Cache OpenCache(string? cachePath, StageClock? clock = null)
    {
        clock ??= new StageClock();
        return new Cache(cachePath, Aside.Run(() =>
        {
            // SmartCn's dictionary, loaded once per process: the counts and the state are bound to it.
            var heading = clock.Time("key terms › dictionary", () => new[] { Header, ProgramIdentity.Current, $"{WordTrie.Shared.Fingerprint}" });
            var last = cachePath is null ? null : clock.Time("key terms › load cache", () => CacheFile.Read(cachePath, heading, KeyTermsState.Read));
            var store = clock.Time("key terms › open counts", () => ReportTermsStore.Open(cachePath));
            return (heading, last, store);
        }));
    }

    /// <summary>The key terms and similar reports of the corpus's reports; <paramref name="progress"/> is told what was redone.</summary>
    public static KeyTermsOfArchive Find(Corpus.Corpus corpus, string? cachePath, StageClock? clock = null, Action<string>? progress = null)
    {
        var (terms, saved) = Start(corpus, OpenCache(cachePath, clock), clock, progress);
        saved.GetAwaiter().GetResult();
        return terms;
    }

    /// <summary>
    /// As <see cref="Find"/>, with a cache opened before, which is saved while the caller goes on (its pages made,
    /// say): at 50,000 reports the state is tens of MB. The caller waits for <c>Saved</c> before its build ends.
    /// </summary>
    public static (KeyTermsOfArchive Terms, Task Saved) Start(Corpus.Corpus corpus, Cache cache, StageClock? clock = null, Action<string>? progress = null)
    {
        clock ??= new StageClock();
        var (heading, last, store) = cache.Loading.GetAwaiter().GetResult();
        var update = clock.Time("key terms › match", () => new KeyTermsUpdate(corpus.Reports, last, store));
        var state = update.Run(clock);
        progress?.Invoke($"key terms: {update.Summary}; {store.Read.Entries} counts read ({store.Read.Bytes / 1024} KB){(update.Full ? ", every report looked at" : "")}");
        var saved = cache.Path is not { } cachePath ? Task.CompletedTask : Task.Run(() =>
        {
            clock.Time("key terms › save counts", () => store.Save([.. corpus.Reports.Select(r => r.SourceHash).Where(h => h.Length > 0)]));
            clock.Time("key terms › save cache", () => CacheFile.Write(cachePath, heading, state.Write));
        });
        return (clock.Time("key terms › result", () => ResultOf(state)), saved);
    }

    /// <summary>What a search starts from: the dictionary, the last build's state and the kept counts, loading.</summary>
    public sealed class Cache
    {
        internal Cache(string? path, Task<(string[] Heading, KeyTermsState? Last, ReportTermsStore Store)> loading)
        {
            Path = path;
            Loading = loading;
        }

        internal string? Path { get; }

        internal Task<(string[] Heading, KeyTermsState? Last, ReportTermsStore Store)> Loading { get; }
    }

    private static KeyTermsOfArchive ResultOf(KeyTermsState state)
    {
        var archive = TermStatistics.Of(state.ReportCount, state.Frequency);
        var words = WordTrie.Shared.Words;
        var places = new Dictionary<string, int>(state.Reports.Length, StringComparer.Ordinal);
        for (var r = 0; r < state.Reports.Length; r++)
        {
            places[state.Reports[r].Id] = r;
        }

        IReadOnlyList<KeyTerm> TermsOf((int Word, int Count)[] terms) => [.. terms.Select(t => new KeyTerm(words[t.Word], t.Count, archive.Weight(t.Word, t.Count)))];
        return new KeyTermsOfArchive(
            id => places.TryGetValue(id, out var r)
                ? new ReportKeyTerms(TermsOf(state.Reports[r].Terms), [.. state.Reports[r].Similar.Select(s => new SimilarReportOf(state.Reports[s.Other].Id, s.Similarity))])
                : null,
            id => state.Bureaus.TryGetValue(id, out var bureau) ? TermsOf(bureau.Terms) : null,
            id => places.TryGetValue(id, out var r) ? DigestOf(state, r, words) : default);
    }

    private static ContentHash DigestOf(KeyTermsState state, int report, IReadOnlyList<string> words)
    {
        var (terms, similar) = (state.Reports[report].Terms, state.Reports[report].Similar);
        using var digest = new DigestBuilder("key terms of a report");
        digest.Add(terms.Length);
        foreach (var (word, _) in terms)
        {
            digest.Add(words[word]);
        }

        foreach (var (other, similarity) in similar)
        {
            digest.Add(state.Reports[other].Id).Add(BitConverter.DoubleToInt64Bits(similarity));
        }

        return digest.Finish();
    }
}
