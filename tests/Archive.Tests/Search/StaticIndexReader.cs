using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Archive.Search.Contract;

namespace Archive.Tests.Search;

/// <summary>
/// A decoder of output/search/ (format version 4) written from FORMAT.md alone, as the browser client reads it: it
/// shares no code with the exporter except the normalizer, the occurrence counter and the query parser, so agreement
/// with the brute-force search proves the format, not one implementation against itself.
/// </summary>
/// <remarks>
/// Every value comes from the files, every parameter from the manifest (§4.5: readers must not assume the
/// exporter's rules). Malformed files throw <see cref="InvalidDataException"/>, so a format violation fails the test
/// that reads it with the file and the field named. The tables of the indexed packs, the slots of the slotted packs,
/// the doc blocks and where each doc's text is are read and checked at once; a key shard only when a key asks for
/// it, as the browser does (so <see cref="VerifyPostingsPacks"/>, which needs them all, is a call of its own). A base only: an update (§4.6) is
/// refused rather than answered without its void docs.
/// </remarks>
public sealed class StaticIndexReader
{
    private const string Folder = "search/";

    // Strict, so a key that is not UTF-8 fails here instead of turning into U+FFFD and a key that matches nothing.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly IReadOnlyDictionary<string, byte[]> _files;
    private readonly Dictionary<string, int[]> _packOffsets = new(StringComparer.Ordinal);
    private readonly List<PackRecord> _blockRecords = [];
    private readonly Dictionary<int, Dictionary<string, ShardEntry>> _shards = [];
    private readonly Dictionary<int, StoredChunk[]> _textFiles = [];
    private readonly Dictionary<int, (int Doc, string Own, string Extended)> _chunkTexts = [];
    private readonly Dictionary<int, string> _searchableTexts = [];
    private readonly List<PackRecord> _textRecords;

    public StaticIndexReader(IReadOnlyDictionary<string, byte[]> files)
    {
        _files = files;
        Manifest = Parse("manifest.json");
        Expect(Manifest.GetProperty("format").GetString() == "archive-search", "manifest.json: format is not archive-search");
        Expect(Manifest.GetProperty("version").GetInt32() == 4, "manifest.json: version is not 4");
        Expect(Manifest.GetProperty("normalization").GetInt32() == TextNormalizer.Version, "manifest.json: normalization differs from the normalizer's");
        DocCount = Positive("docCount", allowZero: true);
        AvgDocLength = Manifest.GetProperty("avgDocLength").GetDouble();
        ChunkCount = Positive("chunkCount", allowZero: true);
        Overlap = Positive("overlap");
        MaxGram = Positive("maxGram");
        MinDf = Positive("minDf");
        KeyShards = Positive("keyShards");
        ShardsPerPack = Positive("shardsPerPack");
        DocBlock = Positive("docBlock");
        BlocksPerPack = Positive("blocksPerPack");
        // S = 2 + the longest block (FORMAT.md §4.0), and no block is empty; an index of no docs has no block to size it by.
        Expect(Manifest.TryGetProperty("blockBytes", out var blockBytes) && blockBytes.ValueKind == JsonValueKind.Number, "manifest.json: blockBytes is missing (version 4 doc blocks are in slotted packs)");
        BlockBytes = Positive("blockBytes", allowZero: DocCount == 0);
        if (Manifest.TryGetProperty("update", out _))
        {
            throw new NotSupportedException("manifest.json: an update (FORMAT.md §4.6); this reader reads a base only");
        }

        ReadPackTables("keys/", "ASK4", KeyShards, ShardsPerPack, "key shards");
        ReadSlottedPacks("docs/", "ASB4", DocBlockCount, BlocksPerPack, BlockBytes, "blockBytes", _blockRecords, "doc blocks");
        Catalog = ReadCatalog(Parse("catalog.json"));
        (Years, LengthCodes) = ReadDocTable();
        PublishedDays = ReadDateTable();
        Docs = ReadDocBlocks();
        _textRecords = ReadTextRecords();
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

    /// <summary>Key shards to a pack keys/NNNN.bin (FORMAT.md §4.3).</summary>
    public int ShardsPerPack { get; }

    public int DocBlock { get; }

    /// <summary>Doc blocks to a pack docs/NNNN.bin (FORMAT.md §4.2).</summary>
    public int BlocksPerPack { get; }

    /// <summary>S of FORMAT.md §4.0: the bytes of a slot of the slotted packs docs/NNNN.bin, 2 + the longest doc block.</summary>
    public int BlockBytes { get; }

    /// <summary>catalog.json, decoded: bureau ids, doc counts and regions in doc order, and the regions (FORMAT.md §4.2).</summary>
    public CatalogTables Catalog { get; }

    /// <summary>docs.bin: the year covered of each doc, in doc order.</summary>
    public IReadOnlyList<int> Years { get; }

    /// <summary>docs.bin: each doc's length code q of FORMAT.md §3.</summary>
    public IReadOnlyList<byte> LengthCodes { get; }

    /// <summary>dates.bin: per doc 0 for an unknown published date, else 1 + days from 1970-01-01 to it.</summary>
    public IReadOnlyList<int> PublishedDays { get; }

    /// <summary>The objects of the doc blocks in doc order: id, title, url, published, bureau, bureauUrl, firstChunk, text, chunks.</summary>
    public List<JsonElement> Docs { get; }

    /// <summary>The number of doc blocks (records of the slotted packs docs/NNNN.bin).</summary>
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

    /// <summary>dl of FORMAT.md §3: round(2^(q/2)), never a half, so the rounding mode does not matter.</summary>
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
        return Shard(shard).TryGetValue(key, out var entry) ? Decode(key, entry) : null;
    }

