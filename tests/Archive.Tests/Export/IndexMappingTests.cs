using Archive.Tests.Search;
using Archive.Tests.Support;
using System.Text.Json;
using Archive.Corpus;
using Archive.Export;
using Archive.Search.Contract;

namespace Archive.Tests.Export;

public class IndexMappingTests
{
    // Stock token filters of OpenSearch and Elasticsearch that need no plugin and no definition of their own.
    private static readonly HashSet<string> BuiltInFilters = ["cjk_width", "lowercase"];

    [Fact]
    public void The_default_mapping_is_json_and_defines_every_analyzer_and_filter_its_fields_use()
    {
        using var temp = new TempFolder();
        using var mapping = Json(Export(temp), "mapping.json");
        var root = mapping.RootElement;
        var analysis = root.GetProperty("settings").GetProperty("analysis");
        var analyzers = analysis.GetProperty("analyzer").EnumerateObject().Select(a => a.Name).ToHashSet();
        var filters = analysis.GetProperty("filter").EnumerateObject().Select(f => f.Name).ToHashSet();

        var used = AnalyzersUsed(root.GetProperty("mappings").GetProperty("properties")).ToList();

        Assert.Contains(IndexMapping.IndexAnalyzer, used);
        Assert.Contains(IndexMapping.SearchAnalyzer, used);
        Assert.All(used, a => Assert.Contains(a, analyzers));
        foreach (var analyzer in analysis.GetProperty("analyzer").EnumerateObject())
        {
            Assert.All(analyzer.Value.GetProperty("filter").EnumerateArray().Select(f => f.GetString()!),
                f => Assert.True(BuiltInFilters.Contains(f) || filters.Contains(f), $"{analyzer.Name} uses filter {f}, which is neither stock nor defined"));
        }

        var bigrams = analysis.GetProperty("analyzer").GetProperty(IndexMapping.IndexAnalyzer).GetProperty("filter").EnumerateArray().Last().GetString()!;
        Assert.Equal("cjk_bigram", analysis.GetProperty("filter").GetProperty(bigrams).GetProperty("type").GetString());
        Assert.True(analysis.GetProperty("filter").GetProperty(bigrams).GetProperty("output_unigrams").GetBoolean());
        Assert.DoesNotContain("smartcn", mapping.RootElement.GetRawText());
        Assert.Equal("strict", root.GetProperty("mappings").GetProperty("dynamic").GetString());
    }

