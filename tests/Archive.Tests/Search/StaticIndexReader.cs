using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Archive.Search.Contract;

namespace Archive.Tests.Search;

/// <summary>
/// A decoder of output/search/ (format version 3) written from FORMAT.md alone, as the browser client reads it: it
/// shares no code with the exporter except the normalizer, the occurrence counter and the query parser, so agreement
/// with the brute-force search proves the format, not one implementation against itself.
/// </summary>
/// <remarks>
/// Every value comes from the files, every parameter from the manifest (§4.5: readers must not assume the
/// exporter's rules). Malformed files throw <see cref="InvalidDataException"/>, so a format violation fails the test
/// that reads it with the file and the field named.
/// </remarks>
public sealed class StaticIndexReader
{
    private const string Folder = "search/";

    private readonly IReadOnlyDictionary<string, byte[]> _files;
    private readonly Dictionary<int, Dictionary<string, ShardEntry>> _shards = [];
    private readonly Dictionary<int, StoredChunk[]> _textFiles = [];
    private readonly Dictionary<int, (int Doc, string Own, string Extended)> _chunkTexts = [];
    private readonly Dictionary<int, string> _searchableTexts = [];

    public StaticIndexReader(IReadOnlyDictionary<string, byte[]> files)
    {
        _files = files;
        Manifest = Parse("manifest.json");
        Expect(Manifest.GetProperty("format").GetString() == "archive-search", "manifest.json: format is not archive-search");
        Expect(Manifest.GetProperty("version").GetInt32() == 3, "manifest.json: version is not 3");
        Expect(Manifest.GetProperty("normalization").GetInt32() == TextNormalizer.Version, "manifest.json: normalization differs from the normalizer's");
        DocCount = Positive("docCount", allowZero: true);
        AvgDocLength = Manifest.GetProperty("avgDocLength").GetDouble();
        ChunkCount = Positive("chunkCount", allowZero: true);
        Overlap = Positive("overlap");
        MaxGram = Positive("maxGram");
        MinDf = Positive("minDf");
        KeyShards = Positive("keyShards");
        DocBlock = Positive("docBlock");

        Catalog = ReadCatalog(Parse("catalog.json"));
        (Years, LengthCodes) = ReadDocTable();
        PublishedDays = ReadDateTable();
        Docs = ReadDocBlocks();
    }

    public JsonElement Manifest { get; }

    public int DocCount { get; }

    /// <summary>avgdl of FORMAT.md §3: the mean quantized length.</summary>
    public double AvgDocLength { get; }

    public int ChunkCount { get; }

    public int Overlap { get; }

    public int MaxGram { get; }

    public int MinDf { get; }

    public int KeyShards { get; }

    public int DocBlock { get; }

    /// <summary>catalog.json, decoded: bureau ids, doc counts and regions in doc order, and the regions (FORMAT.md §4.2).</summary>
    public CatalogTables Catalog { get; }

    /// <summary>docs.bin: the year covered of each doc, in doc order.</summary>
    public IReadOnlyList<int> Years { get; }

    /// <summary>docs.bin: each doc's length code q of FORMAT.md §3.</summary>
    public IReadOnlyList<byte> LengthCodes { get; }

    /// <summary>dates.bin: per doc 0 for an unknown published date, else 1 + days from 1970-01-01 to it.</summary>
    public IReadOnlyList<int> PublishedDays { get; }

    /// <summary>The objects of the docs/NNNN.json blocks in doc order: id, title, url, published, bureau, bureauUrl, firstChunk, chunks.</summary>
    public List<JsonElement> Docs { get; }

    /// <summary>The number of docs/NNNN.json blocks.</summary>
    public int DocBlockCount => (DocCount + DocBlock - 1) / DocBlock;

    /// <summary>A key's shard: FNV-1a 32-bit over its UTF-16 code units, mod the shard count (FORMAT.md §4.3).</summary>
    public static int ShardOf(string key, int keyShards)
    {
        var hash = 2166136261u;
        foreach (var unit in key)
        {
            hash ^= unit;
            hash = unchecked(hash * 16777619u);
        }

        return (int)(hash % (uint)keyShards);
    }