    /// <summary>Every key of a shard with its decoded postings, in record order.</summary>
    public IEnumerable<KeyPostings> KeysOfShard(int shard) =>
        Shard(shard).OrderBy(e => e.Value.Index).Select(e => Decode(e.Key, e.Value));

    /// <summary>
    /// The bytes of key shard <paramref name="shard"/>, a record of the packs keys/NNNN.bin (FORMAT.md §4.3): what a
    /// browser fetches for a key, so the measure of a shard's size.
    /// </summary>
    public ReadOnlyMemory<byte> ShardRecord(int shard)
    {
        Expect(shard >= 0 && shard < KeyShards, $"shard {shard} is outside 0…{KeyShards - 1}");
        var record = IndexedRecord("keys/", shard, ShardsPerPack);
        return File(record.Pack).AsMemory(record.Offset, record.Length);
    }

    /// <summary>
    /// Reads every shard and checks that the postings packs are records concatenated and nothing else (FORMAT.md §4.0):
    /// every byte of every postings/NNNN.bin is in the postings or the positions of some key, and two records overlap
    /// only when they are one record shared by keys (§4.3). Bytes of no key would be fetched by no one, and records
    /// that overlap otherwise would mean a key's bytes were written over.
    /// </summary>
    public void VerifyPostingsPacks()
    {
        var records = new HashSet<PackRecord>();
        for (var shard = 0; shard < KeyShards; shard++)
        {
            foreach (var entry in Shard(shard).Values)
            {
                if (!entry.Inline)
                {
                    records.Add(entry.Postings);
                }

                if (entry.Positions is { } positions)
                {
                    records.Add(positions);
                }
            }
        }

        ExpectTiled("postings/", records, "key");
    }

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

    /// <summary>The number of chunks of a doc: the lengths its entry gives for them in its text record.</summary>
    public int ChunkCountOf(int doc) => Docs[doc].GetProperty("chunks").GetArrayLength();

