namespace Archive.Reading.KeyTerms;

/// <summary>A key term: a word, how often its report (or bureau) uses it, and its TF-IDF weight.</summary>
public sealed record KeyTerm(string Word, int Count, double Weight);

/// <summary>
/// The most distinctive words of a report and of a bureau, against the whole archive (<see cref="TermStatistics"/>).
/// Candidates come from the counts alone, strongest first: words used at least twice before words used once (a word
/// used once is rarely what a report is about), then by weight, then by ordinal. Each candidate is then confirmed on
/// the text: SmartCn's model (<see cref="SmartCnSegmenter"/>) must make it one token at one of its first
/// <see cref="Tries"/> occurrences, so a word that SmartCn splits there (新世纪 as 新|世纪), or that stands only inside
/// a longer word (民工 in 农民工), is passed over. Confirming reads a few sentences of the text, not all of it, and
/// looks at no more than <see cref="CandidateFactor"/> times as many candidates as terms asked for: the terms shown
/// are a function of the text and those candidates, which a page cache can key on without reading the text.
/// </summary>
public static class DistinctiveTerms
{
    public const int ReportCount = 10;
    public const int BureauCount = 20;
    public const int CandidateFactor = 4;
    public const int Tries = 3;

    // Per word id, one thread's running sums for a bureau, then its marks of candidates; all zero between uses.
    [ThreadStatic]
    private static int[]? _sums;

    /// <summary>The candidates for a report's <paramref name="count"/> key terms, strongest first (no text needed).</summary>
    public static IReadOnlyList<KeyTerm> CandidatesOf(ReportTerms report, TermStatistics archive, int count = ReportCount)
    {
        var strongest = new Strongest(count * CandidateFactor);
        foreach (var (id, uses) in report.Entries)
        {
            if (archive.Weight(id, uses) is var weight and > 0)
            {
                strongest.Offer(id, uses, weight);
            }
        }

        return strongest.Terms();
    }

    /// <summary>
    /// A report's key terms: its candidates that SmartCn confirms in <paramref name="text"/>, the text its
    /// <see cref="ReportTerms"/> were made from.
    /// </summary>
    public static IReadOnlyList<KeyTerm> OfReport(ReportTerms report, TermStatistics archive, string text, int count = ReportCount) =>
        Confirmed(CandidatesOf(report, archive, count), text, count);

    /// <summary>
    /// The first <paramref name="count"/> of <paramref name="candidates"/> (from <see cref="CandidatesOf"/>) that
    /// SmartCn confirms in <paramref name="text"/>: for a page cache that has digested the candidates already.
    /// </summary>
    public static IReadOnlyList<KeyTerm> Confirmed(IReadOnlyList<KeyTerm> candidates, string text, int count = ReportCount) =>
        [.. candidates.Where(term => IsWordIn(text, term.Word)).Take(count)];

    /// <summary>
    /// The candidates for a bureau's key terms, from its reports' counts taken as one text: a word's count is the
    /// bureau's total and its weight (1 + ln count) · idf, idf over reports as for a report. (A sum of the reports'
    /// weights instead let words common to most of a bureau's reports, but short of half the archive's, crowd out what
    /// is the bureau's own wherever one bureau holds many reports.)
    /// </summary>
    public static IReadOnlyList<KeyTerm> CandidatesOfBureau(IReadOnlyList<ReportTerms> reports, TermStatistics archive, int count = BureauCount)
    {
        // Dense per-thread sums, not a dictionary: a bureau of ten reports offers thousands of words.
        var words = WordTrie.Shared.Words.Count;
        var (sums, seen) = (_sums ??= new int[words], new List<int>());
        foreach (var report in reports)
        {
            foreach (var (id, uses) in report.Entries)
            {
                if (archive.Weight(id, uses) > 0)
                {
                    if (sums[id] == 0)
                    {
                        seen.Add(id);
                    }

                    sums[id] += uses;
                }
            }
        }

        var strongest = new Strongest(count * CandidateFactor);
        foreach (var id in seen)
        {
            strongest.Offer(id, sums[id], archive.Weight(id, sums[id]));
            sums[id] = 0;
        }

        return strongest.Terms();
    }

