using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Archive.Core;
using Archive.Regions;
using Archive.Search.Contract;

namespace Archive.Search.Lucene;

/// <summary>
/// Answers queries on the Lucene index: Lucene decides which reports match (a term of n ≥ 2 code points is a phrase
/// of its bigrams at consecutive positions, which is exact; one code point is a unigram term), exact hit positions
/// come from the same postings, and ranking, filters, snippets and year counts follow FORMAT.md §2–3.
/// </summary>
public sealed class SearchEngine : IDisposable
{
    private readonly FSDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly IndexedReport[] _reports;
    private readonly double _averageLength;
    private readonly int[] _order;
    private readonly TermPositions _terms;

    // Loading a report's metadata must not decompress its text: opening the engine reads every report's metadata.
    private static readonly HashSet<string> MetadataFields =
    [
        SearchFields.Id, SearchFields.Title, SearchFields.Bureau, SearchFields.BureauName, SearchFields.Year,
        SearchFields.Published, SearchFields.Length, SearchFields.Region,
    ];

    private static readonly HashSet<string> TextFields = [SearchFields.Anchors, SearchFields.Blocks];

    private static readonly WordAnalyzer Words = new();

    private SearchEngine(FSDirectory directory)
    {
        _directory = directory;
        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader);
        _terms = new TermPositions(_reader, _searcher);
        _reports = new IndexedReport[_reader.MaxDoc];
        long total = 0;
        for (var doc = 0; doc < _reports.Length; doc++)
        {
            _reports[doc] = Load(doc);
            total += LengthCode.Quantize(_reports[doc].Length);
        }

        _averageLength = _reports.Length == 0 ? 0 : (double)total / _reports.Length;