    /// <summary>
    /// The chunks of a doc from its text record, the bytes of text/PPPP.bin from O on, [P, O] its entry's "text": each
    /// chunk's raw deflate stream of the JSON array [tail, anchor, text, …], the streams' lengths as its entry's
    /// "chunks" gives them (FORMAT.md §4.4). The name is version 3's, when the record was a file of its own.
    /// </summary>
    public StoredChunk[] TextFile(int doc)
    {
        if (!_textFiles.TryGetValue(doc, out var chunks))
        {
            var record = _textRecords[doc];
            var bytes = File(record.Pack);
            var lengths = Docs[doc].GetProperty("chunks").EnumerateArray().Select(l => l.GetInt32()).ToArray();
            var offset = record.Offset;
            chunks = new StoredChunk[lengths.Length];
            for (var i = 0; i < lengths.Length; i++)
            {
                var where = $"{record.Pack}: chunk {i} of doc {doc}";
                var json = ParseJson(Inflate(bytes, offset, lengths[i], where), where);
                offset += lengths[i];
                Expect(json.ValueKind == JsonValueKind.Array && json.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String), $"{where} is not an array of strings");
                var values = json.EnumerateArray().Select(v => v.GetString()!).ToList();
                Expect(values.Count % 2 == 1, $"{where} is not [tail, anchor, text, …]");
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

    /// <summary>The entries of a key shard by key, each with where its postings and positions bytes are.</summary>
    private Dictionary<string, ShardEntry> Shard(int shard)
    {
        if (_shards.TryGetValue(shard, out var parsed))
        {
            return parsed;
        }

        Expect(shard >= 0 && shard < KeyShards, $"shard {shard} is outside 0…{KeyShards - 1}");
        var (path, at, length) = IndexedRecord("keys/", shard, ShardsPerPack);
        var end = at + length;
        var where = $"{path}: shard {shard}";
        var bytes = File(path);
        var count = ReadVarint(bytes, ref at, end, where);
        var entries = new Dictionary<string, ShardEntry>(Math.Min(count, length), StringComparer.Ordinal);
        string? previous = null;
        for (var index = 0; index < count; index++)
        {
            var keyLength = ReadVarint(bytes, ref at, end, where);
            Expect(keyLength <= end - at, $"{where}: entry {index} runs past the shard's end");
            var key = Utf8(bytes, at, keyLength, $"{where}: the key of entry {index}");
            at += keyLength;
            // A browser binary-searches the sorted keys, so an unsorted shard would lose keys there.
            Expect(previous is null || string.CompareOrdinal(previous, key) < 0, $"{where}: key '{key}' is not after '{previous}' (ordinal)");
            previous = key;
            var df = ReadVarint(bytes, ref at, end, where);
            var postingsLength = ReadVarint(bytes, ref at, end, where);
            PackRecord postings;
            var hints = new List<int>();
            if (postingsLength > 0)
            {
                Expect(postingsLength <= end - at, $"{where}: postings of '{key}' run past the shard's end");
                postings = new PackRecord(path, at, postingsLength);
                at += postingsLength;
            }
            else
            {
                // L = 0: varints P, O, N, then the hints: H, then H ascending docs as gaps.
                var pack = ReadVarint(bytes, ref at, end, where);
                var offset = ReadVarint(bytes, ref at, end, where);
                postings = PlainRecord("postings/", pack, offset, ReadVarint(bytes, ref at, end, where), $"{where}: postings of '{key}'");
                for (var (h, doc) = (ReadVarint(bytes, ref at, end, where), -1); h > 0; h--)
                {
                    var gap = ReadVarint(bytes, ref at, end, where);
                    Expect(gap < DocCount - doc - 1, $"{where}: a hint of '{key}' {gap} after doc {doc} passes docCount {DocCount}");
                    hints.Add(doc += gap + 1);
                }
            }

            // Only keys of exactly maxGram code points carry Q, P, O (in that order, unlike the postings' P, O, N);
            // reading them for any other key would misparse the rest.
            PackRecord? positions = null;
            if (key.EnumerateRunes().Count() == MaxGram)
            {
                var positionsLength = ReadVarint(bytes, ref at, end, where);
                var pack = ReadVarint(bytes, ref at, end, where);
                positions = PlainRecord("postings/", pack, ReadVarint(bytes, ref at, end, where), positionsLength, $"{where}: positions of '{key}'");
            }

            entries[key] = new ShardEntry(index, df, postings, Inline: postingsLength > 0, positions, hints);
        }

        Expect(at == end, $"{where}: {end - at} bytes after the last entry");
        return _shards[shard] = entries;
    }

    /// <summary>Postings bytes (FORMAT.md §4.3): a mode byte, the docs (gaps or a bitset), then df hit counts.</summary>
    private KeyPostings Decode(string key, ShardEntry entry)
    {
        var (path, start, length) = entry.Postings;
        var bytes = File(path);
        var end = start + length;
        var at = start;
        var where = $"{path}: postings of '{key}'";
        Expect(end > at, $"{where} are empty");
        var mode = bytes[at++];
        var docs = new List<int>(Math.Min(entry.Df, DocCount));
        if (mode == 0)
        {
            var previous = -1;
            for (var i = 0; i < entry.Df; i++)
            {
                // Compared before adding, so that a huge gap cannot wrap around to a doc that looks fine.
                var gap = ReadVarint(bytes, ref at, end, where);
                Expect(gap < DocCount - previous - 1, $"{where}: a gap of {gap} after doc {previous} passes docCount {DocCount}");
                docs.Add(previous += gap + 1);
            }
        }
        else if (mode == 1)
        {
            var bitsetLength = (DocCount + 7) / 8;
            Expect(bitsetLength <= end - at, $"{where}: the bitset runs past the postings");
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
        var hits = new List<int>(docs.Count);
        for (var i = 0; i < entry.Df; i++)
        {
            var count = ReadVarint(bytes, ref at, end, where);
            Expect(count > 0, $"{where}: doc {docs[i]} has 0 hits");
            hits.Add(count);
        }

        Expect(at == end, $"{where}: decoded {at - start} bytes, they are {length}");
        // Hints are docs of the key's postings (§4.3); one that is not would show a title the search does not find.
        Expect(entry.Hints.All(doc => docs.BinarySearch(doc) >= 0), $"{where}: hint {entry.Hints.FirstOrDefault(doc => docs.BinarySearch(doc) < 0)} is not one of its docs");
        var positions = entry.Positions is { } place ? DecodePositions(key, place, hits) : null;
        return new KeyPostings(key, entry.Df, mode, entry.Inline ? null : path, length, docs, hits, entry.Hints)
        {
            Offset = entry.Inline ? 0 : start,
            PositionsFile = entry.Positions?.Pack,
            PositionsOffset = entry.Positions?.Offset ?? 0,
            PositionsLength = entry.Positions?.Length ?? 0,
            Positions = positions,
        };
    }

    /// <summary>
    /// Positions bytes (FORMAT.md §4.3): per doc of the postings, its hit count of varints, the first position then
    /// gaps of at least 1, and nothing after the last doc's.
    /// </summary>
    private List<IReadOnlyList<int>> DecodePositions(string key, PackRecord place, IReadOnlyList<int> hits)
    {
        var bytes = File(place.Pack);
        var (start, end) = (place.Offset, place.Offset + place.Length);
        var where = $"{place.Pack}: positions of '{key}'";
        var at = start;
        var positions = new List<IReadOnlyList<int>>(hits.Count);
        foreach (var count in hits)
        {
            var doc = new List<int>(count);
            for (var i = 0; i < count; i++)
            {
                Expect(at < end, $"{where} end after {positions.Count} docs");
                var value = ReadVarint(bytes, ref at, end, where);
                Expect(i == 0 || value >= 1, $"{where}: a gap of 0");
                doc.Add(i == 0 ? value : doc[^1] + value);
            }

            positions.Add(doc);
        }

        Expect(at == end, $"{where}: decoded {at - start} bytes, they are {place.Length}");
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
            years.Add(ReadVarint(bytes, ref at, bytes.Length, path));
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
            days.Add(ReadVarint(bytes, ref at, bytes.Length, path));
        }

        Expect(at == bytes.Length, $"{path}: {bytes.Length - at} bytes after docCount dates");
        return days;
    }

    /// <summary>
    /// The doc blocks, records of the slotted packs docs/NNNN.bin (FORMAT.md §4.2): each a raw deflate stream of a
    /// JSON array of docBlock docs (what is left in the last).
    /// </summary>
    private List<JsonElement> ReadDocBlocks()
    {
        var docs = new List<JsonElement>(DocCount);
        for (var block = 0; block < DocBlockCount; block++)
        {
            var (path, offset, length) = _blockRecords[block];
            var where = $"{path}: block {block} (slot {block % BlocksPerPack})";
            var json = ParseJson(Inflate(File(path), offset, length, where), where);
            Expect(json.ValueKind == JsonValueKind.Array, $"{where} is not a JSON array");
            var entries = json.EnumerateArray().ToList();
            var expected = Math.Min(DocBlock, DocCount - (block * DocBlock));
            Expect(entries.Count == expected, $"{where}: {entries.Count} docs, expected {expected}");
            // Only an update's removed docs are null (§4.6), and this reader reads a base.
            Expect(entries.All(e => e.ValueKind == JsonValueKind.Object), $"{where}: an entry is not an object");
            docs.AddRange(entries);
        }

        return docs;
    }

    /// <summary>
    /// Where each doc's text record is (FORMAT.md §4.4): at its entry's "text" [P, O] in text/PPPP.bin, as long as
    /// its "chunks" add up to, inside the pack; and the text packs hold these records and nothing else (§4.0).
    /// </summary>
    private List<PackRecord> ReadTextRecords()
    {
        var records = new List<PackRecord>(Docs.Count);
        for (var doc = 0; doc < Docs.Count; doc++)
        {
            var entry = Docs[doc];
            var block = doc / DocBlock;
            var where = $"{PackPath("docs/", block / BlocksPerPack)}: block {block}, doc {doc}";
            Expect(
                entry.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.Array && text.GetArrayLength() == 2
                    && text.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n >= 0),
                $"{where}: text is not [pack, offset]");
            Expect(
                entry.TryGetProperty("chunks", out var chunks) && chunks.ValueKind == JsonValueKind.Array
                    && chunks.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n > 0),
                $"{where}: chunks is not an array of byte lengths (a deflate stream is never empty)");
            var length = chunks.EnumerateArray().Sum(v => (long)v.GetInt32());
            Expect(length <= int.MaxValue, $"{where}: its chunks add up to {length} bytes");
            records.Add(PlainRecord("text/", text[0].GetInt32(), text[1].GetInt32(), (int)length, $"{where}: its text record"));
        }

        ExpectTiled("text/", records, "doc");
        return records;
    }

