namespace Archive.Reading.KeyTerms;

/// <summary>A report as the finder of similar reports sees it: its id, its bureau, its words.</summary>
public sealed record ReportOfBureau(string Id, string BureauId, ReportTerms Terms);

/// <summary>A report found similar: its place in the list given, and the cosine of the two reports' term vectors.</summary>
public readonly record struct SimilarReport(int Index, double Similarity);

/// <summary>
/// For every report, the reports of other bureaus most like it: cosine over TF-IDF vectors
/// (<see cref="TermStatistics"/>), each vector a report's <see cref="VectorTerms"/> strongest words that are
/// distinctive and stand in at least two reports (a word of one report is no bridge to another). All pairs would be
/// 1.25 billion at 50,000 reports; instead each report looks up its <see cref="QueryTerms"/> strongest words in an
/// inverted index that keeps, for each word, the <see cref="PostingsKept"/> reports it weighs most in, and the
/// best-scoring of the reports met that way are scored exactly. A pair that shares only words common to many reports
/// can be missed; one that shares the words it is strongest in is not. Ties: the higher cosine first, then the
/// ordinal order of report ids. The same input gives the same lists, on any number of threads.
/// </summary>
public static class SimilarReports
{
    public const int Count = 5;
    public const int VectorTerms = 32;
    public const int QueryTerms = 16;
    public const int PostingsKept = 64;

    // How many of the reports met in the index are scored exactly, per report asked for.
    private const int Rescored = 4;

    public static IReadOnlyList<IReadOnlyList<SimilarReport>> Find(IReadOnlyList<ReportOfBureau> reports, TermStatistics archive, int count = Count)
    {
        var vectors = new TermVector[reports.Count];
        Parallel.For(0, reports.Count, r => vectors[r] = TermVector.Of(reports[r].Terms, archive));
        var bureaus = reports.Select(r => r.BureauId).Distinct(StringComparer.Ordinal).Select((b, i) => (b, i)).ToDictionary(e => e.b, e => e.i, StringComparer.Ordinal);
        var found = new IReadOnlyList<SimilarReport>[reports.Count];
        Search(vectors, [.. reports.Select(r => bureaus[r.BureauId])], [.. reports.Select(r => r.Id)], new PostingIndex(vectors), [.. Enumerable.Range(0, reports.Count)], (r, similar, _) => found[r] = similar, count);
        return found;
    }

    /// <summary>
    /// The similar reports of each report of <paramref name="asked"/> (places in <paramref name="vectors"/>), handed to
    /// <paramref name="found"/> with whether its search went beyond its <see cref="QueryTerms"/> strongest words (then
    /// every word of its vector decides, not only those). A report's list depends only on its vector, on the kept
    /// postings of the words its search used, on the bureaus and vectors of the reports in them, and on their ids.
    /// </summary>
    internal static void Search(IReadOnlyList<TermVector> vectors, int[] bureauOf, IReadOnlyList<string> ids, PostingIndex index, IReadOnlyList<int> asked, Action<int, IReadOnlyList<SimilarReport>, bool> found, int count = Count)
    {
        using var scratch = new ThreadLocal<Accumulator>(() => new Accumulator(vectors.Count));
        Parallel.ForEach(asked, r =>
        {
            bool Eligible(int other) => other != r && bureauOf[other] != bureauOf[r];
            var met = scratch.Value!.Meet(vectors[r], vectors[r].Query, index, Eligible, count * Rescored, ids);
            var all = met.Count < count * Rescored && vectors[r].Query.Length < vectors[r].Ids.Length;
            if (all)
            {
                // Its strongest words lead only to its own bureau's reports (or to none): ask with all its words.
                met = scratch.Value!.Meet(vectors[r], [.. Enumerable.Range(0, vectors[r].Ids.Length)], index, Eligible, count * Rescored, ids);
            }

            found(r, [.. met.Select(other => new SimilarReport(other, vectors[r].Cosine(vectors[other])))
                .OrderByDescending(s => s.Similarity).ThenBy(s => ids[s.Index], StringComparer.Ordinal).Take(count)], all);
        });
    }