    [Fact]
    public void The_smartcn_mapping_adds_word_sub_fields_to_the_text_and_is_otherwise_the_same()
    {
        using var temp = new TempFolder();
        var folder = Export(temp);
        using var plain = Json(folder, "mapping.json");
        using var smartcn = Json(folder, "mapping-smartcn.json");
        var properties = smartcn.RootElement.GetProperty("mappings").GetProperty("properties");

        foreach (var field in new[] { "title", "headings", "body" })
        {
            var words = properties.GetProperty(field).GetProperty("fields").GetProperty("words");
            Assert.Equal(IndexMapping.SmartcnAnalyzer, words.GetProperty("analyzer").GetString());
        }

        var defined = smartcn.RootElement.GetProperty("settings").GetProperty("analysis").GetProperty("analyzer").EnumerateObject().Select(a => a.Name).ToHashSet();
        Assert.All(AnalyzersUsed(properties).Where(a => a != IndexMapping.SmartcnAnalyzer), a => Assert.Contains(a, defined));
        Assert.Equal(plain.RootElement.GetProperty("settings").GetRawText(), smartcn.RootElement.GetProperty("settings").GetRawText());
        Assert.Equal(
            plain.RootElement.GetProperty("mappings").GetProperty("properties").EnumerateObject().Select(p => p.Name),
            properties.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Every_field_of_every_document_is_mapped_with_a_type_its_values_fit()
    {
        using var temp = new TempFolder();
        var folder = Export(temp);
        using var mapping = Json(folder, "mapping.json");
        var properties = mapping.RootElement.GetProperty("mappings").GetProperty("properties");
        var export = BulkExport.Read(folder);

        Assert.NotEmpty(export.Pairs);
        foreach (var field in export.Documents.SelectMany(d => d.EnumerateObject()))
        {
            Assert.True(properties.TryGetProperty(field.Name, out var mapped), $"field {field.Name} is not in the mapping, and the index is strict");
            var type = mapped.GetProperty("type").GetString();
            var values = field.Value.ValueKind == JsonValueKind.Array ? field.Value.EnumerateArray().ToList() : [field.Value];
            foreach (var value in values)
            {
                var fits = type switch
                {
                    "keyword" or "text" => value.ValueKind == JsonValueKind.String,
                    "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
                    "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
                    "date" => value.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", out _),
                    _ => false,
                };
                Assert.True(fits, $"{field.Name} = {value.GetRawText()} does not fit the mapped type {type}");
            }
        }
    }

    [Fact]
    public void A_phrase_query_over_the_mapped_bigrams_finds_exactly_the_reports_containing_a_run_of_chinese_characters()
    {
        using var temp = new TempFolder();
        var folder = Export(temp);
        using var mapping = Json(folder, "mapping.json");
        var analysis = mapping.RootElement.GetProperty("settings").GetProperty("analysis");
        var body = mapping.RootElement.GetProperty("mappings").GetProperty("properties").GetProperty("body");
        var bodies = BulkExport.Read(folder).Documents.ToDictionary(d => d.GetProperty("id").GetString()!, d => d.GetProperty("body").GetString()!);
        using var index = new PhraseIndex(
            new MappedAnalyzer(analysis, body.GetProperty("analyzer").GetString()!),
            new MappedAnalyzer(analysis, body.GetProperty("search_analyzer").GetString()!),
            bodies);

        var random = new Random(20240611);
        var texts = bodies.Values.ToList();
        var terms = new List<string> { "民工", "拖欠农民工工资", "欠薪", "工", "调解", "行政复议" };
        while (terms.Count < 300)
        {
            var text = texts[random.Next(texts.Count)];
            var start = random.Next(text.Length);
            var term = text.Substring(start, Math.Min(1 + random.Next(8), text.Length - start));
            if (term.All(IsHan))
            {
                terms.Add(term);
            }
        }

        foreach (var term in terms)
        {
            var expected = bodies.Where(b => b.Value.Contains(term, StringComparison.Ordinal)).Select(b => b.Key).Order(StringComparer.Ordinal);
            Assert.Equal(expected, index.Phrase(term));
        }

        // What the README says is only approximate: punctuation separates bigrams, which our normalizer drops.
        var corpus = new CorpusReader().ReadValid(RepoPaths.Input);
        Assert.NotEmpty(new BruteForceSearch(corpus.Reports).Match(SearchQuery.Parse("双随机一公开")));
        Assert.Empty(index.Phrase("双随机一公开"));
    }

    private static bool IsHan(char c) => c is >= '\u3400' and <= '\u9FFF';

    private static string Export(TempFolder temp)
    {
        var folder = temp.Combine("export");
        new OpenSearchExporter().Export(RepoPaths.Input, folder);
        return folder;
    }

    private static JsonDocument Json(string folder, string file) => JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, file)));

    private static IEnumerable<string> AnalyzersUsed(JsonElement properties)
    {
        foreach (var field in properties.EnumerateObject())
        {
            foreach (var key in new[] { "analyzer", "search_analyzer" })
            {
                if (field.Value.TryGetProperty(key, out var name))
                {
                    yield return name.GetString()!;
                }
            }

            if (field.Value.TryGetProperty("fields", out var sub))
            {
                foreach (var name in AnalyzersUsed(sub))
                {
                    yield return name;
                }
            }
        }
    }
}
