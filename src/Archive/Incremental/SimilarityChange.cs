using Archive.Reading.KeyTerms;
using static Archive.Reading.KeyTerms.SimilarReports;

namespace Archive.Incremental;

/// <summary>
/// Which words' kept postings (<see cref="PostingIndex"/>) a build's changes may have moved: those whose kept reports or
/// weights differ from last build's, or hold a report whose vector or bureau changed (<paramref name="moved"/>, by new
/// place) or that left. A report whose search used none of these words finds what it found last time. Only the words
/// of the changed vectors can be such words, so only their postings are compared, last build's put back together from
/// today's and the changed reports' old vectors.
/// </summary>
/// <param name="oldOf">Per report today, its place last time (-1: new).</param>
/// <param name="newOf">Per report last time, its place today (-1: gone).</param>
internal sealed class SimilarityChange(KeyTermsState last, int[] oldOf, int[] newOf, bool[] moved, IReadOnlyList<TermVector> vectors)
{
    public List<int> Words()
    {
        // The old postings of the reports that changed or left, by word: all that differs from today's.
        var before = new Dictionary<int, List<(float Weight, int Report)>>();
        for (var o = 0; o < last.Reports.Length; o++)
        {
            if (newOf[o] < 0 || moved[newOf[o]])
            {
                var vector = last.Reports[o].Vector;
                for (var i = 0; i < vector.Ids.Length; i++)
                {
                    (before.TryGetValue(vector.Ids[i], out var list) ? list : before[vector.Ids[i]] = []).Add((vector.Weights[i], o));
                }
            }
        }

        var words = new HashSet<int>(before.Keys);
        for (var r = 0; r < moved.Length; r++)
        {
            if (moved[r])
            {
                words.UnionWith(vectors[r].Ids);
            }
        }

        // Today's postings of these words alone.
        var wanted = new bool[WordTrie.Shared.Words.Count];
        foreach (var word in words)
        {
            wanted[word] = true;
        }

        var index = new PostingIndex(vectors, wanted);
        return [.. words.Order().Where(word => Changed(index, word, before.GetValueOrDefault(word)))];
    }

    private bool Changed(PostingIndex index, int word, List<(float Weight, int Report)>? before)
    {
        var kept = index.Reports(word);
        var weights = index.Weights(word);
        var all = index.AllReports(word);
        var allWeights = index.AllWeights(word);
        // Last build's postings in last build's places, whose order among the reports that stayed is today's.
        var earlier = new List<(float Weight, int Report)>(all.Length + (before?.Count ?? 0));
        for (var i = 0; i < all.Length; i++)
        {
            if (!moved[all[i]])
            {
                earlier.Add((allWeights[i], oldOf[all[i]]));
            }
        }

        earlier.AddRange(before ?? []);
        earlier.Sort(PostingIndex.Order);
        if (Math.Min(earlier.Count, PostingsKept) != kept.Length)
        {
            return true;
        }

        for (var i = 0; i < kept.Length; i++)
        {
            var (weight, report) = earlier[i];
            if (moved[kept[i]] || newOf[report] != kept[i] || weight != weights[i])
            {
                return true;
            }
        }

        return false;
    }
}