    /// <summary>A report's strongest words with their weights, normalized to length 1, sorted by word id.</summary>
    internal sealed class TermVector
    {
        private TermVector(int[] ids, float[] weights, int[] query)
        {
            (Ids, Weights, Query) = (ids, weights, query);
        }

        public int[] Ids { get; }

        public float[] Weights { get; }

        /// <summary>Positions in <see cref="Ids"/> of the report's strongest words, strongest first.</summary>
        public int[] Query { get; }

        public static TermVector Of(ReportTerms terms, TermStatistics archive)
        {
            // The strongest by insertion into a short sorted list (a report has hundreds of words, a vector 32).
            var strongest = new List<(int Id, double Weight)>(VectorTerms + 1);
            foreach (var (id, uses) in terms.Entries)
            {
                var entry = (id, archive.Weight(id, uses));
                if (entry.Item2 <= 0 || archive.DocumentFrequency(id) < 2)
                {
                    continue;
                }

                if (strongest.Count == VectorTerms && entry.Item2 <= strongest[^1].Weight)
                {
                    continue;
                }

                var at = strongest.Count;
                while (at > 0 && entry.Item2 > strongest[at - 1].Weight)
                {
                    at--;
                }

                strongest.Insert(at, entry);
                if (strongest.Count > VectorTerms)
                {
                    strongest.RemoveAt(VectorTerms);
                }
            }

            double norm = 0;
            foreach (var (_, weight) in strongest)
            {
                norm += weight * weight;
            }

            norm = Math.Sqrt(norm);
            var byId = new int[strongest.Count];
            var rankOf = new int[strongest.Count];
            for (var rank = 0; rank < byId.Length; rank++)
            {
                (byId[rank], rankOf[rank]) = (strongest[rank].Id, rank);
            }

            Array.Sort(byId, rankOf);
            var weights = new float[byId.Length];
            var query = new int[Math.Min(QueryTerms, byId.Length)];
            for (var at = 0; at < byId.Length; at++)
            {
                weights[at] = (float)(strongest[rankOf[at]].Weight / norm);
                if (rankOf[at] < query.Length)
                {
                    query[rankOf[at]] = at;
                }
            }

            return new TermVector(byId, weights, query);
        }

        /// <summary>The vector of <see cref="Ids"/>, <see cref="Weights"/> and <see cref="Query"/> as another vector had them (kept by a build cache).</summary>
        public static TermVector Of(int[] ids, float[] weights, int[] query) => new(ids, weights, query);

        public bool SameAs(TermVector other) =>
            Ids.AsSpan().SequenceEqual(other.Ids) && Weights.AsSpan().SequenceEqual(other.Weights) && Query.AsSpan().SequenceEqual(other.Query);

        public double Cosine(TermVector other)
        {
            double sum = 0;
            for (int i = 0, j = 0; i < Ids.Length && j < other.Ids.Length;)
            {
                if (Ids[i] == other.Ids[j])
                {
                    sum += (double)Weights[i++] * other.Weights[j++];
                }
                else if (Ids[i] < other.Ids[j])
                {
                    i++;
                }
                else
                {
                    j++;
                }
            }

            return sum;
        }
    }

    /// <summary>For each word, the reports whose vectors hold it, by weight (then place), cut at <see cref="PostingsKept"/>.</summary>
    internal sealed class PostingIndex
    {
        /// <summary>The order of a word's postings: heavier first, then by place.</summary>
        public static readonly Comparer<(float Weight, int Report)> Order =
            Comparer<(float Weight, int Report)>.Create((a, b) => a.Weight != b.Weight ? b.Weight.CompareTo(a.Weight) : a.Report.CompareTo(b.Report));

