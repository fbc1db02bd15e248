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
        var docs = new int[docFrequency];
        var position = 1;
        if (postings[0] == GramPostings.BitsetMode)
        {
            var n = 0;
            for (var d = 0; d < docCount && n < docFrequency; d++)
            {
                if ((postings[1 + (d >> 3)] & (1 << (d & 7))) != 0)
                {
                    docs[n++] = d;
                }
            }

            position = 1 + ((docCount + 7) >> 3);
        }
        else
        {
            var doc = -1;
            for (var i = 0; i < docFrequency; i++)
            {
                docs[i] = doc += Varint.Get(postings, ref position) + 1;
            }
        }

        // One pass keeping the best Count in order: tf (k1 + 1) / (tf + norm) orders a key's docs as BM25 does (idf
        // and the word boost are the same for all of them).
        var best = new List<(double Score, int Doc)>(Count + 1);
        for (var i = 0; i < docFrequency; i++)
        {
            var tf = (double)Varint.Get(postings, ref position);
            var doc = docs[i];
            var candidate = (Bm25.Saturation(tf, _norms[doc]), doc);
            var at = best.Count;
            while (at > 0 && Before(candidate, best[at - 1]))
            {
                at--;
            }

            if (at < Count)
            {
                best.Insert(at, candidate);
                if (best.Count > Count)
                {
                    best.RemoveAt(Count);
                }
            }
        }

        return [.. best.Select(b => b.Doc).Order()];
    }

    private bool Before((double Score, int Doc) a, (double Score, int Doc) b) =>
        a.Score != b.Score ? a.Score > b.Score : _years[a.Doc] != _years[b.Doc] ? _years[a.Doc] > _years[b.Doc] : a.Doc < b.Doc;
}
