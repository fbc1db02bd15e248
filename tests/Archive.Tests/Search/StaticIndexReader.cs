using System.Text;
using System.Text.Json;
using Archive.Search;

namespace Archive.Tests.Search;

/// <summary>
/// A decoder of output/search/ written from FORMAT.md alone, as the browser client reads it: it shares no code with
/// the exporter except the normalizer and the query parser, so agreement with the brute-force search proves the format.
/// </summary>
public sealed class StaticIndexReader
{
    private readonly IReadOnlyDictionary<string, byte[]> _files;
    private readonly Dictionary<int, (int[] Lengths, int[] Offsets, byte[] Bytes, int BodyStart)> _shards = [];
    private readonly Dictionary<int, JsonElement> _packs = [];
    private readonly Dictionary<int, (int Doc, string Own, string Extended)> _chunkTexts = [];

    public StaticIndexReader(IReadOnlyDictionary<string, byte[]> files)
    {
        _files = files;
        Manifest = Parse("search/manifest.json");
        Docs = Parse("search/docs.json").GetProperty("docs").EnumerateArray().ToList();
        Buckets = Manifest.GetProperty("buckets").GetInt32();
        Shards = Manifest.GetProperty("shards").GetInt32();
        Overlap = Manifest.GetProperty("overlap").GetInt32();
        PackStarts = Manifest.GetProperty("packStarts").EnumerateArray().Select(e => e.GetInt32()).ToList();
        ChunkCount = Manifest.GetProperty("chunkCount").GetInt32();
    }

    public JsonElement Manifest { get; }

    public List<JsonElement> Docs { get; }

    public int Buckets { get; }

    public int Shards { get; }

    public int Overlap { get; }

    public List<int> PackStarts { get; }

    public int ChunkCount { get; }

    /// <summary>Matching report ids with hit counts, by FORMAT.md §2 and the query steps of §4.</summary>
    public Dictionary<string, int> Match(SearchQuery query)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        if (query.IsEmpty)
        {
            return result;
        }

        var excluded = new HashSet<int>(query.Excluded.SelectMany(t => HitsPerDoc(t.Normalized).Keys));
        IEnumerable<int> candidates = Enumerable.Range(0, Docs.Count);
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

    /// <summary>Docs with at least one verified hit of the normalized term, and their hit counts.</summary>
    public Dictionary<int, int> HitsPerDoc(string term)
    {
        var found = new Dictionary<int, int>();
        var keys = KeysOf(term);
        if (keys.Count == 0)
        {
            return found;
        }

        if (CodePoints(term) <= Overlap)
        {
            IEnumerable<int> candidates = Postings(keys[0]);
            foreach (var key in keys.Skip(1))
            {
                candidates = candidates.Intersect(Postings(key)).ToList();
            }

            foreach (var chunk in candidates)
            {
                var (doc, own, extended) = ChunkText(chunk);
                var count = Occurrences.StartsOf(extended, term).Count(start => start < own.Length);
                if (count > 0)
                {
                    found[doc] = found.GetValueOrDefault(doc) + count;
                }
            }

            return found;
        }

        IEnumerable<int> docs = Postings(keys[0]).Select(c => ChunkText(c).Doc).ToHashSet();
        foreach (var key in keys.Skip(1))
        {
            docs = docs.Intersect(Postings(key).Select(c => ChunkText(c).Doc)).ToList();
        }

        foreach (var doc in docs)
        {
            var first = Docs[doc].GetProperty("firstChunk").GetInt32();
            var count = Docs[doc].GetProperty("chunkCount").GetInt32();
            var text = string.Concat(Enumerable.Range(first, count).Select(c => ChunkText(c).Own));
            var hits = Occurrences.StartsOf(text, term).Count;
            if (hits > 0)
            {
                found[doc] = hits;
            }
        }

        return found;
    }

    /// <summary>Chunk numbers in the bucket of <paramref name="key"/>: FNV-1a over UTF-16 units, mod buckets.</summary>
    public List<int> Postings(string key)
    {
        var hash = 2166136261u;
        foreach (var unit in key)
        {
            hash ^= unit;
            hash = unchecked(hash * 16777619u);
        }

        var bucket = (int)(hash % (uint)Buckets);
        var (lengths, offsets, bytes, bodyStart) = Shard(bucket % Shards);
        var index = bucket / Shards;
        var at = bodyStart + offsets[index];
        var end = at + lengths[index];
        var count = ReadVarint(bytes, ref at);
        var chunks = new List<int>(count);
        var previous = 0;
        for (var i = 0; i < count; i++)
        {
            previous += ReadVarint(bytes, ref at);
            chunks.Add(previous);
        }

        Assert.Equal(end, at);
        return chunks;
    }

    /// <summary>A chunk's doc, its own normalized text and its normalized extended text.</summary>
    public (int Doc, string Own, string Extended) ChunkText(int chunk)
    {
        if (_chunkTexts.TryGetValue(chunk, out var cached))
        {
            return cached;
        }

        var pack = PackStarts.FindLastIndex(start => start <= chunk);
        var element = Pack(pack)[chunk - PackStarts[pack]];
        var blocks = string.Join("\n", element.GetProperty("blocks").EnumerateArray().Select(b => b[1].GetString()));
        var extended = blocks + "\n" + element.GetProperty("tail").GetString();
        return _chunkTexts[chunk] = (element.GetProperty("doc").GetInt32(), TextNormalizer.NormalizeToString(blocks), TextNormalizer.NormalizeToString(extended));
    }

    private JsonElement Pack(int pack)
    {
        if (!_packs.TryGetValue(pack, out var element))
        {
            _packs[pack] = element = Parse($"search/packs/{pack:D4}.json");
        }

        return element;
    }

    private (int[] Lengths, int[] Offsets, byte[] Bytes, int BodyStart) Shard(int shard)
    {
        if (_shards.TryGetValue(shard, out var parsed))
        {
            return parsed;
        }

        var bytes = _files[$"search/shards/{shard:D3}.bin"];
        Assert.Equal("ASX1", Encoding.ASCII.GetString(bytes, 0, 4));
        var at = 4;
        var n = ReadVarint(bytes, ref at);
        var lengths = new int[n];
        var offsets = new int[n];
        for (var i = 0; i < n; i++)
        {
            lengths[i] = ReadVarint(bytes, ref at);
            offsets[i] = i == 0 ? 0 : offsets[i - 1] + lengths[i - 1];
        }

        return _shards[shard] = (lengths, offsets, bytes, at);
    }

    private JsonElement Parse(string path) => JsonDocument.Parse(_files[path]).RootElement;

    private static List<string> KeysOf(string term)
    {
        var points = new List<string>();
        for (var i = 0; i < term.Length; i += char.IsHighSurrogate(term[i]) ? 2 : 1)
        {
            points.Add(char.IsHighSurrogate(term[i]) ? term.Substring(i, 2) : term[i].ToString());
        }

        return points.Count == 1 ? points : points.Zip(points.Skip(1), (a, b) => a + b).ToList();
    }

    private static int CodePoints(string text) => text.EnumerateRunes().Count();

    private static int ReadVarint(byte[] bytes, ref int at)
    {
        var value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            value |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