        private readonly int[] _start;
        private readonly int[] _kept;
        private readonly int[] _reports;
        private readonly float[] _weights;

        /// <param name="wanted">The words whose postings are wanted (by id), all when null: a rebuild that searches for a
        /// few reports needs the postings of their words alone, and sorts those alone.</param>
        public PostingIndex(IReadOnlyList<TermVector> vectors, bool[]? wanted = null)
        {
            var words = WordTrie.Shared.Words.Count;
            _start = new int[words + 1];
            foreach (var vector in vectors)
            {
                foreach (var id in vector.Ids)
                {
                    if (wanted is null || wanted[id])
                    {
                        _start[id + 1]++;
                    }
                }
            }

            for (var id = 0; id < words; id++)
            {
                _start[id + 1] += _start[id];
            }

            var postings = new (float Weight, int Report)[_start[words]];
            var next = (int[])_start.Clone();
            for (var r = 0; r < vectors.Count; r++)
            {
                for (var i = 0; i < vectors[r].Ids.Length; i++)
                {
                    if (wanted is null || wanted[vectors[r].Ids[i]])
                    {
                        postings[next[vectors[r].Ids[i]]++] = (vectors[r].Weights[i], r);
                    }
                }
            }

            _kept = new int[words];
            Parallel.For(0, words, id =>
            {
                var length = _start[id + 1] - _start[id];
                if (length > 1)
                {
                    Array.Sort(postings, _start[id], length, Order);
                }

                _kept[id] = Math.Min(length, PostingsKept);
            });
            (_reports, _weights) = ([.. postings.Select(p => p.Report)], [.. postings.Select(p => p.Weight)]);
        }

        public ReadOnlySpan<int> Reports(int id) => _reports.AsSpan(_start[id], _kept[id]);

        /// <summary>Every report whose vector holds word <paramref name="id"/>, kept or not, in posting order.</summary>
        public ReadOnlySpan<int> AllReports(int id) => _reports.AsSpan(_start[id], _start[id + 1] - _start[id]);

        public ReadOnlySpan<float> AllWeights(int id) => _weights.AsSpan(_start[id], _start[id + 1] - _start[id]);

        public ReadOnlySpan<float> Weights(int id) => _weights.AsSpan(_start[id], _kept[id]);
    }

    /// <summary>One thread's running dot products with every report, cleared after each use.</summary>
    private sealed class Accumulator(int reports)
    {
        private readonly float[] _sums = new float[reports];
        private readonly List<int> _touched = [];

        public List<int> Meet(TermVector vector, int[] query, PostingIndex index, Func<int, bool> eligible, int limit, IReadOnlyList<string> ids)
        {
            foreach (var at in query)
            {
                var weight = vector.Weights[at];
                var others = index.Reports(vector.Ids[at]);
                var weights = index.Weights(vector.Ids[at]);
                for (var p = 0; p < others.Length; p++)
                {
                    if (_sums[others[p]] == 0)
                    {
                        _touched.Add(others[p]);
                    }

                    _sums[others[p]] += weight * weights[p];
                }
            }

            var best = new List<(int Report, float Sum)>(limit + 1);
            foreach (var other in _touched)
            {
                var sum = _sums[other];
                _sums[other] = 0;
                if (!eligible(other) || (best.Count == limit && !Before((other, sum), best[^1], ids)))
                {
                    continue;
                }

                var place = best.Count;
                while (place > 0 && Before((other, sum), best[place - 1], ids))
                {
                    place--;
                }

                best.Insert(place, (other, sum));
                if (best.Count > limit)
                {
                    best.RemoveAt(limit);
                }
            }

            _touched.Clear();
            return [.. best.Select(b => b.Report)];
        }

        private static bool Before((int Report, float Sum) a, (int Report, float Sum) b, IReadOnlyList<string> ids) =>
            a.Sum != b.Sum ? a.Sum > b.Sum : string.CompareOrdinal(ids[a.Report], ids[b.Report]) < 0;
    }
}
