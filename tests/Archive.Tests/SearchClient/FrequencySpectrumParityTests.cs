using System.Globalization;
using Archive.Search.Contract;
using Archive.Search.StaticIndex;
using Archive.Tests.Search;
using Archive.Tests.Support;

namespace Archive.Tests.SearchClient;

/// <summary>
/// Terms drawn at random in every band of document frequency, from one report to half of them, and of every length
/// from one code point to twice maxGram, so that each way FORMAT.md §4.5 answers a term is taken: frequent keys,
/// rare (border) keys, absent grams, candidates verified in text, and longer terms matched from positions. The
/// imported corpus (32 reports) is exported with minDf 6, so that a sixth of the reports is "rare", and in tiny
/// packs; the browser engine and the C# reader of the files must both find exactly what a brute-force scan finds.
/// </summary>
[Collection(SearchCorporaCollection.Name)]
public sealed class FrequencySpectrumParityTests : IDisposable
{
    // Reports containing the term: exactly one; rare (below minDf); frequent up to a third; up to half.
    private static readonly (int From, int To)[] Bands = [(1, 1), (2, 5), (6, 10), (11, 16)];
    private const int TermsPerBand = 60;
    private const int MinDf = 6;

    private readonly SearchCorpus _corpus;
    private readonly TempFolder _index = new();
    private readonly StaticIndexReader _reader;

    public FrequencySpectrumParityTests(SearchCorpora corpora)
    {
        _corpus = corpora.Imported;
        var layout = new IndexLayout(InlineLimit: 16, PackBytes: 16_384, ShardsPerPack: 32, BlocksPerPack: 1, MinDf: MinDf);
        var files = new SearchIndexExporter(layout).Files(_corpus.Corpus);
        foreach (var (path, bytes) in files)
        {
            _index.Write(path, bytes);
        }

        _reader = new StaticIndexReader(files.ToDictionary(f => f.Path, f => f.Bytes));
    }

    private sealed record Answer(string Query, Dictionary<string, int> Reports);

    private sealed record Output(Answer[] Answers, string[] Files);

    [Fact]
    public void Terms_of_every_frequency_and_length_find_exactly_the_reports_and_hits_of_a_brute_force_scan()
    {
        Assert.Equal(MinDf, _reader.MinDf);
        Assert.True(_corpus.NormalizedTexts.Count >= 2 * Bands[^1].To, "the corpus is too small for the bands");
        var terms = DrawTerms(new Random(20261207));
        Assert.All(terms, band => Assert.True(band.Value.Count == TermsPerBand, $"only {band.Value.Count} terms in {band.Key.From}–{band.Key.To} reports"));

        var queries = terms.SelectMany(band => band.Value).ToList();
        var answers = NodeScript.Run<Output>("search-cli.mjs", queries, _index.Combine(SearchIndexExporter.Folder)).Answers;
        var mismatches = new List<string>();
        foreach (var answer in answers)
        {
            var expected = _corpus.BruteForce.Match(SearchQuery.Parse(answer.Query));
            var fromFiles = _reader.Match(SearchQuery.Parse(answer.Query));
            if (!Same(expected, answer.Reports))
            {
                mismatches.Add($"JS '{answer.Query}': {answer.Reports.Count} reports / {answer.Reports.Values.Sum()} hits, scan {expected.Count} / {expected.Values.Sum()}");
            }

            if (!Same(expected, fromFiles))
            {
                mismatches.Add($"C# reader '{answer.Query}': {fromFiles.Count} reports / {fromFiles.Values.Sum()} hits, scan {expected.Count} / {expected.Values.Sum()}");
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} answers of {queries.Count} queries differ:\n" + string.Join('\n', mismatches.Take(20)));
    }

    private static bool Same(IReadOnlyDictionary<string, int> expected, IReadOnlyDictionary<string, int> actual) =>
        expected.Count == actual.Count && expected.All(e => actual.TryGetValue(e.Key, out var hits) && hits == e.Value);

    /// <summary>
    /// Random substrings of random reports, 1 to 2 · maxGram code points long, kept in the band of their document
    /// frequency until each band has its quota (the lengths take turns, so each band gets the lengths its terms have).
    /// </summary>
    private Dictionary<(int From, int To), List<string>> DrawTerms(Random random)
    {
        var texts = _corpus.NormalizedTexts;
        var terms = Bands.ToDictionary(b => b, _ => new List<string>());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var tries = 0; tries < 200_000 && terms.Values.Any(t => t.Count < TermsPerBand); tries++)
        {
            var text = texts[random.Next(texts.Count)];
            var points = StringInfo.ParseCombiningCharacters(text);
            var length = 1 + (tries % (2 * _reader.MaxGram));
            if (points.Length <= length)
            {
                continue;
            }

            var start = random.Next(points.Length - length);
            var end = start + length;
            var term = text[points[start]..(end < points.Length ? points[end] : text.Length)];
            if (!seen.Add(term))
            {
                continue;
            }

            var df = texts.Count(t => t.Contains(term, StringComparison.Ordinal));
            var band = Bands.FirstOrDefault(b => df >= b.From && df <= b.To);
            if (band != default && terms[band].Count < TermsPerBand)
            {
                terms[band].Add(term);
            }
        }

        return terms;
    }

    public void Dispose() => _index.Dispose();
}