    /// <summary>dl of FORMAT.md §3: round(2^(q/4)), never a half, so the rounding mode does not matter.</summary>
    public int QuantizedLength(int doc) => (int)Math.Round(Math.Pow(2, LengthCodes[doc] / 2.0));

    /// <summary>Matching report ids with hit counts, by FORMAT.md §2 and the query steps of §4.5.</summary>
    public Dictionary<string, int> Match(SearchQuery query)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        if (query.IsEmpty)
        {
            return result;
        }

        var excluded = new HashSet<int>(query.Excluded.SelectMany(t => HitsPerDoc(t.Normalized).Keys));
        IEnumerable<int> candidates = Enumerable.Range(0, DocCount);
        var hits = new Dictionary<int, int>();
        foreach (var clause in query.Clauses)
        {
            var clauseDocs = new HashSet<int>();
            foreach (var term in clause.Alternatives)
            {
                foreach (var (doc, count) in HitsPerDoc(term.Normalized))
                {
                    clauseDocs.Add(doc);
                    hits[doc] = hits.GetValueOrDefault(doc) + count;
                }
            }

            candidates = candidates.Where(clauseDocs.Contains).ToList();
        }

        foreach (var doc in candidates.Where(d => !excluded.Contains(d)))
        {
            result[Docs[doc].GetProperty("id").GetString()!] = hits.GetValueOrDefault(doc);
        }

