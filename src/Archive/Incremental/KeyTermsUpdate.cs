using System.Collections.Concurrent;
using Archive.Core;
using Archive.Corpus;
using Archive.Reading.KeyTerms;

namespace Archive.Incremental;

/// <summary>
/// One build's key terms and similar reports, made from the last build's (<see cref="KeyTermsState"/>) by redoing only
/// what the changes can move, and equal to what a build without it makes (that is its definition: without a last
/// state every report counts as changed). A report's candidates depend only on its counts and on the weights of its
/// words, which depend only on N's octave and their df's octave (<see cref="TermStatistics"/>): they are recomputed
/// for the reports that changed and for those using a word whose df crossed a power of two. A report's similar
/// reports depend only on its vector, the kept postings of the words its search used, and the vectors and bureaus of
/// the reports in those postings (<see cref="SimilarReports.Search"/>): they are searched again for the reports
/// whose vector or bureau changed and for those whose search used a word whose kept postings changed or hold such a
/// report. When N changes octave, or the reports of a word past <see cref="KeyTermsState.RareLimit"/> are needed, every
/// report's counts are read (both rare for an edit: the second needs a word in more than 255 reports whose df lands
/// on a power of two; a new report, with hundreds of words, meets it more often).
/// </summary>
internal sealed partial class KeyTermsUpdate
{
    private readonly Report[] _reports;
    private readonly string[] _ids;
    private readonly KeyTermsState? _last;
    private readonly ReportTermsStore _store;
    private readonly int[] _oldOf;
    private readonly int[] _newOf;
    private readonly ReportTerms?[] _terms;
    private readonly bool[] _textChanged;
    // The counts last build had of the reports that changed or left, by their place then.
    private readonly Dictionary<int, ReportTerms> _before = [];
    private int _analysed;
    private int _confirmed;

    public KeyTermsUpdate(IEnumerable<Report> reports, KeyTermsState? last, ReportTermsStore store)
    {
        _reports = [.. reports.OrderBy(r => r.Id, StringComparer.Ordinal)];
        _ids = [.. _reports.Select(r => r.Id)];
        (_last, _store) = (last, store);
        _terms = new ReportTerms?[_reports.Length];
        _oldOf = new int[_reports.Length];
        _newOf = new int[last?.Reports.Length ?? 0];
        Array.Fill(_oldOf, -1);
        Array.Fill(_newOf, -1);
        // Both lists are in ordinal order of ids: one merge pairs them.
        for (int r = 0, o = 0; last is not null && r < _ids.Length && o < last.Reports.Length;)
        {
            var order = string.CompareOrdinal(_ids[r], last.Reports[o].Id);
            if (order == 0)
            {
                (_oldOf[r], _newOf[o]) = (o, r);
            }

            (r, o) = (order <= 0 ? r + 1 : r, order >= 0 ? o + 1 : o);
        }

        _textChanged = [.. _reports.Select((report, r) => _oldOf[r] < 0 || report.SourceHash.Length == 0 || last!.Reports[_oldOf[r]].SourceHash != report.SourceHash)];
    }

    /// <summary>Whether every report was looked at again, as in a build without a last state.</summary>
    public bool Full { get; private set; }

    /// <summary>What the update did: texts segmented, reports whose terms were recomputed, texts confirmed on, similar searches.</summary>
    public string Summary { get; private set; } = "";

    public KeyTermsState Run(StageClock clock)
    {
        clock.Time("key terms › counts", () => Parallel.For(0, _reports.Length, r => _terms[r] = _textChanged[r] ? TermsOf(r) : null));
        var frequency = clock.Time("key terms › frequencies", Frequencies);
        var archive = TermStatistics.Of(_reports.Length, frequency);
        var (affected, rare) = clock.Time("key terms › affected", () => Affected(frequency));
        var (reports, bureaus) = clock.Time("key terms › terms", () => Terms(archive, affected));
        var searched = clock.Time("key terms › similar", () => Similar(reports, affected, clock));
        clock.Time($"key terms › {_analysed} texts segmented, {affected.Count(a => a)} reports' terms recomputed, {_confirmed} confirmed, {searched} similar searches", () => { });
        Summary = $"{_analysed} texts segmented, {affected.Count(a => a)} reports' terms recomputed, {_confirmed} confirmed on their texts, {searched} similar searches";
        return new KeyTermsState(_reports.Length, frequency, reports, bureaus, rare);
    }