    /// <summary>
    /// Reads and checks the offset tables of the indexed packs of a collection of <paramref name="count"/> records,
    /// <paramref name="perPack"/> to a pack (FORMAT.md §4.0): the folder holds exactly the packs the count needs; each
    /// has the magic, n = perPack (what is left in the last), and n + 1 offsets that start where the table ends, go up
    /// and end at the file's end.
    /// </summary>
    private void ReadPackTables(string folder, string magic, int count, int perPack, string what)
    {
        var packs = (int)((count + (long)perPack - 1) / perPack);
        var names = Enumerable.Range(0, packs).Select(p => PackPath(folder, p)).ToHashSet(StringComparer.Ordinal);
        var stray = FilesIn(folder).FirstOrDefault(p => !names.Contains(p));
        Expect(stray is null, $"{stray}: not one of the {packs} packs of {count} {what}, {perPack} to a pack");
        for (var pack = 0; pack < packs; pack++)
        {
            var path = PackPath(folder, pack);
            var expected = Math.Min(perPack, count - (pack * perPack));
            Expect(_files.ContainsKey(Folder + path), $"{Folder}{path} is missing: {count} {what}, {perPack} to a pack, take {packs} packs");
            var bytes = File(path);
            Expect(bytes.Length >= 8 && Encoding.ASCII.GetString(bytes, 0, 4) == magic, $"{path}: magic is not {magic}");
            var n = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
            Expect(n == expected, $"{path}: n is {n}, but {count} {what}, {perPack} to a pack, leave {expected} to pack {pack}");
            var table = 8 + (4 * (expected + 1L));
            Expect(table <= bytes.Length, $"{path}: the offset table of {expected + 1} offsets runs past the end");
            var offsets = new int[expected + 1];
            for (var i = 0; i <= expected; i++)
            {
                var offset = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8 + (4 * i)));
                Expect(offset <= bytes.Length, $"{path}: offset {i} is {offset}, past the end ({bytes.Length})");
                // Strictly: no record is empty (a key shard has at least its count), a range request cannot ask for 0 bytes.
                Expect(i == 0 ? offset == table : offset > offsets[i - 1], i == 0
                    ? $"{path}: offset 0 is {offset}, not {table}, where the table ends"
                    : $"{path}: offset {i} is {offset}, not after offset {i - 1} ({offsets[i - 1]})");
                offsets[i] = (int)offset;
            }