        return result;
    }

    /// <summary>Docs that contain the normalized term, with their hit counts (FORMAT.md §4.5).</summary>
    public Dictionary<int, int> HitsPerDoc(string term)
    {
        var found = new Dictionary<int, int>();
        if (term.Length == 0)
        {
            return found;
        }

        // Step 1: a key's postings are the answer, with no text.
        if (Key(term) is { } postings)
        {
            for (var i = 0; i < postings.Docs.Count; i++)
            {
                found[postings.Docs[i]] = postings.Hits[i];
            }

            return found;
        }

        // Step 3: a term longer than maxGram whose cover grams are all keys is matched from their positions, with no text.
        if (HitsFromPositions(term) is { } positioned)
        {
            return positioned;
        }

        // Step 2: provably absent. Step 4: candidates from the keys inside the term, verified in text.
        var memo = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        var candidates = CandidateDocs(term, memo);
        foreach (var doc in candidates.Order())
        {
            var hits = Occurrences.Count(SearchableText(doc), term);
            if (hits > 0)
            {
                found[doc] = hits;
            }
        }

        return found;
    }

    /// <summary>
    /// Step 3 of FORMAT.md §4.5: the docs and hits of a term of more than maxGram code points from the positions of
    /// its cover grams (offsets 0, maxGram, 2·maxGram, … and n − maxGram), or null when the step does not apply (the
    /// term is not longer than maxGram, or some cover gram is not a key).
    /// </summary>
    public Dictionary<int, int>? HitsFromPositions(string term)
    {
        var starts = CodePointStarts(term);
        var n = starts.Length - 1;
        if (n <= MaxGram)
        {
            return null;
        }

        // The last gram ends at n; when n is a multiple of maxGram it is already the last of the regular offsets.
        var offsets = Enumerable.Range(0, n / MaxGram).Select(k => k * MaxGram).Append(n - MaxGram).Distinct().ToList();
        var grams = new List<(int Offset, Dictionary<int, HashSet<int>> Positions)>();
        foreach (var offset in offsets)
        {
            if (Key(Slice(term, starts, offset, offset + MaxGram)) is not { Positions: { } positions } key)
            {
                return null;
            }

            grams.Add((offset, key.Docs.Select((doc, i) => (doc, i)).ToDictionary(d => d.doc, d => positions[d.i].ToHashSet())));
        }

        // q starts at p iff every cover gram starts at p + its offset, so the first gram's positions are the candidates.
        var found = new Dictionary<int, int>();
        foreach (var (doc, firstPositions) in grams[0].Positions)
        {
            var hits = firstPositions.Count(p => grams.All(g => g.Positions.TryGetValue(doc, out var at) && at.Contains(p + g.Offset)));
            if (hits > 0)
            {
                found[doc] = hits;
            }
        }

        return found;
    }

    /// <summary>A key's postings, or null when the string is not a key.</summary>
    public KeyPostings? Key(string key)
    {
        var shard = ShardOf(key, KeyShards);
        return Shard(shard).TryGetValue(key, out var entry) ? Decode(shard, key, entry) : null;
    }

    /// <summary>Every key of a shard file with its decoded postings, in file order.</summary>
    public IEnumerable<KeyPostings> KeysOfShard(int shard) =>
        Shard(shard).OrderBy(e => e.Value.Index).Select(e => Decode(shard, e.Key, e.Value));

    /// <summary>A doc's normalized searchable text: its chunks' normalized own texts, concatenated (FORMAT.md §4.4).</summary>
    public string SearchableText(int doc)
    {
        if (!_searchableTexts.TryGetValue(doc, out var text))
        {
            var first = Docs[doc].GetProperty("firstChunk").GetInt32();
            _searchableTexts[doc] = text = string.Concat(Enumerable.Range(first, ChunkCountOf(doc)).Select(c => ChunkText(c).Own));
        }

        return text;
    }

    /// <summary>catalog.json with its front-coded strings and differences undone (FORMAT.md §4.2).</summary>
    private static CatalogTables ReadCatalog(JsonElement catalog)
    {
        static List<string> FrontDecoded(JsonElement coded)
        {
            var shared = coded.GetProperty("shared").EnumerateArray().Select(e => e.GetInt32()).ToList();
            var rest = coded.GetProperty("rest").EnumerateArray().Select(e => e.GetString()!).ToList();
            Expect(shared.Count == rest.Count, "catalog.json: front-coded strings have as many shared lengths as rests");
            var strings = new List<string>();
            for (var i = 0; i < rest.Count; i++)
            {
                var before = i > 0 ? strings[i - 1] : "";
                Expect(shared[i] <= before.Length, $"catalog.json: string {i} shares more than the one before holds");
                strings.Add(before[..shared[i]] + rest[i]);
            }

            return strings;
        }

        var bureaus = catalog.GetProperty("bureaus");
        var regions = catalog.GetProperty("regions");
        var leaf = 0;
        var leaves = bureaus.GetProperty("regions").EnumerateArray().Select(e => leaf += e.GetInt32()).ToList();
        var parents = regions.GetProperty("parents").EnumerateArray().Select(e => e.GetInt32()).ToList();
        var names = regions.GetProperty("names").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : null).ToList();
        var codes = FrontDecoded(regions.GetProperty("codes"));
        return new CatalogTables(
            FrontDecoded(bureaus.GetProperty("ids")),
            [.. bureaus.GetProperty("docs").EnumerateArray().Select(e => e.GetInt32())],
            leaves,
            [.. codes.Select((code, i) => new CatalogRegion(code, parents[i] == 0 ? null : i - parents[i], names[i]))]);
    }

    /// <summary>The number of chunks of a doc: the lengths its entry gives for them in its text file.</summary>
    public int ChunkCountOf(int doc) => Docs[doc].GetProperty("chunks").GetArrayLength();

    /// <summary>
    /// The chunks of a doc from its text file text/NNNNNN.bin (NNNNNN = its first chunk): each chunk's raw deflate
    /// stream of the JSON array [tail, anchor, text, …], the streams' lengths as its entry's "chunks" gives them
    /// (FORMAT.md §4.4).
    /// </summary>
    public StoredChunk[] TextFile(int doc)
    {
        if (!_textFiles.TryGetValue(doc, out var chunks))
        {
            var first = Docs[doc].GetProperty("firstChunk").GetInt32();
            var path = $"text/{first:D6}.bin";
            var bytes = File(path);
            var lengths = Docs[doc].GetProperty("chunks").EnumerateArray().Select(l => l.GetInt32()).ToArray();
            Expect(lengths.Sum() == bytes.Length, $"{path}: {bytes.Length} bytes, but doc {doc}'s chunks add up to {lengths.Sum()}");
            var offset = 0;
            chunks = new StoredChunk[lengths.Length];
            for (var i = 0; i < lengths.Length; i++)
            {
                using var inflated = new MemoryStream();
                using (var deflate = new DeflateStream(new MemoryStream(bytes, offset, lengths[i]), CompressionMode.Decompress))
                {
                    deflate.CopyTo(inflated);
                }

                using var json = JsonDocument.Parse(inflated.ToArray());
                offset += lengths[i];
                var values = json.RootElement.EnumerateArray().Select(v => v.GetString()!).ToList();
                Expect(values.Count % 2 == 1, $"{path}: chunk {i} is not [tail, anchor, text, …]");
                chunks[i] = new StoredChunk(doc, [.. Enumerable.Range(0, values.Count / 2).Select(b => (values[1 + (2 * b)], values[2 + (2 * b)]))], values[0]);
            }

            _textFiles[doc] = chunks;
        }

        return chunks;
    }

    /// <summary>A chunk as stored: its doc, blocks (anchor, original text) and tail.</summary>
    public StoredChunk Chunk(int chunk)
    {
        Expect(chunk >= 0 && chunk < ChunkCount, $"chunk {chunk} is outside 0…{ChunkCount - 1}");
        var doc = DocOfChunk(chunk);
        return TextFile(doc)[chunk - Docs[doc].GetProperty("firstChunk").GetInt32()];
    }

    // Docs are numbered in chunk order (a full export): the last doc whose first chunk is at or before the chunk.
    private int DocOfChunk(int chunk)
    {
        int low = 0, high = Docs.Count - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Docs[mid].GetProperty("firstChunk").GetInt32() <= chunk)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }

    /// <summary>A chunk's doc, its own normalized text and its normalized extended text (own text, "\n", tail).</summary>
    public (int Doc, string Own, string Extended) ChunkText(int chunk)
    {
        if (_chunkTexts.TryGetValue(chunk, out var cached))
        {
            return cached;
        }

        var stored = Chunk(chunk);
        var own = string.Join("\n", stored.Blocks.Select(b => b.Text));
        var extended = own + "\n" + stored.Tail;
        return _chunkTexts[chunk] = (stored.Doc, TextNormalizer.NormalizeToString(own), TextNormalizer.NormalizeToString(extended));
    }

    /// <summary>
    /// Step 2 and 4 of FORMAT.md §4.5 for a string that is not a key: the docs that may contain it (empty when it is
    /// provably absent). Every doc that contains q contains each of its sub-strings, so the intersection of the doc
    /// sets of q's sub-strings of min(n − 1, maxGram) code points, each a key or itself bounded the same way, holds
    /// every doc that contains q.
    /// </summary>
    private HashSet<int> CandidateDocs(string q, Dictionary<string, HashSet<int>> memo)
    {
        if (memo.TryGetValue(q, out var known))
        {
            return known;
        }

        var starts = CodePointStarts(q);
        var n = starts.Length - 1;
        HashSet<int> docs;
        if (n <= 2 || (n <= MaxGram && IsFrequentKey(Slice(q, starts, 0, n - 1)) && IsFrequentKey(Slice(q, starts, 1, n))))
        {
            docs = [];
        }
        else
        {
            var width = Math.Min(n - 1, MaxGram);
            docs = [.. Enumerable.Range(0, DocCount)];
            for (var at = 0; at + width <= n && docs.Count > 0; at++)
            {
                var part = Slice(q, starts, at, at + width);
                docs.IntersectWith(Key(part) is { } postings ? postings.Docs : CandidateDocs(part, memo));
            }
        }

        return memo[q] = docs;
    }

    private bool IsFrequentKey(string key) => Key(key) is { } postings && postings.Df >= MinDf;

    /// <summary>The UTF-16 offset of every code point of the text, and its length at the end.</summary>
    public static int[] CodePointStarts(string text)
    {
        var starts = new List<int>();
        for (var i = 0; i < text.Length; i += char.IsHighSurrogate(text[i]) ? 2 : 1)
        {
            starts.Add(i);
        }

        starts.Add(text.Length);
        return [.. starts];
    }

    private static string Slice(string text, int[] starts, int from, int to) => text[starts[from]..starts[to]];

    /// <summary>The entries of a keys/NNNN.bin file by key, each with where its postings and positions bytes are.</summary>
    private Dictionary<string, ShardEntry> Shard(int shard)
    {
        if (_shards.TryGetValue(shard, out var parsed))
        {
            return parsed;
        }

        var path = $"keys/{shard:D4}.bin";
        var bytes = File(path);
        Expect(bytes.Length >= 4 && Encoding.ASCII.GetString(bytes, 0, 4) == "ASK2", $"{path}: magic is not ASK2");
        var at = 4;
        var count = ReadVarint(bytes, ref at, path);
        var entries = new Dictionary<string, ShardEntry>(count, StringComparer.Ordinal);
        string? previous = null;
        var ownPositions = 0;
        var sharedPositions = 0;
        var sharedPath = $"positions/{shard:D4}.bin";
        for (var index = 0; index < count; index++)
        {
            var keyLength = ReadVarint(bytes, ref at, path);
            Expect(at + keyLength <= bytes.Length, $"{path}: entry {index} runs past the end");
            var key = Encoding.UTF8.GetString(bytes, at, keyLength);
            at += keyLength;
            // A browser binary-searches the sorted keys, so an unsorted shard would lose keys there.
            Expect(previous is null || string.CompareOrdinal(previous, key) < 0, $"{path}: key '{key}' is not after '{previous}' (ordinal)");
            previous = key;
            var df = ReadVarint(bytes, ref at, path);
            var length = ReadVarint(bytes, ref at, path);
            var (offset, postingsFile) = (at, (string?)null);
            var hints = new List<int>();
            if (length > 0)
            {
                Expect(at + length <= bytes.Length, $"{path}: postings of '{key}' run past the end");
                at += length;
            }
            else
            {
                (offset, postingsFile) = (0, $"postings/{ReadVarint(bytes, ref at, path):D6}.bin");
                // Hints: H, then H ascending docs as gaps.
                for (var (h, doc) = (ReadVarint(bytes, ref at, path), -1); h > 0; h--)
                {
                    hints.Add(doc += ReadVarint(bytes, ref at, path) + 1);
                }
            }

            // Only keys of exactly maxGram code points carry Q; reading it for any other key would misparse the rest.
            PositionsPlace? positions = null;
            if (key.EnumerateRunes().Count() == MaxGram)
            {
                var q = ReadVarint(bytes, ref at, path);
                positions = q > 0 ? new PositionsPlace(sharedPath, sharedPositions, q, Own: false) : new PositionsPlace($"positions/{shard:D4}-{ownPositions++}.bin", 0, 0, Own: true);
                sharedPositions += q;
            }

            entries[key] = new ShardEntry(index, df, offset, length, postingsFile, positions, hints);
        }

        Expect(at == bytes.Length, $"{path}: {bytes.Length - at} bytes after the last entry");
        // The shared file is exactly the Q > 0 positions concatenated: bytes beyond them belong to no key.
        var shared = _files.TryGetValue(Folder + sharedPath, out var sharedBytes) ? sharedBytes.Length : -1;
        Expect(sharedPositions > 0 ? shared == sharedPositions : shared < 0, $"{sharedPath}: {(shared < 0 ? "missing" : $"{shared} bytes")}, the Q > 0 entries of {path} add up to {sharedPositions}");
        return _shards[shard] = entries;
    }

    /// <summary>Postings bytes (FORMAT.md §4.3): a mode byte, the docs (gaps or a bitset), then df hit counts.</summary>
    private KeyPostings Decode(int shard, string key, ShardEntry entry)
    {
        var path = entry.External ?? $"keys/{shard:D4}.bin";
        var bytes = File(path);
        var start = entry.External is null ? entry.Offset : 0;
        var end = entry.External is null ? entry.Offset + entry.Length : bytes.Length;
        var at = start;
        var where = $"{path}: postings of '{key}'";
        Expect(end > at, $"{where} are empty");
        var mode = bytes[at++];
        var docs = new List<int>(entry.Df);
        if (mode == 0)
        {
            var previous = -1;
            for (var i = 0; i < entry.Df; i++)
            {
                previous += ReadVarint(bytes, ref at, path) + 1;
                docs.Add(previous);
            }
        }
        else if (mode == 1)
        {
            var bitsetLength = (DocCount + 7) / 8;
            Expect(at + bitsetLength <= end, $"{where}: the bitset runs past the postings");
            for (var doc = 0; doc < bitsetLength * 8; doc++)
            {
                if ((bytes[at + (doc / 8)] & (1 << (doc % 8))) != 0)
                {
                    docs.Add(doc);
                }
            }

            at += bitsetLength;
            Expect(docs.Count == entry.Df, $"{where}: the bitset holds {docs.Count} docs, df is {entry.Df}");
        }
        else
        {
            throw new InvalidDataException($"{where}: unknown mode {mode}");
        }

        Expect(docs.Count == 0 || docs[^1] < DocCount, $"{where}: doc {docs.LastOrDefault()} ≥ docCount {DocCount}");
        var hits = new List<int>(entry.Df);
        for (var i = 0; i < entry.Df; i++)
        {
            var count = ReadVarint(bytes, ref at, path);
            Expect(count > 0, $"{where}: doc {docs[i]} has 0 hits");
            hits.Add(count);
        }

        Expect(at == end, $"{where}: decoded {at - start} bytes, they are {end - start}");
        var positions = entry.Positions is { } place ? DecodePositions(key, place, hits) : null;
        return new KeyPostings(key, entry.Df, mode, entry.External, end - start, docs, hits, entry.Hints)
        {
            PositionsFile = entry.Positions?.Own == true ? entry.Positions.File : null,
            PositionsLength = positions is null ? 0 : entry.Positions!.Own ? File(entry.Positions.File).Length : entry.Positions.Length,
            Positions = positions,
        };
    }

    /// <summary>
    /// Positions bytes (FORMAT.md §4.3): per doc of the postings, its hit count of varints, the first position then
    /// gaps of at least 1, and nothing after the last doc's.
    /// </summary>
    private List<IReadOnlyList<int>> DecodePositions(string key, PositionsPlace place, IReadOnlyList<int> hits)
    {
        var bytes = File(place.File);
        var start = place.Offset;
        var end = place.Own ? bytes.Length : place.Offset + place.Length;
        var where = $"{place.File}: positions of '{key}'";
        Expect(end <= bytes.Length, $"{where} run past the end");
        var at = start;
        var positions = new List<IReadOnlyList<int>>(hits.Count);
        foreach (var count in hits)
        {
            var doc = new List<int>(count);
            for (var i = 0; i < count; i++)
            {
                Expect(at < end, $"{where} end after {positions.Count} docs");
                var value = ReadVarint(bytes, ref at, place.File);
                Expect(i == 0 || value >= 1, $"{where}: a gap of 0");
                doc.Add(i == 0 ? value : doc[^1] + value);
            }

            positions.Add(doc);
        }

        Expect(at == end, $"{where}: decoded {at - start} bytes, they are {end - start}");
        return positions;
    }

    /// <summary>docs.bin: magic ASD2, docCount varint years, docCount length-code bytes, nothing else.</summary>
    private (List<int> Years, List<byte> LengthCodes) ReadDocTable()
    {
        const string path = "docs.bin";
        var bytes = File(path);
        Expect(bytes.Length >= 4 && Encoding.ASCII.GetString(bytes, 0, 4) == "ASD2", $"{path}: magic is not ASD2");
        var at = 4;
        var years = new List<int>(DocCount);
        for (var doc = 0; doc < DocCount; doc++)
        {
            years.Add(ReadVarint(bytes, ref at, path));
        }

        Expect(bytes.Length - at == DocCount, $"{path}: {bytes.Length - at} bytes of length codes, docCount is {DocCount}");
        return (years, [.. bytes[at..]]);
    }

    /// <summary>dates.bin: magic ASP2, then docCount varints, nothing else.</summary>
    private List<int> ReadDateTable()
    {
        const string path = "dates.bin";
        var bytes = File(path);
        Expect(bytes.Length >= 4 && Encoding.ASCII.GetString(bytes, 0, 4) == "ASP2", $"{path}: magic is not ASP2");
        var at = 4;
        var days = new List<int>(DocCount);
        for (var doc = 0; doc < DocCount; doc++)
        {
            days.Add(ReadVarint(bytes, ref at, path));
        }

        Expect(at == bytes.Length, $"{path}: {bytes.Length - at} bytes after docCount dates");
        return days;
    }

    private List<JsonElement> ReadDocBlocks()
    {
        var docs = new List<JsonElement>(DocCount);
        for (var block = 0; block < DocBlockCount; block++)
        {
            var path = $"docs/{block:D4}.json";
            var entries = Parse(path).EnumerateArray().ToList();
            var expected = Math.Min(DocBlock, DocCount - (block * DocBlock));
            Expect(entries.Count == expected, $"{path}: {entries.Count} docs, expected {expected}");
            docs.AddRange(entries);
        }

        return docs;
    }

    private int Positive(string name, bool allowZero = false)
    {
        var value = Manifest.GetProperty(name).GetInt32();
        Expect(value > 0 || (allowZero && value == 0), $"manifest.json: {name} is {value}");
        return value;
    }

    private byte[] File(string path) =>
        _files.TryGetValue(Folder + path, out var bytes) ? bytes : throw new InvalidDataException($"{Folder}{path} is missing");

    private JsonElement Parse(string path) => JsonDocument.Parse(File(path)).RootElement;

    private static int ReadVarint(byte[] bytes, ref int at, string path)
    {
        var value = 0;
        for (var shift = 0; shift < 32; shift += 7)
        {
            Expect(at < bytes.Length, $"{path}: a varint runs past the end");
            var b = bytes[at++];
            value |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException($"{path}: a varint longer than 5 bytes");
    }

    private static void Expect(bool condition, string violation)
    {
        if (!condition)
        {
            throw new InvalidDataException(violation);
        }
    }

    /// <summary>Where a shard entry's postings are: inline (offset, L) or the external file; and its positions, if any.</summary>
    private sealed record ShardEntry(int Index, int Df, int Offset, int Length, string? External, PositionsPlace? Positions, List<int> Hints);

    /// <summary>Where a key's positions are: Q bytes at a running offset in the shared file, or a whole file of its own.</summary>
    private sealed record PositionsPlace(string File, int Offset, int Length, bool Own);
}

