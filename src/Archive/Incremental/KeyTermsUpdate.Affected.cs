using Archive.Reading.KeyTerms;

namespace Archive.Incremental;

/// <summary>Which reports' terms a build's changes can move, found from the lists of the reports that use each rare word.</summary>
internal sealed partial class KeyTermsUpdate
{
    // The reports whose terms may change, and which reports use each rare word.
    private (bool[] Affected, Dictionary<int, List<int>> Rare) Affected(int[] frequency)
    {
        var affected = Full ? [.. _reports.Select(_ => true)] : (bool[])_textChanged.Clone();
        if (Full)
        {
            return (affected, RareOf(frequency, null, affected));
        }

        var moved = new bool[frequency.Length];
        var scan = false;
        for (var id = 0; id < frequency.Length; id++)
        {
            var before = _last!.Frequency[id];
            if (!TermStatistics.SameWeight(before, frequency[id]))
            {
                moved[id] = true;
                scan |= Math.Max(before, frequency[id]) > KeyTermsState.RareLimit;
            }
        }

        if (scan)
        {
            ReadAll();
            return (affected, RareOf(frequency, moved, affected));
        }

        // Last build's lists without the reports that changed or left, then with the changed reports' words. When no
        // report came or left, places are as they were: only the lists of the changed reports' words are touched.
        var rare = _newOf.Length == _reports.Length && _newOf.Select((r, o) => r == o).All(same => same) ? WithoutChanged(_last!.Rare) : Renumbered(_last!.Rare);

        for (var r = 0; r < _reports.Length; r++)
        {
            if (!_textChanged[r])
            {
                continue;
            }

            foreach (var (id, _) in _terms[r]!.Entries)
            {
                if (frequency[id] <= KeyTermsState.RareLimit)
                {
                    var places = rare.TryGetValue(id, out var list) ? list : rare[id] = [];
                    places.Insert(~places.BinarySearch(r), r);
                }
            }
        }

        for (var id = 0; id < moved.Length; id++)
        {
            foreach (var r in moved[id] && rare.TryGetValue(id, out var places) ? places : [])
            {
                affected[r] = true;
            }
        }

        return (affected, rare);
    }

    private Dictionary<int, List<int>> WithoutChanged(Dictionary<int, List<int>> rare)
    {
        foreach (var (place, before) in _before)
        {
            foreach (var (id, _) in before.Entries)
            {
                if (rare.TryGetValue(id, out var places) && places.BinarySearch(place) is var at and >= 0)
                {
                    places.RemoveAt(at);
                }
            }
        }

        return rare;
    }

    private Dictionary<int, List<int>> Renumbered(Dictionary<int, List<int>> last)
    {
        var rare = new Dictionary<int, List<int>>(last.Count);
        foreach (var (word, places) in last)
        {
            var kept = places.Select(o => _newOf[o]).Where(r => r >= 0 && !_textChanged[r]).ToList();
            if (kept.Count > 0)
            {
                rare[word] = kept;
            }
        }

        return rare;
    }

    // The lists from every report's counts, marking as affected the reports that use a word whose weight moved. One
    // list per rare word, sized by its df and filled in report order: no look-up for each of the 40 M words used.
    private Dictionary<int, List<int>> RareOf(int[] frequency, bool[]? moved, bool[] affected)
    {
        var lists = new List<int>?[frequency.Length];
        for (var id = 0; id < frequency.Length; id++)
        {
            lists[id] = frequency[id] is > 0 and <= KeyTermsState.RareLimit ? new List<int>(frequency[id]) : null;
        }

        for (var r = 0; r < _reports.Length; r++)
        {
            foreach (var (id, _) in _terms[r]!.Entries)
            {
                affected[r] |= moved is not null && moved[id];
                lists[id]?.Add(r);
            }
        }

        var rare = new Dictionary<int, List<int>>();
        for (var id = 0; id < lists.Length; id++)
        {
            if (lists[id] is { } places)
            {
                rare[id] = places;
            }
        }

        return rare;
    }
}
