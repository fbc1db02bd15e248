using Archive.Search.Contract;

namespace Archive.Search.StaticIndex;

/// <summary>
/// The first page of a search for a key alone (FORMAT.md §4.3, hints): the docs of its postings that rank highest by
/// BM25 (§3; ties: newer year, then doc order). A key whose postings are in a file of their own carries them in its
/// shard entry, so that a browser can fetch those results' titles while the postings are still on their way. On this
/// machine ten title blocks take 15–25 ms to arrive even over loopback; started with the key shard instead of after
/// the ranking, they arrive with the postings. A classic "champion list", used here only to prefetch: the results
/// themselves always come from the postings.
/// </summary>
public sealed class TitleHints
{
    /// <summary>The results of the search page's first page.</summary>
    public const int Count = 10;

    private readonly double[] _norms;
    private readonly int[] _years;

    /// <param name="lengthCodes">Each doc's length code (§3), in doc order.</param>
    /// <param name="years">Each doc's year covered, in doc order.</param>
    /// <param name="averageLength">avgdl of §3.</param>
    public TitleHints(IReadOnlyList<byte> lengthCodes, IReadOnlyList<int> years, double averageLength)
    {
        _norms = new double[lengthCodes.Count];
        for (var d = 0; d < _norms.Length; d++)
        {
            _norms[d] = Bm25.LengthNorm(LengthCode.Length(lengthCodes[d]), averageLength);
        }

        _years = [.. years];
    }

    /// <summary>
    /// The top docs of <paramref name="postings"/> (postings bytes of §4.3 over <paramref name="docCount"/> docs),
    /// ascending by doc number.
    /// </summary>
    public int[] Of(ReadOnlySpan<byte> postings, int docFrequency, int docCount)
    {
        // Two cursors over the postings, one on the docs and one on their hit counts, instead of the docs decoded into
        // an array first: the keys stage runs this over every long postings list (hundreds of millions of entries
        // at 50,000 reports), and an array per list of up to 50,000 docs was a large object each.
        var bitset = postings[0] == GramPostings.BitsetMode;
        var docAt = 1;
        var tfAt = bitset ? 1 + ((docCount + 7) >> 3) : SkipGaps(postings, docFrequency);
        var best = new (double Score, int Doc)[Count];
        var kept = 0;
        var doc = -1;
        for (var i = 0; i < docFrequency; i++)
        {
            if (bitset)
            {
                do
                {
                    doc++;
                }
                while ((postings[1 + (doc >> 3)] & (1 << (doc & 7))) == 0);
            }
            else
            {
                doc += Varint.Get(postings, ref docAt) + 1;
            }

            // tf (k1 + 1) / (tf + norm) orders a key's docs as BM25 does (idf and the word boost are the same for
            // all of them). One pass keeps the best Count in order.
            var candidate = (Bm25.Saturation(Varint.Get(postings, ref tfAt), _norms[doc]), doc);
            if (kept == Count && !Before(candidate, best[Count - 1]))
            {
                continue;
            }

            var at = kept < Count ? kept++ : Count - 1;
            while (at > 0 && Before(candidate, best[at - 1]))
            {
                best[at] = best[at - 1];
                at--;
            }

            best[at] = candidate;
        }

        var top = new int[kept];
        for (var i = 0; i < kept; i++)
        {
            top[i] = best[i].Doc;
        }

        Array.Sort(top);
        return top;
    }

    /// <summary>Where the hit counts start in gap-mode postings of <paramref name="docFrequency"/> docs.</summary>
    private static int SkipGaps(ReadOnlySpan<byte> postings, int docFrequency)
    {
        var at = 1;
        for (var i = 0; i < docFrequency; i++)
        {
            while (postings[at++] >= 0x80)
            {
            }
        }

        return at;
    }

    private bool Before((double Score, int Doc) a, (double Score, int Doc) b) =>
        a.Score != b.Score ? a.Score > b.Score : _years[a.Doc] != _years[b.Doc] ? _years[a.Doc] > _years[b.Doc] : a.Doc < b.Doc;
}