    /// <summary>
    /// A bureau's key terms: its candidates that SmartCn confirms in the text of one of its reports that uses them.
    /// <paramref name="textOf"/> gives the text of <paramref name="reports"/>[i]; it is asked at most once per report,
    /// and only for reports that use a candidate not yet confirmed.
    /// </summary>
    public static IReadOnlyList<KeyTerm> OfBureau(IReadOnlyList<ReportTerms> reports, TermStatistics archive, Func<int, string> textOf, int count = BureauCount)
    {
        var candidates = CandidatesOfBureau(reports, archive, count);
        // Which reports use each candidate, in one pass over the reports' words (candidates marked in the dense
        // per-thread array, by their place + 1).
        var marks = _sums ??= new int[WordTrie.Shared.Words.Count];
        var users = new List<int>[candidates.Count];
        for (var c = 0; c < candidates.Count; c++)
        {
            (marks[WordTrie.Shared.IdOf(candidates[c].Word)], users[c]) = (c + 1, []);
        }

        for (var r = 0; r < reports.Count; r++)
        {
            foreach (var (id, _) in reports[r].Entries)
            {
                if (marks[id] > 0)
                {
                    users[marks[id] - 1].Add(r);
                }
            }
        }

        foreach (var term in candidates)
        {
            marks[WordTrie.Shared.IdOf(term.Word)] = 0;
        }

        var texts = new string?[reports.Count];
        var confirmed = new List<KeyTerm>();
        for (var c = 0; c < candidates.Count; c++)
        {
            if (users[c].Any(r => IsWordIn(texts[r] ??= textOf(r), candidates[c].Word)))
            {
                confirmed.Add(candidates[c]);
            }

            if (confirmed.Count == count)
            {
                break;
            }
        }

        return confirmed;
    }

    /// <summary>Whether SmartCn makes <paramref name="word"/> one token at one of its first <see cref="Tries"/> occurrences in <paramref name="text"/>.</summary>
    public static bool IsWordIn(string text, string word)
    {
        var segmenter = SmartCnSegmenter.Current;
        var at = -1;
        for (var tries = 0; tries < Tries && (at = text.IndexOf(word, at + 1, StringComparison.Ordinal)) >= 0; tries++)
        {
            if (segmenter.IsWordAt(text, at, word.Length))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The first candidates in the order of the class summary, kept in a heap whose top is the weakest kept: a report
    /// has hundreds of words and a page wants tens, and most words are turned away by one comparison with the top.
    /// </summary>
    private sealed class Strongest(int limit)
    {
        private readonly (int Id, int Count, double Weight)[] _heap = new (int, int, double)[limit];
        private int _size;

        public void Offer(int id, int count, double weight)
        {
            var candidate = (id, count, weight);
            if (_size < limit)
            {
                _heap[_size] = candidate;
                Up(_size++);
            }
            else if (limit > 0 && Before(candidate, _heap[0]))
            {
                _heap[0] = candidate;
                Down(0);
            }
        }

        public List<KeyTerm> Terms()
        {
            var kept = _heap[.._size];
            Array.Sort(kept, (a, b) => Before(a, b) ? -1 : Before(b, a) ? 1 : 0);
            var words = WordTrie.Shared.Words;
            return [.. kept.Select(r => new KeyTerm(words[r.Id], r.Count, r.Weight))];
        }

        // Ids follow the words' ordinal order, so comparing ids compares the words.
        private static bool Before((int Id, int Count, double Weight) a, (int Id, int Count, double Weight) b)
        {
            if ((a.Count >= 2) != (b.Count >= 2))
            {
                return a.Count >= 2;
            }

            return a.Weight != b.Weight ? a.Weight > b.Weight : a.Id < b.Id;
        }

        private void Up(int at)
        {
            while (at > 0 && Before(_heap[(at - 1) / 2], _heap[at]))
            {
                (_heap[at], _heap[(at - 1) / 2]) = (_heap[(at - 1) / 2], _heap[at]);
                at = (at - 1) / 2;
            }
        }

        private void Down(int at)
        {
            while (true)
            {
                var weakest = at;
                foreach (var child in (ReadOnlySpan<int>)[(2 * at) + 1, (2 * at) + 2])
                {
                    if (child < _size && Before(_heap[weakest], _heap[child]))
                    {
                        weakest = child;
                    }
                }

                if (weakest == at)
                {
                    return;
                }

                (_heap[at], _heap[weakest]) = (_heap[weakest], _heap[at]);
                at = weakest;
            }
        }
    }
}