            Expect(offsets[expected] == bytes.Length, $"{path}: offset {expected} is {offsets[expected]}, not the file's length {bytes.Length}");
            _packOffsets[path] = offsets;
        }
    }

    /// <summary>
    /// Reads and checks the slotted packs of a collection of <paramref name="count"/> records, <paramref name="perPack"/>
    /// to a pack in slots of <paramref name="slotBytes"/> bytes (FORMAT.md §4.0), and adds each record's bytes, in record
    /// order, to <paramref name="records"/>: the folder holds exactly the packs the count needs; each has the magic,
    /// n = perPack (what is left in the last) and 8 + n · S bytes; each slot holds a uint16 LE length L with
    /// 1 ≤ L ≤ S − 2, L bytes, then zeros to its end; and S is 2 + the longest record, so no byte is wasted on all slots.
    /// </summary>
    private void ReadSlottedPacks(string folder, string magic, int count, int perPack, int slotBytes, string slotField, List<PackRecord> records, string what)
    {
        var packs = (int)((count + (long)perPack - 1) / perPack);
        var names = Enumerable.Range(0, packs).Select(p => PackPath(folder, p)).ToHashSet(StringComparer.Ordinal);
        var stray = FilesIn(folder).FirstOrDefault(p => !names.Contains(p));
        Expect(stray is null, $"{stray}: not one of the {packs} packs of {count} {what}, {perPack} to a pack");
        if (count == 0)
        {
            return;
        }

        // A slot holds at least the 2-byte length and a record of 1 byte, and L is a uint16.
        Expect(slotBytes >= 3 && slotBytes <= 2 + ushort.MaxValue, $"manifest.json: {slotField} is {slotBytes}, not within 3…{2 + ushort.MaxValue} (a uint16 length and 1…{ushort.MaxValue} bytes)");
        var longest = 0;
        var longestAt = "";
        for (var pack = 0; pack < packs; pack++)
        {
            var path = PackPath(folder, pack);
            var expected = Math.Min(perPack, count - (pack * perPack));
            Expect(_files.ContainsKey(Folder + path), $"{Folder}{path} is missing: {count} {what}, {perPack} to a pack, take {packs} packs");
            var bytes = File(path);
            Expect(bytes.Length >= 4 && Encoding.ASCII.GetString(bytes, 0, 4) == magic, $"{path}: magic is not {magic}");
            Expect(bytes.Length >= 8, $"{path}: {bytes.Length} bytes, it ends inside n");
            var n = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
            Expect(n == expected, $"{path}: n is {n}, but {count} {what}, {perPack} to a pack, leave {expected} to pack {pack}");
            var size = 8 + ((long)expected * slotBytes);
            Expect(bytes.Length == size, $"{path}: file length is {bytes.Length}, not 8 + n · {slotField} = 8 + {expected} · {slotBytes} = {size}");
            for (var i = 0; i < expected; i++)
            {
                var slot = 8 + (i * slotBytes);
                var where = $"{path}: slot {i} ({what[..^1]} {(pack * (long)perPack) + i})";
                var length = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(slot));
                Expect(length >= 1, $"{where}: length L is 0, but no record is empty");
                Expect(length <= slotBytes - 2, $"{where}: length L is {length}, more than {slotField} − 2 = {slotBytes - 2}");
                var padding = bytes.AsSpan(slot + 2 + length, slotBytes - 2 - length);
                var nonzero = padding.IndexOfAnyExcept((byte)0);
                Expect(nonzero < 0, $"{where}: padding byte at file offset {slot + 2 + length + nonzero} (after L = {length} bytes) is {(nonzero < 0 ? 0 : padding[nonzero])}, not 0");
                if (length > longest)
                {
                    (longest, longestAt) = (length, where);
                }

                records.Add(new PackRecord(path, slot + 2, length));
            }
        }

        Expect(slotBytes == 2 + longest, $"manifest.json: {slotField} is {slotBytes}, not 2 + the longest of the {count} {what} ({longest} bytes, {longestAt})");
    }

    /// <summary>Record <paramref name="record"/> of an indexed collection: record r mod perPack of pack ⌊r / perPack⌋ (FORMAT.md §4.0).</summary>
    private PackRecord IndexedRecord(string folder, int record, int perPack)
    {
        var path = PackPath(folder, record / perPack);
        var (offsets, i) = (_packOffsets[path], record % perPack);
        return new PackRecord(path, offsets[i], offsets[i + 1] - offsets[i]);
    }

    /// <summary>
    /// A record of a plain pack (FORMAT.md §4.0), named by pack number, offset and length: it must lie inside its pack,
    /// or a range request would get less than the record.
    /// </summary>
    private PackRecord PlainRecord(string folder, int pack, int offset, int length, string where)
    {
        var path = PackPath(folder, pack);
        Expect(_files.ContainsKey(Folder + path), $"{where}: {Folder}{path} is missing");
        var size = File(path).Length;
        Expect((long)offset + length <= size, $"{where}: bytes [{offset}, {(long)offset + length}) of {path} run past its {size} bytes");
        return new PackRecord(path, offset, length);
    }

    /// <summary>
    /// Plain packs are records concatenated and nothing else (FORMAT.md §4.0): in every pack of the folder, the
    /// distinct records follow each other from byte 0 to the end (a record several owners share counts once), so no
    /// byte is in none and no two records overlap.
    /// </summary>
    private void ExpectTiled(string folder, IEnumerable<PackRecord> records, string owner)
    {
        var byPack = records.Distinct().GroupBy(r => r.Pack, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Offset).ThenBy(r => r.Length).ToList(), StringComparer.Ordinal);
        var empty = FilesIn(folder).FirstOrDefault(p => !byPack.ContainsKey(p));
        Expect(empty is null, $"{empty}: holds no record of any {owner}");
        foreach (var (path, packed) in byPack.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var end = 0;
            foreach (var record in packed)
            {
                Expect(record.Offset >= end, $"{path}: the record at [{record.Offset}, {record.Offset + record.Length}) overlaps one that ends at {end}");
                Expect(record.Offset == end, $"{path}: bytes [{end}, {record.Offset}) are in no record of any {owner}");
                end = record.Offset + record.Length;
            }

            var size = File(path).Length;
            Expect(end == size, $"{path}: bytes [{end}, {size}) are in no record of any {owner}");
        }
    }

    /// <summary>The files in a folder under search/, as paths under search/, in ordinal order.</summary>
    private IEnumerable<string> FilesIn(string folder) =>
        _files.Keys.Where(p => p.StartsWith(Folder + folder, StringComparison.Ordinal)).Select(p => p[Folder.Length..]).Order(StringComparer.Ordinal);

    /// <summary>A pack's path: its number zero-padded to at least 4 digits (FORMAT.md §4.0).</summary>
    private static string PackPath(string folder, int pack) => $"{folder}{pack:D4}.bin";

    private int Positive(string name, bool allowZero = false)
    {
        var value = Manifest.GetProperty(name).GetInt32();
        Expect(value > 0 || (allowZero && value == 0), $"manifest.json: {name} is {value}");
        return value;
    }

    private byte[] File(string path) =>
        _files.TryGetValue(Folder + path, out var bytes) ? bytes : throw new InvalidDataException($"{Folder}{path} is missing");

    private JsonElement Parse(string path) => ParseJson(File(path), path);

    private static JsonElement ParseJson(byte[] utf8, string where)
    {
        try
        {
            return JsonDocument.Parse(utf8).RootElement;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{where} is not JSON: {e.Message}", e);
        }
    }

    /// <summary>A raw deflate stream (RFC 1951) of <paramref name="length"/> bytes at <paramref name="offset"/>, inflated.</summary>
    private static byte[] Inflate(byte[] bytes, int offset, int length, string where)
    {
        try
        {
            using var inflated = new MemoryStream();
            using (var deflate = new DeflateStream(new MemoryStream(bytes, offset, length, writable: false), CompressionMode.Decompress))
            {
                deflate.CopyTo(inflated);
            }

            return inflated.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{where} is not a raw deflate stream: {e.Message}", e);
        }
    }

    private static string Utf8(byte[] bytes, int offset, int length, string where)
    {
        try
        {
            return StrictUtf8.GetString(bytes, offset, length);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException($"{where} is not UTF-8");
        }
    }

    /// <summary>An unsigned LEB128 varint that ends before <paramref name="end"/>; every count, offset and length here fits an int.</summary>
    private static int ReadVarint(byte[] bytes, ref int at, int end, string where)
    {
        var value = 0L;
        for (var shift = 0; shift < 35; shift += 7)
        {
            Expect(at < end, $"{where}: a varint runs past the end");
            var b = bytes[at++];
            value |= (long)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                Expect(value <= int.MaxValue, $"{where}: a varint of {value}, more than any count, offset or length here");
                return (int)value;
            }
        }

        throw new InvalidDataException($"{where}: a varint longer than 5 bytes");
    }

    private static void Expect(bool condition, string violation)
    {
        if (!condition)
        {
            throw new InvalidDataException(violation);
        }
    }

    /// <summary>Where a shard entry's postings are (in its shard's pack when inline), and its positions, if any.</summary>
    private sealed record ShardEntry(int Index, int Df, PackRecord Postings, bool Inline, PackRecord? Positions, List<int> Hints);

    /// <summary>Bytes [Offset, Offset + Length) of a pack, named by its path under search/.</summary>
    private readonly record struct PackRecord(string Pack, int Offset, int Length);
}