        // Rank in the static index's doc order (FORMAT.md §4.2), the last tie-break of both sorts (§3).
        var keys = _reports.Select(r => ReportOrder.PlaceOf(DivisionTable.Default.PathOf(r.Regions[^1]), r.BureauId, r.Year, r.Id)).ToArray();
        var byOrder = Enumerable.Range(0, _reports.Length).ToArray();
        Array.Sort(byOrder, (a, b) => ReportOrder.Compare(keys[a], keys[b]));
        _order = new int[_reports.Length];
        for (var rank = 0; rank < byOrder.Length; rank++)
        {
            _order[byOrder[rank]] = rank;
        }
    }

    public int ReportCount => _reports.Length;

    /// <summary>Opens the index built into <paramref name="cacheFolder"/> by <see cref="SearchIndexBuilder"/>.</summary>
    public static SearchEngine Open(string cacheFolder)
    {
        var folder = SearchIndexBuilder.IndexFolder(cacheFolder);
        if (!System.IO.Directory.Exists(folder))
        {
            throw new InputException(folder, null, "there is no search index here; run `archive build` or `archive search` with --input to build it.");
        }

        return new SearchEngine(FSDirectory.Open(folder));
    }

    public SearchResults Search(SearchQuery query, SearchOptions? options = null)
    {
        options ??= new SearchOptions();
        var filter = ResolveFilter(options);
        if (query.IsEmpty)
        {
            return new SearchResults(query, 0, [], [], query.Notices);
        }

        var terms = new Dictionary<string, TermMatches>(StringComparer.Ordinal);
        foreach (var term in query.PositiveTerms)
        {
            if (!terms.ContainsKey(term.Normalized))
            {
                terms[term.Normalized] = _terms.Evaluate(term.Normalized);
            }
        }

        var yearCounts = new SortedDictionary<int, int>();
        var matched = new List<int>();
        foreach (var doc in _terms.Documents(BuildQuery(query)))
        {
            var report = _reports[doc];
            if (!filter.Region(report) || !filter.Bureau(report))
            {
                continue;
            }

            yearCounts[report.Year] = yearCounts.GetValueOrDefault(report.Year) + 1;
            if (options.Year is null || options.Year == report.Year)
            {
                matched.Add(doc);
            }
        }

        // Whole-word hits only where they can change an order: relevance by words, over the reports that match.
        var wholeWords = options.RankByWords && options.Sort == SearchSort.Relevance
            ? terms.ToDictionary(t => t.Key, t => _terms.WordHits(t.Key, Words.WordsOf(t.Key), matched), StringComparer.Ordinal)
            : null;
        var scored = matched.Select(doc => Score(doc, query, terms, wholeWords)).ToList();
        scored.Sort(options.Sort == SearchSort.Date ? CompareByDate : CompareByRelevance);
        var results = scored.Take(options.Limit).Select(s => ToResult(s, query, terms, options.SnippetsPerResult)).ToList();
        return new SearchResults(query, matched.Count, results, yearCounts.Select(y => new YearCount(y.Key, y.Value)).ToList(), query.Notices);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }

    private IndexedReport Load(int doc)
    {
        var stored = _reader.Document(doc, MetadataFields);
        var published = stored.Get(SearchFields.Published);
        return new IndexedReport(
            stored.Get(SearchFields.Id),
            stored.Get(SearchFields.Title),
            stored.Get(SearchFields.Bureau),
            stored.Get(SearchFields.BureauName),
            int.Parse(stored.Get(SearchFields.Year), CultureInfo.InvariantCulture),
            published.Length == 0 ? null : DateOnly.ParseExact(published, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            stored.GetField(SearchFields.Length).GetInt32Value() ?? 0,
            stored.GetValues(SearchFields.Region));
    }

    private ReportFilter ResolveFilter(SearchOptions options)
    {
        string? regionCode = null;
        if (options.Region is { } region)
        {
            regionCode = region.Length == 6 && region.All(char.IsAsciiDigit)
                ? region
                : new RegionLookup(DivisionTable.Default).ByName(region)?.Path.Leaf.Code
                    ?? throw new InputException("--province", null, $"no region is named '{region}'; give a name such as 广东省 or 深圳市, or a six-digit code such as 440000.");
        }

        if (options.Bureau is { } bureau && !_reports.Any(r => r.BureauId == bureau))
        {
            throw new InputException("--bureau", null, $"no report in the archive is by bureau '{bureau}'; bureau ids look like 440303-hrss (see input/bureaus.yml).");
        }

        return new ReportFilter(
            r => regionCode is null || r.Regions.Contains(regionCode),
            r => options.Bureau is null || r.BureauId == options.Bureau);
    }

    private Query BuildQuery(SearchQuery query)
    {
        var root = new BooleanQuery();
        foreach (var clause in query.Clauses)
        {
            if (clause.Alternatives.Count == 1)
            {
                root.Add(TermPositions.QueryOf(clause.Alternatives[0].Normalized), Occur.MUST);
                continue;
            }

            var any = new BooleanQuery();
            foreach (var term in clause.Alternatives)
            {
                any.Add(TermPositions.QueryOf(term.Normalized), Occur.SHOULD);
            }

            root.Add(any, Occur.MUST);
        }

        if (query.Clauses.Count == 0)
        {
            root.Add(new MatchAllDocsQuery(), Occur.MUST);
        }

        foreach (var term in query.Excluded)
        {
            root.Add(TermPositions.QueryOf(term.Normalized), Occur.MUST_NOT);
        }

        return root;
    }

    /// <summary>
    /// FORMAT.md §3's BM25; with <paramref name="wholeWords"/>, a term's boost for being a dictionary word is no longer
    /// the term's but each report's: idf · (sat(tf) + (boost − 1) · sat(w)), with w its hits that stand as whole
    /// SmartCn words there. A report whose every hit is a whole word scores as §3 scores a dictionary word; one where
    /// the term only stands inside longer words (民工 in 农民工) scores plain BM25.
    /// </summary>
    private ScoredReport Score(int doc, SearchQuery query, Dictionary<string, TermMatches> terms, Dictionary<string, Dictionary<int, int>>? wholeWords)
    {
        var report = _reports[doc];
        var hits = 0;
        var score = 0.0;
        foreach (var term in query.PositiveTerms)
        {
            var matches = terms[term.Normalized];
            var starts = matches.Hits.GetValueOrDefault(doc, []);
            if (starts.Length == 0)
            {
                continue;
            }

            hits += starts.Length;
            if (wholeWords is not null)
            {
                var norm = Bm25.LengthNorm(LengthCode.Quantize(report.Length), _averageLength);
                var words = Math.Min(starts.Length, wholeWords[term.Normalized].GetValueOrDefault(doc));
                score += Bm25.Idf(matches.Hits.Count, _reports.Length) * (Bm25.Saturation(starts.Length, norm) + ((Bm25.WordBoost - 1) * Bm25.Saturation(words, norm)));
                continue;
            }

            var termScore = Bm25.Score(starts.Length, matches.Hits.Count, _reports.Length, LengthCode.Quantize(report.Length), _averageLength);
            score += matches.IsWord ? termScore * Bm25.WordBoost : termScore;
        }

        return new ScoredReport(doc, report, hits, score, _order[doc]);
    }

    /// <summary>The report's blocks, from the stored fields.</summary>
    private SearchableText TextOf(int doc)
    {
        var stored = _reader.Document(doc, TextFields);
        var anchors = stored.GetValues(SearchFields.Anchors);
        var texts = stored.GetValues(SearchFields.Blocks);
        var blocks = new List<TextBlock>(anchors.Length);
        for (var i = 0; i < anchors.Length; i++)
        {
            blocks.Add(new TextBlock(anchors[i], texts[i]));
        }

        return new SearchableText(blocks);
    }

    private SearchResult ToResult(ScoredReport scored, SearchQuery query, Dictionary<string, TermMatches> terms, int snippetCount)
    {
        var report = scored.Report;
        var snippets = new List<Snippet>();
        if (snippetCount > 0)
        {
            var hits = query.PositiveTerms.Select(t => terms[t.Normalized]).Distinct()
                .SelectMany(m => m.Hits.GetValueOrDefault(scored.Doc, []).Select(s => new TermHit(s, m.Length)));
            snippets = SnippetBuilder.Build(TextOf(scored.Doc), hits, snippetCount);
        }

        return new SearchResult(report.Id, report.Title, report.BureauId, report.BureauName, report.Year, report.Published,
            SitePaths.Report(report.Id), scored.Hits, scored.Score, snippets);
    }

    private static int CompareByRelevance(ScoredReport a, ScoredReport b)
    {
        var order = b.Score.CompareTo(a.Score);
        order = order != 0 ? order : b.Report.Year.CompareTo(a.Report.Year);
        return order != 0 ? order : a.Order.CompareTo(b.Order);
    }

    private static int CompareByDate(ScoredReport a, ScoredReport b)
    {
        var order = (a.Report.Published, b.Report.Published) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            ({ } x, { } y) => y.CompareTo(x),
        };
        order = order != 0 ? order : b.Report.Year.CompareTo(a.Report.Year);
        return order != 0 ? order : a.Order.CompareTo(b.Order);
    }

    private sealed record ScoredReport(int Doc, IndexedReport Report, int Hits, double Score, int Order);

    private sealed record ReportFilter(Func<IndexedReport, bool> Region, Func<IndexedReport, bool> Bureau);
}
