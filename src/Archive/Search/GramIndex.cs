namespace Archive.Search;

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
/// turned into strings until the end: the pass over the text is a few table lookups per code point.
/// </remarks>
public sealed class GramIndex
{
    public const int MaxGram = 6;

    // Per gram: the id of its (n−1)-gram prefix (or −1 for a unigram), its last code point, level, df.
    private readonly List<int> _prefix = [];
    private readonly List<int> _last = [];
    private readonly List<byte> _level = [];
    private readonly List<int> _df = [];
    private readonly Dictionary<int, int> _unigrams = [];
    private readonly PairTable[] _pairs;
    private readonly int _minDf;

    private GramIndex(int minDf)
    {
        _minDf = minDf;
        _pairs = new PairTable[MaxGram + 1];
        for (var level = 2; level <= MaxGram; level++)
        {
            _pairs[level] = new PairTable();
        }
    }

    /// <summary>Number of gram keys.</summary>
    public int Count => _df.Count;

    /// <summary>The document frequency from which a gram is frequent: 1% of the reports, at least 2.</summary>
    public static int MinDocFrequency(int docCount) => Math.Max(2, (docCount + 99) / 100);

    /// <summary>
    /// Counts the grams of the documents (normalized code points, records 0 … <paramref name="docCount"/> − 1 of
    /// <paramref name="docs"/>, in doc order), handing every occurrence of every key to <paramref name="postings"/>
    /// as the counting passes find them. The records are the passes' working space, rewritten level by level: their
    /// content is gone afterwards.
    /// </summary>
    public static GramIndex Build(SpillFile docs, int docCount, int minDf, GramPostings postings)
    {
        var index = new GramIndex(minDf);
        var longest = 1;
        for (var d = 0; d < docCount; d++)
        {
            longest = Math.Max(longest, docs.LengthOf(d) / sizeof(int));
        }

        // Each doc's record holds, at position p, the id of the gram of the current level starting at p, or −1 where
        // it is not a key. Each level is computed in place from the one below, one table probe per position.
        var ids = new int[longest];
        index.CountUnigrams(docs, docCount, ids, postings);
        postings.Seal(index.Count, docCount);
        for (var level = 2; level <= MaxGram; level++)
        {
            var found = index.CountLevel(docs, docCount, ids, level, postings);
            postings.Seal(index.Count, docCount);
            if (!found)
            {
                break;
            }
        }

        return index;
    }

    public int DocumentFrequency(int gram) => _df[gram];

    public int LevelOf(int gram) => _level[gram];

    /// <summary>The gram as a string (UTF-16).</summary>
    public string TextOf(int gram)
    {
        var points = new int[_level[gram]];
        for (var (g, i) = (gram, points.Length - 1); i >= 0; g = _prefix[g], i--)
        {
            points[i] = _last[g];
        }

        return string.Concat(points.Select(char.ConvertFromUtf32));
    }

    /// <summary>Whether two adjacent grams of level − 1 form a gram that was counted at <paramref name="level"/>.</summary>
    private bool Joinable(int a, int b, int level) =>
        a >= 0 && b >= 0 && (level == 2 || (_df[a] >= _minDf && _df[b] >= _minDf));

    private int NewGram(int prefix, int last, int level)
    {
        _prefix.Add(prefix);
        _last.Add(last);
        _level.Add((byte)level);
        _df.Add(0);
        return _df.Count - 1;
    }

    private void CountUnigrams(SpillFile docs, int docCount, int[] docIds, GramPostings postings)
    {
        var lastDoc = new List<int>();

        // Code points of the Basic Multilingual Plane (nearly all text) by array, the rest by dictionary.
        var basic = new int[0x10000];
        Array.Fill(basic, -1);
        for (var d = 0; d < docCount; d++)
        {
            var length = docs.Read(d, docIds.AsSpan());
            for (var p = 0; p < length; p++)
            {
                var point = docIds[p];
                var unigram = point < basic.Length ? basic[point] : _unigrams.GetValueOrDefault(point, -1);
                if (unigram < 0)
                {
                    unigram = _unigrams[point] = NewGram(-1, point, 1);
                    if (point < basic.Length)
                    {
                        basic[point] = unigram;
                    }

                    lastDoc.Add(-1);
                }

                if (lastDoc[unigram] != d)
                {
                    lastDoc[unigram] = d;
                    _df[unigram]++;
                }

                docIds[p] = unigram;
                postings.Hit(unigram);
            }

            docs.Rewrite(d, docIds.AsSpan(0, length));
            postings.EndDocument(d);
        }
    }

    /// <summary>
    /// Counts level n from pairs of adjacent (n−1)-grams (frequent ones, from level 3 on) and moves ids up to level
    /// n; false when no gram of level n was found.
    /// </summary>
    private bool CountLevel(SpillFile docs, int docCount, int[] docIds, int level, GramPostings postings)
    {
        var pairs = _pairs[level];
        var lastDoc = new List<int>();
        var firstNew = _df.Count;
        for (var d = 0; d < docCount; d++)
        {
            // The record holds the level n − 1 grams: one position more than level n has.
            var count = Math.Max(0, docs.Read(d, docIds.AsSpan()) - 1);
            for (var p = 0; p < count; p++)
            {
                var a = docIds[p];
                var b = docIds[p + 1];
                var gram = -1;
                if (Joinable(a, b, level))
                {
                    gram = pairs.GetOrAdd(PairTable.Key(a, b), _df.Count);
                    if (gram == _df.Count)
                    {
                        NewGram(a, _last[b], level);
                        lastDoc.Add(-1);
                    }

                    if (lastDoc[gram - firstNew] != d)
                    {
                        lastDoc[gram - firstNew] = d;
                        _df[gram]++;
                    }

                    if (level == MaxGram)
                    {
                        postings.HitLongest(gram, p);
                    }
                    else
                    {
                        postings.Hit(gram);
                    }
                }

                // In place: position p + 1 still holds its level n − 1 id for the next step.
                docIds[p] = gram;
            }

            docs.Rewrite(d, docIds.AsSpan(0, count));
            postings.EndDocument(d);
        }

        return pairs.Count > 0;
    }
}
