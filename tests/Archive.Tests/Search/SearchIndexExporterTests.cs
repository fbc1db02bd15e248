using Archive.Incremental;
using Archive.Tests.Support;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using Archive.Core;
using Archive.Regions;
using Archive.Search.Contract;
using Archive.Search.StaticIndex;

namespace Archive.Tests.Search;

/// <summary>
/// The exported files against FORMAT.md §4 (format version 3), read through <see cref="StaticIndexReader"/>, which is
/// written from the spec alone; expected values come from the corpus and brute-force counts, never from the exporter.
/// </summary>
[Collection(SearchCorporaCollection.Name)]
public sealed partial class SearchIndexExporterTests(SearchCorpora corpora, ITestOutputHelper output)
{
    // The exporter's own sizing rules (FORMAT.md §4.5, last paragraph); readers must not assume them, its tests check them.
    private const int ShardAverageBytes = 2 * 1024;

    private static readonly DateOnly UnixEpoch = new(1970, 1, 1);

    public static TheoryData<string> Corpora => new("shipped", "imported", "shipped-tiny-packs");

    [Fact]
    public void TwoExportsOfTheSameInputAreByteIdentical()
    {
        var corpus = corpora.Imported;

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var again = new SearchIndexExporter().Files(corpus.Corpus);
        output.WriteLine($"imported: {again.Count} files in {clock.ElapsedMilliseconds} ms, before compression");

        Assert.Equal(corpus.Files.Select(f => f.Path), again.Select(f => f.Path));
        Assert.All(corpus.Files.Zip(again), pair => Assert.True(pair.First.Bytes.AsSpan().SequenceEqual(pair.Second.Bytes), pair.First.Path));
    }

    [Fact]
    public void DocumentsAreOrderedByRegionThenBureauThenYearSoFiltersAreRanges()
    {
        var corpus = corpora.Imported;
        var reader = corpus.Static;
        var reports = corpus.Corpus.Reports.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var regions = reader.Catalog.Regions;
        var codes = regions.Select(r => r.Code).ToList();
        var ids = reader.Catalog.BureauIds;
        var counts = reader.Catalog.BureauDocs;
        var leaves = reader.Catalog.BureauRegions;
        var starts = counts.Select((_, i) => counts.Take(i).Sum()).ToList();

        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.Contains("100000", codes);
        Assert.Equal(ids.Count, counts.Count);
        Assert.Equal(ids.Count, leaves.Count);
        Assert.All(counts, count => Assert.True(count > 0, "a bureau owns no docs"));
        Assert.Equal(reader.DocCount, counts.Sum());

        var keys = new List<string[]>();
        var bureaus = ids;
        for (var index = 0; index < bureaus.Count; index++)
        {
            var id = ids[index];
            var bureau = corpus.Corpus.FindBureau(id);
            Assert.NotNull(bureau);
            var path = DivisionTable.Default.PathOf(bureau.DivisionCode);

            // The path is the bureau's region and its parents, read from the top (FORMAT.md §4.2).
            var regionIndexes = new List<int>();
            for (CatalogRegion? at = regions[leaves[index]]; at is { } region;)
            {
                regionIndexes.Insert(0, codes.IndexOf(region.Code));
                at = region.Parent is { } parent ? regions[parent] : null;
            }

            Assert.Equal(path.Divisions.Select(d => d.Code), regionIndexes.Select(r => codes[r]));
            Assert.All(regionIndexes.Select((r, depth) => (r, depth)), x =>
                Assert.Equal(x.depth < 2 ? path.Divisions.ElementAt(x.depth).Name : null, regions[x.r].Name));

            var bureauBlock = reader.Manifest.GetProperty("bureauBlock").GetInt32();
            var display = JsonDocument.Parse(corpus.Files.Single(f => f.Path == $"search/bureaus/{index / bureauBlock:D4}.json").Bytes).RootElement[index % bureauBlock];
            Assert.Equal(bureau.Name, display.GetProperty("name").GetString());
            Assert.Equal($"bureaus/{id}.html", display.GetProperty("url").GetString());

            var end = index + 1 < bureaus.Count ? starts[index + 1] : reader.DocCount;
            for (var doc = starts[index]; doc < end; doc++)
            {
                var report = reports[reader.Docs[doc].GetProperty("id").GetString()!];
                Assert.Equal(id, report.BureauId);
                Assert.Equal(bureau.Name, reader.Docs[doc].GetProperty("bureau").GetString());
                Assert.Equal($"bureaus/{id}.html", reader.Docs[doc].GetProperty("bureauUrl").GetString());
                Assert.Equal(report.Year, reader.Years[doc]);
                keys.Add([path.Province.Code, path.City?.Code ?? "", path.District?.Code ?? "", id, report.Year.ToString("D4", CultureInfo.InvariantCulture), report.Id]);
            }
        }

        Assert.Equal(reader.DocCount, keys.Count);
        Assert.All(keys.Zip(keys.Skip(1)), pair => Assert.True(CompareOrdinal(pair.First, pair.Second) < 0, $"{string.Join('/', pair.First)} is not before {string.Join('/', pair.Second)}"));
    }

