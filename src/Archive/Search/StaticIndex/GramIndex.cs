using System.Collections.Concurrent;

namespace Archive.Search.StaticIndex;

/// <summary>
/// The keys of the static index (FORMAT.md §4.3) and their doc postings with hit counts: every unigram and bigram
/// of the normalized texts, and every 3…<see cref="MaxGram"/>-gram whose two (n−1)-gram halves are both frequent
/// (document frequency ≥ <c>minDf</c>). A counted gram is itself frequent or a "border" gram (rarer than minDf).
/// So a term of ≤ MaxGram code points that is frequent is always a key, and its postings answer it exactly
/// without any text; a term that is not a key is rare, or absent, or longer than MaxGram.
/// </summary>
/// <remarks>
/// Counting is level by level (apriori): level n counts only pairs of adjacent frequent (n−1)-grams, so the
/// tables hold the frequent vocabulary and its border, not every n-gram of the corpus. Grams are numbered, never
/// turned into strings until the end: the pass over the text is a few table lookups per code point. Each level's
/// pass runs on every core over contiguous ranges of documents, each numbering its new grams by first occurrence;
/// joining the ranges in doc order then numbers them exactly as one pass over all documents would, so the index is
/// the same whatever the number of cores. The passes write their postings by bucket (<see cref="PostingsCollector"/>),
/// and the buckets are sealed one per core (<see cref="GramPostings.Seal"/>).
/// </remarks>
public sealed class GramIndex
{
    public const int MaxGram = 6;

    // Per gram: the id of its (n−1)-gram prefix (or −1 for a unigram), its last code point, level, df.
    private readonly List<int> _prefix = [];
    private readonly List<int> _last = [];
    private readonly List<byte> _level = [];
    private readonly List<int> _df = [];
    private readonly int _minDf;

    private GramIndex(int minDf)
    {
        _minDf = minDf;
    }

    /// <summary>Number of gram keys.</summary>
    public int Count => _df.Count;

    /// <summary>
    /// The document frequency from which a gram is frequent: 0.1% of the reports, at least 2. At 1%, the terms
    /// journalists type most (found in 0.1–1.5% of the reports) were no keys, and a query fetched their candidates'
    /// texts: 0.6–1.3 MB cold at 10,000 reports, ~3 MB at 50,000.
    /// </summary>
    public static int MinDocFrequency(int docCount) => Math.Max(2, (docCount + 999) / 1000);

    /// <summary>
    /// Counts the grams of the documents (normalized code points, records 0 … <paramref name="docCount"/> − 1 of
    /// <paramref name="docs"/>, in doc order), handing every occurrence of every key to <paramref name="postings"/>
    /// as the counting passes find them. The records are the passes' working space, rewritten level by level: their
    /// content is gone afterwards. <paramref name="parts"/> is how many ranges of documents are counted side by side
    /// (0: one per core), and <paramref name="buckets"/> how many buckets their postings are sorted into (0: by the
    /// corpus's size, <see cref="GramPostings.BucketsFor"/>); the result depends on neither.
    /// </summary>
    public static GramIndex Build(SpillFile docs, int docCount, int minDf, GramPostings postings, int parts = 0, int buckets = 0)
    {
        var index = new GramIndex(minDf);
        var ranges = DocumentRanges.Split(docs, docCount, parts > 0 ? parts : Environment.ProcessorCount);
        if (buckets <= 0)
        {
            buckets = GramPostings.BucketsFor(DocumentRanges.CodePoints(docs, 0, docCount));
        }

        // Each doc's record holds its code points, then, after the pass of level n, at position p the number of the
        // gram of level n starting at p, or −1 where it is not a key, numbered as its range's pass numbered them
        // (joinable turns those into the index's numbers, or −1 for grams too rare to be joined). Each level is
        // computed in place from the one below, one table probe per position.
        int[]?[] numberOf = new int[ranges.Count][];
        // The pair tables go from level to level, cleared: made anew at each, they were a gigabyte of large objects
        // per 10,000 reports, each setting off a full collection.
        var tables = new ConcurrentBag<PairTable>();
        for (var level = 1; level <= MaxGram; level++)
        {
            var passes = new LevelPass[ranges.Count];
            Parallel.For(0, ranges.Count, new ParallelOptions { MaxDegreeOfParallelism = ranges.Count }, range =>
                passes[range] = CountRange(docs, ranges[range], level, index.Joinable(numberOf[range], level), buckets, tables));
            var firstNew = index.Count;
            var bucketOf = index.Join(passes, level, buckets, tables);
            postings.Seal(index.Count, docCount, [.. passes.Select(pass => (pass.Postings, (int[]?)pass.NumberOf))], bucketOf, buckets);
            numberOf = [.. passes.Select(pass => pass.NumberOf)];
            if (index.Count == firstNew)
            {
                break;
            }
        }

        postings.SealingDone();
        return index;
    }