/// <summary>A decoded key: df, the postings mode, where the postings live (null = inline), their byte length, docs and hits.</summary>
/// <param name="Hints">The docs the entry lists as the first page of a search for the key alone (keys with a postings file only).</param>
public sealed record KeyPostings(string Key, int Df, int Mode, string? External, int Length, IReadOnlyList<int> Docs, IReadOnlyList<int> Hits, IReadOnlyList<int> Hints)
{
    /// <summary>The own positions file (Q = 0), or null when the positions are in the shared file or the key has none.</summary>
    public string? PositionsFile { get; init; }

    /// <summary>The positions' byte length (Q, or the own file's length); 0 for a key without positions.</summary>
    public int PositionsLength { get; init; }

    /// <summary>Per doc of <see cref="Docs"/>, its hits' code point positions in increasing order; null unless the key has maxGram code points.</summary>
    public IReadOnlyList<IReadOnlyList<int>>? Positions { get; init; }
}

/// <summary>A chunk of a text file (FORMAT.md §4.4): the doc it belongs to, its blocks and its tail.</summary>
public sealed record StoredChunk(int Doc, IReadOnlyList<(string Anchor, string Text)> Blocks, string Tail);

/// <summary>catalog.json decoded (FORMAT.md §4.2): per bureau in doc order its id, doc count and region index; the regions.</summary>
public sealed record CatalogTables(List<string> BureauIds, List<int> BureauDocs, List<int> BureauRegions, List<CatalogRegion> Regions);

/// <summary>A region of the catalog: its code, the index of its parent, and its name (provinces and cities only).</summary>
public sealed record CatalogRegion(string Code, int? Parent, string? Name);
