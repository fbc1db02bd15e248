using System.Collections.Concurrent;
using System.Globalization;
using Archive.Core;
using Archive.Corpus;
using Archive.Reading.SharedText;

namespace Archive.Incremental;

/// <summary>
/// The text reports of different bureaus share (<see cref="SharedParagraphs"/>), found over the whole corpus before
/// the pages are made, since a report's page shows what it shares. Each report's paragraph prints are kept in the
/// build cache by the report file's SHA-256, with what the search found: a rebuild reads only the texts that changed
/// (and those of the few pairs it must check), and looks again only at new paragraphs and the families they break.
/// The cache is bound to the program; a new one makes it none.
/// </summary>
public static class SharedTextSearch
{
    private const string Header = "archive-shared-text 1";

    public static string PathFor(string cacheFolder, string inputFolder) => CacheFile.PathFor(cacheFolder, "shared-text", inputFolder, ".bin");

    /// <summary>
    /// Starts reading the cache at <paramref name="cachePath"/> (none when null) on a thread of its own, for a
    /// <see cref="Find"/> soon after: a build reads its input meanwhile, and at 50,000 reports the cache (~140 MB)
    /// took a third of a second that came before the search could start.
    /// </summary>
    public static Cache OpenCache(string? cachePath, StageClock? clock = null)
    {
        clock ??= new StageClock();
        var heading = new[] { Header, ProgramIdentity.Current, ParagraphPrints.FormatName };
        var loading = cachePath is null
            ? Task.FromResult<Known?>(null)
            : Aside.Run(() => clock.Time("shared text › load cache", () => CacheFile.Read(cachePath, heading, Load)));
        return new Cache(cachePath, heading, loading);
    }

    /// <summary>The shared text of the corpus's reports, indexed as <see cref="Corpus.Corpus.Reports"/>, with the cache at <paramref name="cachePath"/>.</summary>
    public static SharedText Find(Corpus.Corpus corpus, string? cachePath, StageClock? clock = null)
    {
        var cache = OpenCache(cachePath, clock);
        var found = Find(corpus, cache, clock);
        cache.Saved.GetAwaiter().GetResult();
        return found;
    }

    /// <summary>
    /// As <see cref="Find(Corpus.Corpus, string?, StageClock?)"/>, with a cache opened before; the cache is written
    /// while the caller goes on (its pages made, say), and the caller waits for <see cref="Cache.Saved"/> before its
    /// build ends.
    /// </summary>
    public static SharedText Find(Corpus.Corpus corpus, Cache cache, StageClock? clock = null)
    {
        clock ??= new StageClock();
        var known = cache.Loading.GetAwaiter().GetResult();
        var reports = corpus.Reports;
        var prints = new ParagraphPrints[reports.Count];
        var read = 0;
        clock.Time("shared text › prints", () => Parallel.For(0, reports.Count, i =>
        {
            var report = reports[i];
            if (report.SourceHash.Length > 0 && known is not null && known.Prints.TryGetValue(report.SourceHash, out var cached))
            {
                prints[i] = cached;
                return;
            }

            Interlocked.Increment(ref read);
            prints[i] = ParagraphPrints.Of(report.ReadBody());
        }));

        var printed = reports.Select((r, i) => new PrintedReport(r.BureauId, prints[i])).ToList();
        var found = clock.Time("shared text › families", () => SharedParagraphs.Find(printed, places => TextsAt(reports, places), known?.Search));
        var kept = Enumerable.Range(0, reports.Count).Where(i => reports[i].SourceHash.Length > 0).DistinctBy(i => reports[i].SourceHash).ToList();
        // Written again only when it would differ: a text was read, or a report left.
        if (cache.Path is { } path && (read > 0 || known is null || known.Prints.Count != kept.Count))
        {
            cache.Saved = Task.Run(() => clock.Time("shared text › save cache", () => CacheFile.Write(path, cache.Heading, writer => Save(writer, kept.Select(i => (reports[i].SourceHash, prints[i])), found.State))));
        }

        return found;
    }

    /// <summary>The cache of one search: read while the build reads its input, written while it makes its pages.</summary>
    public sealed class Cache
    {
        internal Cache(string? path, string[] heading, Task<Known?> loading)
        {
            Path = path;
            Heading = heading;
            Loading = loading;
        }

        /// <summary>Done when the cache is written (at once when it need not be).</summary>
        public Task Saved { get; internal set; } = Task.CompletedTask;

        internal string? Path { get; }

        internal string[] Heading { get; }

        internal Task<Known?> Loading { get; }
    }

    // The normalized texts of the paragraphs asked for, each report's text read once, on every core.
    private static IReadOnlyDictionary<ParagraphPlace, string> TextsAt(IReadOnlyList<Report> reports, IReadOnlyCollection<ParagraphPlace> places)
    {
        var texts = new ConcurrentDictionary<ParagraphPlace, string>();
        Parallel.ForEach(places.GroupBy(p => p.Report), group =>
        {
            var paragraphs = reports[group.Key].ReadBody().AllParagraphs
                .ToDictionary(p => int.Parse(p.Anchor.AsSpan(1), CultureInfo.InvariantCulture), p => p.Text);
            foreach (var place in group)
            {
                texts[place] = ParagraphPrints.Normalize(paragraphs[place.Paragraph]);
            }
        });

        return texts;
    }

    internal sealed record Known(Dictionary<string, ParagraphPrints> Prints, EarlierSearch Search);

    // Each report file's SHA-256 with its prints; then every distinct text seen, and the family of each text in one.
    private static void Save(BinaryWriter writer, IEnumerable<(string Hash, ParagraphPrints Prints)> reports, EarlierSearch search)
    {
        var list = reports.ToList();
        writer.Write(list.Count);
        foreach (var (hash, prints) in list)
        {
            writer.Write(hash);
            prints.Write(writer);
        }

        writer.Write(search.Texts.Length);
        BinaryArrays.Write<ulong>(writer, search.Texts);

        writer.Write(search.FamilyOf.Count);
        foreach (var (text, family) in search.FamilyOf)
        {
            writer.Write(text);
            writer.Write(family);
        }
    }

    private static Known Load(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var prints = new Dictionary<string, ParagraphPrints>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var hash = reader.ReadString();
            prints[hash] = ParagraphPrints.Read(reader);
        }

        var texts = BinaryArrays.Read<ulong>(reader, reader.ReadInt32());

        var families = reader.ReadInt32();
        var familyOf = new Dictionary<ulong, ulong>(families);
        for (var i = 0; i < families; i++)
        {
            familyOf[reader.ReadUInt64()] = reader.ReadUInt64();
        }

        return new Known(prints, new EarlierSearch(texts, familyOf));
    }
}