    public int DocumentFrequency(int gram) => _df[gram];

    public int LevelOf(int gram) => _level[gram];

    /// <summary>The gram as a string (UTF-16).</summary>
    public string TextOf(int gram)
    {
        Span<char> units = stackalloc char[2 * MaxGram];
        var length = 0;
        for (var g = gram; g >= 0; g = _prefix[g])
        {
            length += new System.Text.Rune(_last[g]).Utf16SequenceLength;
        }

        var end = length;
        for (var g = gram; g >= 0; g = _prefix[g])
        {
            var rune = new System.Text.Rune(_last[g]);
            end -= rune.Utf16SequenceLength;
            rune.EncodeToUtf16(units[end..]);
        }

        return new string(units[..length]);
    }

    /// <summary>Writes the gram as UTF-8 at the start of <paramref name="into"/> (room for 4 · <see cref="MaxGram"/> bytes); returns its length.</summary>
    public int WriteUtf8(int gram, Span<byte> into)
    {
        Span<int> points = stackalloc int[MaxGram];
        var count = 0;
        for (var g = gram; g >= 0; g = _prefix[g])
        {
            points[count++] = _last[g];
        }

        var length = 0;
        for (var i = count - 1; i >= 0; i--)
        {
            length += new System.Text.Rune(points[i]).EncodeToUtf8(into[length..]);
        }

        return length;
    }

    /// <summary>
    /// Per gram: its key's <see cref="BucketHash"/> and its length in UTF-8 bytes, computed along the prefix chains
    /// (a gram's prefix always has a lower number), so that keys can be sharded and sized before any is made into a
    /// string.
    /// </summary>
    public (uint[] Hashes, int[] Utf8Lengths) Hashes()
    {
        var hashes = new uint[Count];
        var lengths = new int[Count];
        for (var gram = 0; gram < Count; gram++)
        {
            var prefix = _prefix[gram];
            var (hash, length) = prefix < 0 ? (BucketHash.Empty, 0) : (hashes[prefix], lengths[prefix]);
            hashes[gram] = BucketHash.Append(hash, _last[gram]);
            lengths[gram] = length + new System.Text.Rune(_last[gram]).Utf8SequenceLength;
        }

        return (hashes, lengths);
    }

    /// <summary>
    /// For each gram a range's last pass numbered, its number in the index if it joins at <paramref name="level"/>,
    /// else −1: every unigram joins (every bigram is a key), and from level 3 on only frequent grams. Null before
    /// the unigrams, whose records hold code points. One lookup per position instead of three (at 10,000 raw reports
    /// and minDf 0.1%, the count went from 23.7 to 22.6 s: the passes wait mostly on the pair table and the tallies).
    /// </summary>
    private int[]? Joinable(int[]? numberOf, int level)
    {
        if (numberOf is null)
        {
            return null;
        }

        var joinable = new int[numberOf.Length];
        for (var own = 0; own < numberOf.Length; own++)
        {
            joinable[own] = level == 2 || _df[numberOf[own]] >= _minDf ? numberOf[own] : -1;
        }

        return joinable;
    }

    private int NewGram(int prefix, int last, int level)
    {
        _prefix.Add(prefix);
        _last.Add(last);
        _level.Add((byte)level);
        _df.Add(0);
        return _df.Count - 1;
    }