    private ReportTerms TermsOf(int r)
    {
        var hash = _reports[r].SourceHash;
        if (_store.Find(hash) is { } kept)
        {
            return kept;
        }

        Interlocked.Increment(ref _analysed);
        var terms = ReportTerms.Of(TextOf(_reports[r]));
        _store.Add(hash, terms);
        return terms;
    }

    // The text the counts are made from and the terms confirmed on: the body's headings and paragraphs, a line each.
    private static string TextOf(Report report) => report.ReadBody().PlainText;

    private void ReadAll() => Parallel.For(0, _reports.Length, r => _terms[r] ??= TermsOf(r));

    // Last build's df, less the counts of the texts that changed or left, plus those of the texts that changed or came.
    private int[] Frequencies()
    {
        var frequency = _last is null ? null : (int[])_last.Frequency.Clone();
        for (var o = 0; frequency is not null && o < _newOf.Length; o++)
        {
            if (_newOf[o] < 0 || _textChanged[_newOf[o]])
            {
                if (_store.Find(_last!.Reports[o].SourceHash) is not { } before)
                {
                    frequency = null;
                    break;
                }

                _before[o] = before;
                foreach (var (id, _) in before.Entries)
                {
                    frequency[id]--;
                }
            }
        }

        Full = frequency is null || TermStatistics.OctaveOf(_reports.Length) != TermStatistics.OctaveOf(_last!.ReportCount);
        if (Full)
        {
            ReadAll();
            frequency = new int[WordTrie.Shared.Words.Count];
        }

        for (var r = 0; r < _reports.Length; r++)
        {
            if (Full || _textChanged[r])
            {
                foreach (var (id, _) in _terms[r]!.Entries)
                {
                    frequency![id]++;
                }
            }
        }

        return frequency!;
    }

    // Each bureau on its own, its reports' texts read at most once for the terms of both its reports and its page.
    private (ReportState[] Reports, Dictionary<string, BureauState> Bureaus) Terms(TermStatistics archive, bool[] affected)
    {
        // The bureaus a report of which changed, came, left or moved: the others keep all they had.
        var dirty = new HashSet<string>(StringComparer.Ordinal);
        var states = new ReportState[_reports.Length];
        for (var r = 0; r < _reports.Length; r++)
        {
            var old = _oldOf[r] < 0 ? null : _last!.Reports[_oldOf[r]];
            if (Full || affected[r] || old is null || old.Bureau != _reports[r].BureauId)
            {
                dirty.Add(_reports[r].BureauId);
                dirty.Add(old?.Bureau ?? "");
            }

            states[r] = old!;
        }

        for (var o = 0; o < _newOf.Length; o++)
        {
            if (_newOf[o] < 0)
            {
                dirty.Add(_last!.Reports[o].Bureau);
            }
        }

        var bureaus = new ConcurrentDictionary<string, BureauState>(_last?.Bureaus.Where(b => !dirty.Contains(b.Key)) ?? [], StringComparer.Ordinal);
        var groups = Enumerable.Range(0, _reports.Length).Where(r => dirty.Contains(_reports[r].BureauId)).GroupBy(r => _reports[r].BureauId, StringComparer.Ordinal).ToList();
        Parallel.ForEach(groups, group =>
        {
            var members = group.ToList();
            var texts = new Dictionary<int, string>();
            string Text(int r) => texts.TryGetValue(r, out var text) ? text : texts[r] = TextOf(_reports[r]);
            foreach (var r in members)
            {
                var old = _oldOf[r] < 0 ? null : _last!.Reports[_oldOf[r]];
                if (!affected[r])
                {
                    states[r] = old! with { Bureau = group.Key };
                    continue;
                }

                var terms = _terms[r] ??= TermsOf(r);
                var candidates = DistinctiveTerms.CandidatesOf(terms, archive);
                var digest = DigestOf("key term candidates of a report", candidates, []);
                var confirmed = old is not null && !_textChanged[r] && old.Candidates == digest ? old.Terms : Confirm(DistinctiveTerms.Confirmed(candidates, Text(r)));
                states[r] = new ReportState(_ids[r], group.Key, _reports[r].SourceHash, digest, confirmed, SimilarReports.TermVector.Of(terms, archive), old?.SearchedAll ?? false, old?.Similar ?? []);
            }

            // Confirmed again only when its candidates or its reports' files changed.
            var last = _last?.Bureaus.GetValueOrDefault(group.Key);
            var all = members.Select(r => _terms[r] ??= TermsOf(r)).ToList();
            var hashes = members.Select(r => _reports[r].SourceHash).ToList();
            var key = hashes.Any(h => h.Length == 0) ? default : DigestOf("key term candidates of a bureau", DistinctiveTerms.CandidatesOfBureau(all, archive), hashes);
            bureaus[group.Key] = last is not null && !key.IsNone && last.Key == key
                ? last
                : new BureauState(key, Confirm(DistinctiveTerms.OfBureau(all, archive, i => Text(members[i]))));
        });

        return (states, new Dictionary<string, BureauState>(bureaus, StringComparer.Ordinal));
    }