/// <summary>
/// A decoded key: df, the postings mode, where the postings live (the pack postings/PPPP.bin; null = inline), their byte
/// length, docs and hits.
/// </summary>
/// <param name="Hints">The docs the entry lists as the first page of a search for the key alone (keys with postings in a pack only).</param>
public sealed record KeyPostings(string Key, int Df, int Mode, string? External, int Length, IReadOnlyList<int> Docs, IReadOnlyList<int> Hits, IReadOnlyList<int> Hints)
{
    /// <summary>Where the postings start in <see cref="External"/> (O of FORMAT.md §4.3); 0 when they are inline.</summary>
    public int Offset { get; init; }

    /// <summary>The pack postings/PPPP.bin that holds the positions (all positions are in packs), or null for a key without.</summary>
    public string? PositionsFile { get; init; }

    /// <summary>Where the positions start in <see cref="PositionsFile"/> (O); 0 for a key without positions.</summary>
    public int PositionsOffset { get; init; }

    /// <summary>The positions' byte length Q; 0 for a key without positions.</summary>
    public int PositionsLength { get; init; }

    /// <summary>Per doc of <see cref="Docs"/>, its hits' code point positions in increasing order; null unless the key has maxGram code points.</summary>
    public IReadOnlyList<IReadOnlyList<int>>? Positions { get; init; }
}

/// <summary>A chunk of a doc's text record (FORMAT.md §4.4): the doc it belongs to, its blocks and its tail.</summary>
public sealed record StoredChunk(int Doc, IReadOnlyList<(string Anchor, string Text)> Blocks, string Tail);

/// <summary>catalog.json decoded (FORMAT.md §4.2): per bureau in doc order its id, doc count and region index; the regions.</summary>
public sealed record CatalogTables(List<string> BureauIds, List<int> BureauDocs, List<int> BureauRegions, List<CatalogRegion> Regions);

/// <summary>A region of the catalog: its code, the index of its parent, and its name (provinces and cities only).</summary>
public sealed record CatalogRegion(string Code, int? Parent, string? Name);