    /// <summary>
    /// Counts the grams of level n in one range of documents, from pairs of adjacent (n−1)-grams (frequent ones, from
    /// level 3 on: <paramref name="joinable"/> maps the range's own numbers to the index's, −1 for the rest), numbering
    /// the new ones by first occurrence in the range, and moves the records up to level n.
    /// </summary>
    private static LevelPass CountRange(SpillFile docs, (int From, int To) range, int level, int[]? joinable, int buckets, ConcurrentBag<PairTable> tables)
    {
        var pass = new LevelPass(level == MaxGram, buckets, tables.TryTake(out var table) ? table : new PairTable());
        var docIds = new int[DocumentRanges.Longest(docs, range.From, range.To)];
        for (var d = range.From; d < range.To; d++)
        {
            var length = docs.Read(d, docIds.AsSpan());
            if (level == 1)
            {
                for (var p = 0; p < length; p++)
                {
                    docIds[p] = pass.OccursUnigram(docIds[p]);
                    pass.Postings.Hit(docIds[p]);
                }

                docs.Rewrite(d, docIds.AsSpan(0, length));
                pass.Postings.EndDocument(d);
                continue;
            }

            if (joinable is not null)
            {
                for (var p = 0; p < length; p++)
                {
                    docIds[p] = docIds[p] < 0 ? -1 : joinable[docIds[p]];
                }
            }

            // The record holds the level n − 1 grams: one position more than level n has.
            var count = Math.Max(0, length - 1);
            for (var p = 0; p < count; p++)
            {
                var a = docIds[p];
                var b = docIds[p + 1];
                var gram = -1;
                if (a >= 0 && b >= 0)
                {
                    gram = pass.Occurs(PairTable.Pack(a, b));

                    if (level == MaxGram)
                    {
                        pass.Postings.HitLongest(gram, p);
                    }
                    else
                    {
                        pass.Postings.Hit(gram);
                    }
                }

                // In place: position p + 1 still holds its level n − 1 id for the next step.
                docIds[p] = gram;
            }

            // The longest grams' numbers are never read again: their level is the last (a gigabyte less to write at
            // 50,000 reports).
            if (level < MaxGram)
            {
                docs.Rewrite(d, docIds.AsSpan(0, count));
            }

            pass.Postings.EndDocument(d);
        }

        return pass;
    }

    /// <summary>
    /// Numbers the grams the ranges found, in range order and within a range by first occurrence (as one pass over
    /// all documents would have), and adds up their document frequencies; returns the bucket of each new gram.
    /// </summary>
    private int[] Join(LevelPass[] passes, int level, int buckets, ConcurrentBag<PairTable> tables)
    {
        var bucketOf = new List<int>();
        var joined = tables.TryTake(out var table) ? table : new PairTable();
        foreach (var pass in passes)
        {
            pass.NumberOf = new int[pass.Keys.Count];
            for (var own = 0; own < pass.Keys.Count; own++)
            {
                var key = pass.Keys[own];
                var gram = joined.GetOrAdd(key, _df.Count);
                if (gram == _df.Count)
                {
                    // A unigram's key is its code point; a longer gram's, its (n−1)-gram prefix and suffix.
                    _ = level == 1 ? NewGram(-1, (int)key, level) : NewGram((int)(key >> 32), _last[(int)key], level);
                    bucketOf.Add(GramPostings.BucketOf(key, buckets));
                }

                _df[gram] += pass.Postings.DocumentCount(own);
                pass.NumberOf[own] = gram;
            }

            tables.Add(pass.Joined());
        }

        joined.Clear();
        tables.Add(joined);

        return [.. bucketOf];
    }

    /// <summary>What one range's pass over one level found: its grams by their own numbers, and their postings.</summary>
    private sealed class LevelPass(bool longest, int buckets, PairTable pairs)
    {
        private PairTable _pairs = pairs;
        // The pass's unigram of each code point of the Basic Multilingual Plane (nearly all text), + 1 (0: none yet).
        private int[]? _basic;

        /// <summary>Per gram of the pass: the pair of (n−1)-grams it joins, as <see cref="PairTable.Pack"/>.</summary>
        public List<long> Keys { get; private set; } = [];

        public PostingsCollector Postings { get; } = new(longest, buckets);

        /// <summary>Per gram of the pass, its number in the index (set by <see cref="Join"/>).</summary>
        public int[] NumberOf { get; set; } = [];

        /// <summary>The pass's number for the gram <paramref name="key"/> joins (its documents are counted by the postings).</summary>
        public int Occurs(long key)
        {
            var gram = _pairs.GetOrAdd(key, Keys.Count);
            if (gram == Keys.Count)
            {
                Keys.Add(key);
                Postings.Place(gram, GramPostings.BucketOf(key, buckets));
            }

            return gram;
        }

        /// <summary>The pass's number for the unigram of code point <paramref name="point"/>.</summary>
        public int OccursUnigram(int point)
        {
            if (point >= 0x10000)
            {
                return Occurs(point);
            }

            _basic ??= new int[0x10000];
            if (_basic[point] == 0)
            {
                _basic[point] = Occurs(point) + 1;
            }

            return _basic[point] - 1;
        }

        /// <summary>Lets go of the tables once the grams are numbered (only the postings and numbers are needed then); returns the pair table, cleared, for the next pass.</summary>
        public PairTable Joined()
        {
            var pairs = _pairs;
            pairs.Clear();
            _pairs = null!;
            _basic = null;
            Keys = [];
            return pairs;
        }
    }
}