    private (int Word, int Count)[] Confirm(IReadOnlyList<KeyTerm> terms)
    {
        Interlocked.Increment(ref _confirmed);
        return [.. terms.Select(t => (WordTrie.Shared.IdOf(t.Word), t.Count))];
    }

    private static ContentHash DigestOf(string kind, IReadOnlyList<KeyTerm> candidates, IReadOnlyList<string> hashes)
    {
        using var digest = new DigestBuilder(kind);
        foreach (var term in candidates)
        {
            digest.Add(term.Word).Add(term.Count);
        }

        foreach (var hash in hashes)
        {
            digest.Add(hash);
        }

        return digest.Finish();
    }

    // Searches again for the reports whose lists may change (all of them without a last state); the others' lists
    // are last build's, their places renumbered. The postings are made for the words that decide which those are,
    // then for the words of those reports: not for every word. Returns how many were searched.
    private int Similar(ReportState[] states, bool[] affected, StageClock clock)
    {
        var vectors = states.Select(s => s.Vector).ToArray();
        var moved = new bool[states.Length];
        for (var r = 0; r < states.Length; r++)
        {
            var old = _oldOf[r] < 0 ? null : _last!.Reports[_oldOf[r]];
            moved[r] = old is null || old.Bureau != states[r].Bureau || (affected[r] && !old.Vector.SameAs(states[r].Vector));
        }

        var asked = Full ? [.. states.Select(_ => true)] : (bool[])moved.Clone();
        if (!Full)
        {
            var change = new SimilarityChange(_last!, _oldOf, _newOf, moved, vectors);
            var changed = clock.Time("key terms › similar › postings changed", change.Words);
            var wanted = new bool[WordTrie.Shared.Words.Count];
            foreach (var word in changed)
            {
                wanted[word] = true;
            }

            for (var r = 0; r < states.Length && changed.Count > 0; r++)
            {
                // A search that used all its words, or one of its strongest words whose postings changed (plain loops:
                // this runs over every report).
                var (ids, query) = (vectors[r].Ids, vectors[r].Query);
                for (var at = 0; at < ids.Length && !asked[r]; at++)
                {
                    asked[r] = wanted[ids[at]] && (states[r].SearchedAll || Array.IndexOf(query, at) >= 0);
                }
            }

            var identity = _newOf.Length == states.Length;
            for (var o = 0; o < _newOf.Length && identity; o++)
            {
                identity = _newOf[o] == o;
            }

            for (var r = 0; r < states.Length && !identity; r++)
            {
                if (!asked[r])
                {
                    var renumbered = states[r].Similar.Select(s => (Other: _newOf[s.Other], s.Similarity)).ToArray();
                    // A list naming a report that left would have been asked again: this is a guard, not a path.
                    asked[r] = renumbered.Any(s => s.Other < 0);
                    states[r] = states[r] with { Similar = renumbered };
                }
            }
        }

        var places = Enumerable.Range(0, states.Length).Where(r => asked[r]).ToList();
        var words = Full ? null : new bool[WordTrie.Shared.Words.Count];
        foreach (var r in Full ? [] : places)
        {
            foreach (var id in vectors[r].Ids)
            {
                words![id] = true;
            }
        }

        var bureaus = states.Select(s => s.Bureau).Distinct(StringComparer.Ordinal).Select((b, i) => (b, i)).ToDictionary(e => e.b, e => e.i, StringComparer.Ordinal);
        var bureauOf = states.Select(s => bureaus[s.Bureau]).ToArray();
        var index = clock.Time("key terms › similar › postings", () => new SimilarReports.PostingIndex(vectors, words));
        clock.Time($"key terms › similar › search", () => SimilarReports.Search(vectors, bureauOf, _ids, index, places, (r, similar, all) =>
            states[r] = states[r] with { Similar = [.. similar.Select(s => (s.Index, s.Similarity))], SearchedAll = all }));
        return places.Count;
    }
}
