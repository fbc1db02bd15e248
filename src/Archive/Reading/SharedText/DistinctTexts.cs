namespace Archive.Reading.SharedText;

/// <summary>
/// The distinct normalized paragraph texts of a set of printed reports (by their hashes), each with every place it
/// stands: exact copies are one text. Places are kept as (report, index into its prints), grouped by text.
/// </summary>
internal sealed class DistinctTexts
{
    private readonly int[] _start;
    private readonly int[] _reports;
    private readonly int[] _indexes;
    private readonly int[] _soleBureau;

    private DistinctTexts(ulong[] hashes, int[] start, int[] reports, int[] indexes, int[] soleBureau)
    {
        Hashes = hashes;
        _start = start;
        _reports = reports;
        _indexes = indexes;
        _soleBureau = soleBureau;
    }

    /// <summary>The texts' hashes, ascending: a text's number is its place here.</summary>
    public ulong[] Hashes { get; }

    public int Count => Hashes.Length;

    public static DistinctTexts Of(IReadOnlyList<PrintedReport> reports)
    {
        var total = reports.Sum(r => r.Prints.Count);
        var hashes = new ulong[total];
        var reportOf = new int[total];
        var indexOf = new int[total];
        var at = 0;
        for (var r = 0; r < reports.Count; r++)
        {
            for (var i = 0; i < reports[r].Prints.Count; i++, at++)
            {
                (hashes[at], reportOf[at], indexOf[at]) = (reports[r].Prints.Hashes[i], r, i);
            }
        }

        // Sorted by hash, then by place (the order they were added in): each text's places are a run, in report order.
        var order = Enumerable.Range(0, total).ToArray();
        var sorted = (ulong[])hashes.Clone();
        Array.Sort(sorted, order);
        for (var run = 0; run < total;)
        {
            var end = run + 1;
            while (end < total && sorted[end] == sorted[run])
            {
                end++;
            }

            Array.Sort(order, run, end - run);
            run = end;
        }

        var bureauIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var bureauOf = reports.Select(r => bureauIds.TryGetValue(r.BureauId, out var id) ? id : bureauIds[r.BureauId] = bureauIds.Count).ToArray();

        var distinct = new List<ulong>();
        var start = new List<int>();
        var sole = new List<int>();
        for (var k = 0; k < total; k++)
        {
            var place = order[k];
            if (k == 0 || hashes[place] != distinct[^1])
            {
                distinct.Add(hashes[place]);
                start.Add(k);
                sole.Add(bureauOf[reportOf[place]]);
            }
            else if (sole[^1] != bureauOf[reportOf[place]])
            {
                sole[^1] = -1;
            }
        }

        start.Add(total);
        return new DistinctTexts(
            [.. distinct], [.. start], [.. order.Select(p => reportOf[p])], [.. order.Select(p => indexOf[p])], [.. sole]);
    }

    /// <summary>A text's place in this list, by its hash (the list is in order of hash); −1 when it is not here.</summary>
    public int IndexOf(ulong hash) => Array.BinarySearch(Hashes, hash) is var at and >= 0 ? at : -1;

    /// <summary>Where text <paramref name="text"/> first stands: report and paragraph number.</summary>
    public ParagraphPlace First(int text, IReadOnlyList<PrintedReport> reports) => PlaceAt(_start[text], reports);

    /// <summary>The report in which text <paramref name="text"/> first stands.</summary>
    public int FirstReport(int text) => _reports[_start[text]];

    /// <summary>Its index into that report's prints.</summary>
    public int FirstIndex(int text) => _indexes[_start[text]];

    /// <summary>Every place text <paramref name="text"/> stands, as (report, index into its prints).</summary>
    public IEnumerable<(int Report, int Index)> Places(int text)
    {
        for (var k = _start[text]; k < _start[text + 1]; k++)
        {
            yield return (_reports[k], _indexes[k]);
        }
    }

    /// <summary>True when the text stands in reports of two bureaus or more: copies of each other already.</summary>
    public bool InSeveralBureaus(int text) => _soleBureau[text] < 0;

    private ParagraphPlace PlaceAt(int k, IReadOnlyList<PrintedReport> reports) =>
        new(_reports[k], reports[_reports[k]].Prints.Numbers[_indexes[k]]);
}