    [Theory]
    [MemberData(nameof(Corpora))]
    public void DocumentTablesHoldEveryReportWithItsQuantizedLength(string name)
    {
        var corpus = corpora[name];
        var reader = corpus.Static;
        var reports = corpus.Corpus.Reports.Select((r, i) => (Report: r, Text: corpus.NormalizedTexts[i])).ToDictionary(r => r.Report.Id, StringComparer.Ordinal);

        Assert.Equal(reports.Count, reader.DocCount);
        Assert.Equal(Math.Max(2, (reader.DocCount + 999) / 1000), reader.MinDf);
        Assert.Equal(reports.Keys.Order(StringComparer.Ordinal), reader.Docs.Select(d => d.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        for (var doc = 0; doc < reader.DocCount; doc++)
        {
            var (report, text) = reports[reader.Docs[doc].GetProperty("id").GetString()!];
            Assert.Equal(report.Title, reader.Docs[doc].GetProperty("title").GetString());
            Assert.Equal(SitePaths.Report(report.Id), reader.Docs[doc].GetProperty("url").GetString());
            Assert.Equal(report.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), reader.Docs[doc].GetProperty("published").GetString());
            Assert.Equal(report.Year, reader.Years[doc]);
            Assert.Equal(report.Published is { } date ? 1 + date.DayNumber - UnixEpoch.DayNumber : 0, reader.PublishedDays[doc]);
            var length = text.EnumerateRunes().Count();
            var code = Math.Min(255, Math.Round(2 * Math.Log2(Math.Max(1, length)), MidpointRounding.AwayFromZero));
            Assert.True(code == reader.LengthCodes[doc], $"{report.Id}: length {length}, q {code}, docs.bin {reader.LengthCodes[doc]}");
        }

        var average = Enumerable.Range(0, reader.DocCount).Average(reader.QuantizedLength);
        Assert.Equal(average, reader.AvgDocLength, 1e-9);
    }

    [Theory]
    [MemberData(nameof(Corpora))]
    public void ChunksCoverEveryDocumentInOrderInOneTextRecordEach(string name)
    {
        var corpus = corpora[name];
        var reader = corpus.Static;
        var texts = corpus.Corpus.Reports.Select((r, i) => (r.Id, Text: corpus.NormalizedTexts[i])).ToDictionary(r => r.Id, r => r.Text, StringComparer.Ordinal);
        var paths = corpus.Files.Select(f => f.Path).ToList();

        var next = 0;
        var (pack, end) = (0, 0);
        for (var doc = 0; doc < reader.DocCount; doc++)
        {
            Assert.Equal(next, reader.Docs[doc].GetProperty("firstChunk").GetInt32());
            // Texts in doc order: each record right after the one before, or at the start of the next pack.
            var text = reader.Docs[doc].GetProperty("text");
            var (at, offset) = (text[0].GetInt32(), text[1].GetInt32());
            Assert.True((at, offset) == (pack, end) || (doc > 0 && (at, offset) == (pack + 1, 0)), $"doc {doc}'s text is at {at}:{offset}, after {pack}:{end}");
            (pack, end) = (at, offset + reader.Docs[doc].GetProperty("chunks").EnumerateArray().Sum(c => c.GetInt32()));
            var count = reader.ChunkCountOf(doc);
            Assert.True(count > 0, $"doc {doc} has no chunk");
            Assert.All(Enumerable.Range(next, count), chunk => Assert.Equal(doc, reader.ChunkText(chunk).Doc));
            Assert.Equal(texts[reader.Docs[doc].GetProperty("id").GetString()!], reader.SearchableText(doc));
            AssertTailsHoldTheNextCodePoints(reader, next, count);
            next += count;
        }

        Assert.Equal(reader.ChunkCount, next);
        // Packs numbered from 0 (the reader checked that text packs hold nothing but the docs' records, and that the
        // indexed packs hold exactly the blocks and shards there are).
        Assert.Equal(Packs(pack + 1, "text/"), paths.Where(p => p.StartsWith("search/text/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(Packs((reader.DocBlockCount + reader.BlocksPerPack - 1) / reader.BlocksPerPack, "docs/"), paths.Where(p => p.StartsWith("search/docs/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.True(reader.KeyShards > 0 && (reader.KeyShards & (reader.KeyShards - 1)) == 0, $"keyShards {reader.KeyShards} is not a power of two");
        Assert.Equal(Packs((reader.KeyShards + reader.ShardsPerPack - 1) / reader.ShardsPerPack, "keys/"), paths.Where(p => p.StartsWith("search/keys/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.All(paths, path => Assert.Matches(IndexFile(), path));
        // A text pack is closed only before a record that would take it past the limit, so it is over the limit only
        // when it holds one record.
        var records = Enumerable.Range(0, reader.DocCount)
            .Select(d => (Pack: reader.Docs[d].GetProperty("text")[0].GetInt32(), Length: reader.Docs[d].GetProperty("chunks").EnumerateArray().Sum(c => c.GetInt32())))
            .ToList();
        var sizes = records.GroupBy(r => r.Pack).ToDictionary(g => g.Key, g => (Bytes: g.Sum(r => r.Length), Count: g.Count()));
        Assert.All(sizes, s => Assert.True(s.Value.Bytes <= corpus.Layout.PackBytes || s.Value.Count == 1, $"text pack {s.Key}: {s.Value.Count} records, {s.Value.Bytes} bytes"));
        Assert.All(records.Skip(1).Zip(records).Where(x => x.First.Pack != x.Second.Pack), x => Assert.True(sizes[x.Second.Pack].Bytes + x.First.Length > corpus.Layout.PackBytes, $"text pack {x.Second.Pack} closed with room for the next record"));
        if (name == "shipped-tiny-packs")
        {
            Assert.True(pack > 0 && reader.KeyShards > reader.ShardsPerPack, $"{name}: {pack + 1} text packs and {reader.KeyShards} shards in packs of {reader.ShardsPerPack}");
        }

        static IEnumerable<string> Packs(int count, string folder) => Enumerable.Range(0, count).Select(p => $"search/{folder}{p:D4}.bin");
    }

    [Theory]
    [MemberData(nameof(Corpora))]
    public void EveryKeyHoldsExactlyTheDocsAndHitsOfABruteForceCountAndNoKeyIsMissing(string name)
    {
        // The strongest check of the exporter: every key of every shard decoded and compared with a count over the
        // text the reader reassembles (which the chunk test compares with the corpus), and the key set with §4.3's rule.
        var corpus = corpora[name];
        var reader = corpus.Static;
        var texts = Enumerable.Range(0, reader.DocCount).Select(reader.SearchableText).ToList();
        var expected = BruteForceKeys(texts, reader.MaxGram, reader.MinDf);
        var problems = new List<string>();
        var actual = 0;
        for (var shard = 0; shard < reader.KeyShards; shard++)
        {
            foreach (var key in reader.KeysOfShard(shard))
            {
                actual++;
                var where = $"keys/{shard:D4}.bin '{key.Key}'";
                if (StaticIndexReader.ShardOf(key.Key, reader.KeyShards) != shard)
                {
                    problems.Add($"{where}: belongs in shard {StaticIndexReader.ShardOf(key.Key, reader.KeyShards)}");
                }

                if ((key.External is not null) != (key.Length > corpus.Layout.InlineLimit))
                {
                    problems.Add($"{where}: {key.Length} postings bytes stored {(key.External is null ? "inline" : "in " + key.External)}");
                }

                var gapBytes = key.Docs.Select((doc, i) => VarintLength(doc - (i == 0 ? -1 : key.Docs[i - 1]) - 1)).Sum();
                var shorter = gapBytes <= (reader.DocCount + 7) / 8 ? 0 : 1;
                if (key.Mode != shorter)
                {
                    problems.Add($"{where}: mode {key.Mode}, but mode {shorter} is shorter ({gapBytes} gap bytes, {(reader.DocCount + 7) / 8} bitset bytes)");
                }

                var postings = key.Docs.Zip(key.Hits, (doc, hits) => $"{doc}:{hits}");
                if (!expected.Remove(key.Key, out var counted))
                {
                    problems.Add($"{where}: not a key by §4.3 (postings {string.Join(' ', postings)})");
                }
                else if (key.Df != key.Docs.Count || !postings.SequenceEqual(counted.Select(p => $"{p.Doc}:{p.Hits}")))
                {
                    problems.Add($"{where}: df {key.Df}, postings {string.Join(' ', postings)}; counted {string.Join(' ', counted.Select(p => $"{p.Doc}:{p.Hits}"))}");
                }
            }
        }

        problems.AddRange(expected.Keys.Order(StringComparer.Ordinal).Select(k => $"'{k}' is a key by §4.3 but in no shard"));
        // The postings packs hold nothing but the records keys name, and equal postings are one record (§4.3).
        reader.VerifyPostingsPacks();
        var records = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var shard = 0; shard < reader.KeyShards; shard++)
        {
            foreach (var key in reader.KeysOfShard(shard).Where(k => k.External is not null))
            {
                var content = string.Join(' ', key.Docs.Zip(key.Hits, (doc, hits) => $"{doc}:{hits}"));
                var at = $"{key.External}@{key.Offset}";
                if (records.TryGetValue(content, out var first) && first != at)
                {
                    problems.Add($"'{key.Key}': postings at {at}, the same as at {first}");
                }

                records.TryAdd(content, at);
            }
        }

        output.WriteLine($"{name}: {reader.DocCount} docs, {actual} keys in {reader.KeyShards} shards, {records.Count} postings records, {problems.Count} problems");
        Assert.Empty(problems.Take(20));
    }

    [Theory]
    [MemberData(nameof(Corpora))]
    public void KeysWithPackedPostingsHintTheFirstPageOfASearchForThemAloneAndOtherKeysNone(string name)
    {
        var reader = corpora[name].Static;
        var external = 0;
        for (var shard = 0; shard < reader.KeyShards; shard++)
        {
            foreach (var key in reader.KeysOfShard(shard))
            {
                if (key.External is null)
                {
                    Assert.Empty(key.Hints);
                    continue;
                }

                // FORMAT.md §3 for one term: its idf and word boost are the same for every doc, so tf (k1 + 1) /
                // (tf + norm) orders them; ties go to the newer year, then the lower doc number.
                external++;
                var expected = key.Docs.Select((doc, i) =>
                    {
                        var norm = Bm25.K1 * (1 - Bm25.B + (Bm25.B * LengthCode.Length(reader.LengthCodes[doc]) / reader.AvgDocLength));
                        return (Doc: doc, Score: key.Hits[i] * (Bm25.K1 + 1) / (key.Hits[i] + norm), Year: reader.Years[doc]);
                    })
                    .OrderByDescending(x => x.Score).ThenByDescending(x => x.Year).ThenBy(x => x.Doc)
                    .Take(10).Select(x => x.Doc).Order();
                Assert.Equal(expected, key.Hints);
            }
        }

        // The other corpora have no postings long enough for the packs.
        Assert.True(external > 0 || name != "shipped-tiny-packs", $"{name}: no key has its postings in a pack");
    }

    [Theory]
    [MemberData(nameof(Corpora))]
    public void EveryMaxGramKeyHoldsThePositionsOfABruteForceScan(string name)
    {
        // Positions let a browser match terms longer than maxGram without text, so a wrong one is a wrong hit or a
        // miss with nothing to catch it: each is compared with a scan of the text the reader reassembles. (The reader
        // checks that each lies in its postings pack; VerifyPostingsPacks, above, that the packs hold nothing else.)
        var corpus = corpora[name];
        var reader = corpus.Static;
        var texts = Enumerable.Range(0, reader.DocCount).Select(reader.SearchableText).ToList();
        var keys = new Dictionary<string, KeyPostings>(StringComparer.Ordinal);
        var packs = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        for (var shard = 0; shard < reader.KeyShards; shard++)
        {
            foreach (var key in reader.KeysOfShard(shard))
            {
                var where = $"shard {shard} '{key.Key}'";
                if ((key.Key.EnumerateRunes().Count() == reader.MaxGram) != (key.Positions is not null))
                {
                    problems.Add($"{where}: {(key.Positions is null ? "no positions" : "positions")} with {key.Key.EnumerateRunes().Count()} code points, maxGram is {reader.MaxGram}");
                }

                if (key.Positions is not null)
                {
                    keys[key.Key] = key;
                    packs.Add(key.PositionsFile!);
                }
            }
        }

        var scanned = ScanPositions(texts, keys.Keys.ToHashSet(StringComparer.Ordinal), reader.MaxGram);
        foreach (var (key, postings) in keys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var decoded = postings.Docs.Zip(postings.Positions!, (doc, at) => $"{doc}:{string.Join(',', at)}");
            var expected = scanned.GetValueOrDefault(key, []).Select(d => $"{d.Doc}:{string.Join(',', d.Positions)}");
            if (!decoded.SequenceEqual(expected))
            {
                problems.Add($"'{key}': positions {string.Join(' ', decoded.Take(4))}; scanned {string.Join(' ', expected.Take(4))}");
            }
        }

        output.WriteLine($"{name}: {keys.Count} keys of {reader.MaxGram} code points, {scanned.Values.Sum(d => d.Sum(p => p.Positions.Count))} positions "
            + $"in {packs.Count} packs, {problems.Count} problems");
        Assert.NotEmpty(keys);
        Assert.Empty(problems.Take(20));
    }

    [Theory]
    [MemberData(nameof(Corpora))]
    public void TermsLongerThanMaxGramAreMatchedFromPositionsLikeABruteForceCount(string name)
    {
        // §4.5 step 3 alone, with no text: the docs and hits from the cover grams' positions against a count over all
        // texts, for terms found in the texts (recall, long repeated phrases included) and glued from two places (precision).
        var corpus = corpora[name];
        var reader = corpus.Static;
        var texts = Enumerable.Range(0, reader.DocCount).Select(reader.SearchableText).ToList();
        var random = new Random(20240601);
        var terms = new List<string>();
        for (var i = 0; i < 3000; i++)
        {
            var length = random.Next(reader.MaxGram + 1, (4 * reader.MaxGram) + 2);
            terms.Add(i % 4 == 3 ? Piece(texts, random, length / 2) + Piece(texts, random, length - (length / 2)) : Piece(texts, random, length));
        }

        // Phrases repeated across reports are the ones whose cover grams are all frequent keys.
        terms.AddRange(QuerySamples.Named.Select(TextNormalizer.NormalizeToString).Where(t => t.EnumerateRunes().Count() > reader.MaxGram));
        var answered = 0;
        var found = 0;
        var problems = new List<string>();
        foreach (var term in terms.Distinct(StringComparer.Ordinal))
        {
            if (reader.HitsFromPositions(term) is not { } hits)
            {
                continue;
            }

            answered++;
            var expected = texts.Select((text, doc) => (doc, Count: Occurrences.Count(text, term))).Where(d => d.Count > 0).ToList();
            found += expected.Count > 0 ? 1 : 0;
            var actual = hits.OrderBy(h => h.Key).Select(h => $"{h.Key}:{h.Value}");
            if (!actual.SequenceEqual(expected.Select(d => $"{d.doc}:{d.Count}")))
            {
                problems.Add($"'{term}': positions {string.Join(' ', actual.Take(6))}; counted {string.Join(' ', expected.Take(6).Select(d => $"{d.doc}:{d.Count}"))}");
            }
        }

        output.WriteLine($"{name}: {terms.Count} terms, {answered} answered from positions, {found} of them found");
        Assert.True(found > 0, "no term was found from positions, so step 3 went unchecked");
        Assert.Empty(problems.Take(20));
    }

    [Theory]
    [MemberData(nameof(Corpora))]
    public void KeyShardsAreSmallAndNoMoreThanNeeded(string name)
    {
        // Version 1 asserted that the key index compresses to no more than the texts. Version 2 keys hold exact
        // postings of every unigram, bigram and frequent n-gram up to maxGram, so on small corpora (minDf = 2) they
        // outweigh the text several times; what keeps a cold query cheap is that it fetches one small shard per
        // term, so the bounds are on shard size, and the sizes are reported to follow the trade-off.
        var corpus = corpora[name];
        var reader = corpus.Static;
        var shards = Enumerable.Range(0, reader.KeyShards).Select(reader.ShardRecord).ToList();
        long Bytes(string prefix) => corpus.Files.Where(f => f.Path.StartsWith("search/" + prefix, StringComparison.Ordinal)).Sum(f => (long)f.Bytes.Length);
        output.WriteLine($"{name}: {reader.DocCount} reports, {reader.KeyShards} key shards of {shards.Average(s => s.Length) / 1024.0:F1} KB on average, "
            + $"largest {shards.Max(s => s.Length) / 1024.0:F1} KB; uncompressed: keys {Bytes("keys/") / 1024.0:F1} KB, postings {Bytes("postings/") / 1024.0:F1} KB, "
            + $"text {Bytes("text/") / 1024.0:F1} KB");

        Assert.All(shards, s => Assert.True(s.Length <= 64 * 1024, $"a key shard of {s.Length} B"));
        // Sizes without the hints (FORMAT.md §4.3: they are not counted), with each shard's 4 bytes in its pack's table.
        Assert.True(Enumerable.Range(0, reader.KeyShards).Sum(s => 4 + shards[s].Length - HintBytes(s)) <= (long)ShardAverageBytes * reader.KeyShards, "the average key shard is over 2 KB");
        if (reader.KeyShards > 1)
        {
            // Halving keyShards merges shards s and s + keyShards/2 (the hash mod keyShards/2); entries keep their
            // bytes, only the table entry and the count are shared, so the merged sizes are exact.
            var half = reader.KeyShards / 2;
            var merged = Enumerable.Range(0, half).Sum(s =>
            {
                var count = reader.KeysOfShard(s).Count() + reader.KeysOfShard(s + half).Count();
                return 4L + VarintLength(count) + Body(s) + Body(s + half);
            });
            Assert.True(merged > (long)ShardAverageBytes * half, $"{half} shards would average {merged / half} B, so {reader.KeyShards} are more than needed");
        }

        long Body(int shard) => shards[shard].Length - VarintLength(reader.KeysOfShard(shard).Count()) - HintBytes(shard);
        long HintBytes(int shard) => reader.KeysOfShard(shard).Where(k => k.External is not null)
            .Sum(k => VarintLength(k.Hints.Count) + k.Hints.Select((doc, i) => (long)VarintLength(doc - (i == 0 ? 0 : k.Hints[i - 1] + 1))).Sum());
    }

    [Fact]
    public void ExportWritesTheFilesWithCompressedCopiesAndTheirSizesAreReported()
    {
        // The shipped corpus only: compressing the imported corpus's thousands of small files takes over a minute.
        var corpus = corpora.Shipped;
        using var temp = new TempFolder();
        var target = temp.Combine("out");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (var folder = new ReusingOutput(target))
        {
            new SearchIndexExporter().Export(corpus.Corpus, folder);
            folder.Commit();
        }

        var elapsed = clock.Elapsed;
        // Files too small to be worth compressing get no .br copy and are served as they are.
        long Brotli(string prefix) => corpus.Files.Where(f => f.Path.StartsWith("search/" + prefix, StringComparison.Ordinal))
            .Select(f => Path.Combine(target, f.Path))
            .Sum(f => new FileInfo(File.Exists(f + ".br") ? f + ".br" : f).Length);
        output.WriteLine($"shipped: brotli: keys {Brotli("keys/") / 1024.0:F1} KB, postings {Brotli("postings/") / 1024.0:F1} KB, "
            + $"doc blocks {Brotli("docs/") / 1024.0:F1} KB, docs.bin+dates.bin+catalog {(Brotli("docs.bin") + Brotli("dates.bin") + Brotli("catalog.json")) / 1024.0:F1} KB, "
            + $"text {Brotli("text/") / 1024.0:F1} KB; export {elapsed.TotalMilliseconds:F0} ms");

        Assert.All(corpus.Files, f => Assert.True(File.ReadAllBytes(Path.Combine(target, f.Path)).AsSpan().SequenceEqual(f.Bytes), f.Path));
        // Packs are read by range (FORMAT.md §4.0): no copies, whatever their size.
        var (packs, others) = (corpus.Files.Where(IsPack).ToList(), corpus.Files.Where(f => !IsPack(f)).ToList());
        Assert.Equal(["docs", "keys", "postings", "text"], packs.Select(f => f.Path.Split('/')[1]).Distinct().Order(StringComparer.Ordinal));
        Assert.All(others.Where(f => f.Bytes.Length >= 1024), f => Assert.True(File.Exists(Path.Combine(target, f.Path + ".br")), f.Path + ".br"));
        Assert.All(packs, f => Assert.False(File.Exists(Path.Combine(target, f.Path + ".br")) || File.Exists(Path.Combine(target, f.Path + ".gz")), f.Path));
    }

    /// <summary>
    /// The keys of FORMAT.md §4.3 with their postings, counted directly: every unigram and bigram of the texts, and
    /// level by level every n-gram (3 ≤ n ≤ maxGram) whose first and last n − 1 code points are keys with df ≥ minDf.
    /// </summary>
    private static Dictionary<string, List<(int Doc, int Hits)>> BruteForceKeys(List<string> texts, int maxGram, int minDf)
    {
        var keys = new Dictionary<string, List<(int Doc, int Hits)>>(StringComparer.Ordinal);
        var starts = texts.Select(StaticIndexReader.CodePointStarts).ToList();
        var frequent = new HashSet<string>(StringComparer.Ordinal);
        for (var n = 1; n <= maxGram; n++)
        {
            var level = new Dictionary<string, List<(int Doc, int Hits)>>(StringComparer.Ordinal);
            // Unigrams and bigrams are all keys; from trigrams on, both (n − 1)-gram halves must be frequent keys.
            var gated = n >= 3;
            var halves = frequent.GetAlternateLookup<ReadOnlySpan<char>>();
            for (var doc = 0; doc < texts.Count; doc++)
            {
                var (text, at) = (texts[doc], starts[doc]);
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
                for (var i = 0; i + n < at.Length; i++)
                {
                    if (gated && !(halves.Contains(text.AsSpan(at[i], at[i + n - 1] - at[i])) && halves.Contains(text.AsSpan(at[i + 1], at[i + n] - at[i + 1]))))
                    {
                        continue;
                    }

                    var gram = text.AsSpan(at[i], at[i + n] - at[i]);
                    lookup[gram] = lookup.TryGetValue(gram, out var count) ? count + 1 : 1;
                }

                foreach (var (gram, count) in counts)
                {
                    if (!level.TryGetValue(gram, out var postings))
                    {
                        level[gram] = postings = [];
                    }

                    postings.Add((doc, count));
                }
            }

            foreach (var (gram, postings) in level)
            {
                keys[gram] = postings;
            }

            frequent = new HashSet<string>(level.Where(g => g.Value.Count >= minDf).Select(g => g.Key), StringComparer.Ordinal);
            if (n >= 2 && frequent.Count == 0)
            {
                break;
            }
        }

        return keys;
    }

    /// <summary>Every start (a code point index) of each of <paramref name="keys"/> in each text, overlaps included, by key then doc.</summary>
    private static Dictionary<string, List<(int Doc, List<int> Positions)>> ScanPositions(List<string> texts, HashSet<string> keys, int maxGram)
    {
        var found = new Dictionary<string, List<(int Doc, List<int> Positions)>>(StringComparer.Ordinal);
        var lookup = keys.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var doc = 0; doc < texts.Count; doc++)
        {
            var (text, at) = (texts[doc], StaticIndexReader.CodePointStarts(texts[doc]));
            for (var p = 0; p + maxGram < at.Length; p++)
            {
                if (!lookup.TryGetValue(text.AsSpan(at[p], at[p + maxGram] - at[p]), out var key))
                {
                    continue;
                }

                if (!found.TryGetValue(key, out var docs))
                {
                    found[key] = docs = [];
                }

                if (docs.Count == 0 || docs[^1].Doc != doc)
                {
                    docs.Add((doc, []));
                }

                docs[^1].Positions.Add(p);
            }
        }

        return found;
    }

    /// <summary>A substring of <paramref name="length"/> code points at a random place of a random text.</summary>
    private static string Piece(List<string> texts, Random random, int length)
    {
        var text = texts[random.Next(texts.Count)];
        var at = StaticIndexReader.CodePointStarts(text);
        length = Math.Min(length, at.Length - 1);
        var start = random.Next(at.Length - length);
        return text[at[start]..at[start + length]];
    }

    /// <summary>§4.4: each tail is the shortest prefix of the report's later blocks that holds min(overlap − 1, kept) code points.</summary>
    private static void AssertTailsHoldTheNextCodePoints(StaticIndexReader reader, int firstChunk, int chunkCount)
    {
        var blocks = Enumerable.Range(firstChunk, chunkCount)
            .Select(c => reader.Chunk(c).Blocks.Select(b => b.Text).ToList())
            .ToList();
        for (var i = 0; i < chunkCount; i++)
        {
            // Later blocks only as far as they hold overlap − 1 kept code points: the shortest prefix lies within them.
            var later = new List<string>();
            var kept = 0;
            foreach (var block in blocks.Skip(i + 1).SelectMany(b => b))
            {
                if (kept >= reader.Overlap - 1)
                {
                    break;
                }

                later.Add(block);
                kept += TextNormalizer.Normalize(block).Length;
            }

            var rest = string.Join("\n", later);
            var wanted = Math.Min(reader.Overlap - 1, kept);
            var tail = reader.Chunk(firstChunk + i).Tail;
            var where = $"chunk {firstChunk + i}: tail '{tail}'";
            Assert.True(rest.StartsWith(tail, StringComparison.Ordinal), $"{where} is not a prefix of the later blocks");
            Assert.True(TextNormalizer.Normalize(tail).Length == wanted, $"{where} holds {TextNormalizer.Normalize(tail).Length} kept code points, not {wanted}");
            var shorter = tail.Length == 0 ? "" : tail[..(tail.Length - (char.IsLowSurrogate(tail[^1]) ? 2 : 1))];
            Assert.True(tail.Length == 0 || TextNormalizer.Normalize(shorter).Length < wanted, $"{where} is not the shortest such prefix");
        }
    }

    private static bool IsPack((string Path, byte[] Bytes) file) => PackFile().IsMatch(file.Path);

    private static int CompareOrdinal(string[] a, string[] b) =>
        a.Zip(b, string.CompareOrdinal).FirstOrDefault(order => order != 0);

    private static int VarintLength(long value)
    {
        var length = 1;
        for (; value >= 0x80; value >>= 7)
        {
            length++;
        }

        return length;
    }

    [GeneratedRegex(@"^search/(manifest\.json|catalog\.json|docs\.bin|dates\.bin|bureaus/\d{4}\.json|(docs|keys|postings|text)/\d{4,}\.bin)$")]
    private static partial Regex IndexFile();

    [GeneratedRegex(@"^search/(docs|keys|postings|text)/\d{4,}\.bin$")]
    private static partial Regex PackFile();
}
