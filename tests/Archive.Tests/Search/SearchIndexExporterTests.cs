using System.Text.Json;
using Archive.Build;
using Archive.Search;
using Archive.Tests.Support;
using Xunit.Abstractions;

namespace Archive.Tests.Search;

[Collection(SearchCorporaCollection.Name)]
public sealed class SearchIndexExporterTests(SearchCorpora corpora, ITestOutputHelper output)
{
    [Fact]
    public void TwoExportsOfTheSameInputAreByteIdentical()
    {
        var corpus = corpora.Imported;

        var again = new SearchIndexExporter().Files(corpus.Corpus);

        Assert.Equal(corpus.Files.Select(f => f.Path), again.Select(f => f.Path));
        Assert.All(corpus.Files.Zip(again), pair => Assert.True(pair.First.Bytes.AsSpan().SequenceEqual(pair.Second.Bytes), pair.First.Path));
    }

    [Fact]
    public void DocumentsAreOrderedByRegionThenBureauThenYearSoFiltersAreRanges()
    {
        var reader = corpora.Imported.Static;
        var docs = JsonDocument.Parse(corpora.Imported.Files.Single(f => f.Path == "search/docs.json").Bytes).RootElement;
        var regions = docs.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("code").GetString()!).ToList();
        var keys = reader.Docs.Select(d => string.Join('/', d.GetProperty("regions").EnumerateArray().Select(r => regions[r.GetInt32()]))
            + "/" + d.GetProperty("bureau").GetInt32() + "/" + d.GetProperty("year").GetInt32()).ToList();

        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.Contains("100000", regions);
    }

    [Fact]
    public void ChunksCoverEveryDocumentInOrderAndPacksCoverEveryChunk()
    {
        var reader = corpora.Imported.Static;

        var next = 0;
        foreach (var doc in reader.Docs)
        {
            Assert.Equal(next, doc.GetProperty("firstChunk").GetInt32());
            next += doc.GetProperty("chunkCount").GetInt32();
        }

        Assert.Equal(reader.ChunkCount, next);
        Assert.Equal(0, reader.PackStarts[0]);
        Assert.Equal(reader.PackStarts.Count, corpora.Imported.Files.Count(f => f.Path.StartsWith("search/packs/", StringComparison.Ordinal)));
        Assert.Equal(reader.Shards, corpora.Imported.Files.Count(f => f.Path.StartsWith("search/shards/", StringComparison.Ordinal)));
        Assert.True((reader.Buckets & (reader.Buckets - 1)) == 0 && reader.Buckets >= SearchIndexExporter.MinBuckets);
    }

    [Theory]
    [InlineData("shipped")]
    [InlineData("imported")]
    public void CompressedKeyIndexIsNoLargerThanTheCompressedTexts(string name)
    {
        var corpus = corpora[name];
        using var temp = new TempFolder();
        var target = temp.Combine("out");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (var folder = new OutputFolder(target))
        {
            new SearchIndexExporter().Export(corpus.Corpus, folder);
            folder.Commit();
        }

        var elapsed = clock.Elapsed;
        long Compressed(string pattern) => Directory.EnumerateFiles(Path.Combine(target, "search"), pattern, SearchOption.AllDirectories)
            .Sum(f => new FileInfo(File.Exists(f + ".br") ? f + ".br" : f).Length);
        var packs = Compressed("*.json") - Compressed("manifest.json") - Compressed("docs.json");
        var index = Compressed("*.bin") + Compressed("manifest.json") + Compressed("docs.json");

        output.WriteLine($"{name}: {corpus.Corpus.Reports.Count} reports; brotli: shards+manifest+docs {index / 1024.0:F1} KB, packs {packs / 1024.0:F1} KB; export {elapsed.TotalMilliseconds:F0} ms");
        Assert.True(index <= packs, $"index {index} B > texts {packs} B");
    }
}
