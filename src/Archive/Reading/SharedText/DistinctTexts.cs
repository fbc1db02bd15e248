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

    private DistinctTexts(ulong[] hashes, int[] start, int[] reports, int[] indexes, int[] soleBureau, int[] bureauOf)
    {
        Hashes = hashes;
        BureauOf = bureauOf;
        _start = start;
        _reports = reports;
        _indexes = indexes;
        _soleBureau = soleBureau;
    }

    /// <summary>The texts' hashes, ascending: a text's number is its place here.</summary>
    public ulong[] Hashes { get; }

    public int Count => Hashes.Length;

    /// <summary>Each report's bureau, as a number (reports of one bureau share it).</summary>
    public int[] BureauOf { get; }

    public static DistinctTexts Of(IReadOnlyList<PrintedReport> reports)
    {
        // Every paragraph as (hash, place), the place its number in report order, then sorted by hash, then place:
        // each text's places are a run, in report order.
        var total = reports.Sum(r => r.Prints.Count);
        var reportOf = new int[total];
        var indexOf = new int[total];
        for (int r = 0, at = 0; r < reports.Count; r++)
        {
            for (var i = 0; i < reports[r].Prints.Count; i++, at++)
            {
                (reportOf[at], indexOf[at]) = (r, i);
            }
        }

        var (sorted, order) = SortedByHash(reports, total);

        var bureauIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var bureauOf = reports.Select(r => bureauIds.TryGetValue(r.BureauId, out var id) ? id : bureauIds[r.BureauId] = bureauIds.Count).ToArray();

        var count = 0;
        for (var k = 0; k < total; k++)
        {
            count += k == 0 || sorted[k] != sorted[k - 1] ? 1 : 0;
        }

        var distinct = new ulong[count];
        var start = new int[count + 1];
        var sole = new int[count];
        var placeReports = new int[total];
        var placeIndexes = new int[total];
        for (int k = 0, text = -1; k < total; k++)
        {
            var place = order[k];
            (placeReports[k], placeIndexes[k]) = (reportOf[place], indexOf[place]);
            var bureau = bureauOf[reportOf[place]];
            if (k == 0 || sorted[k] != sorted[k - 1])
            {
                text++;
                (distinct[text], start[text], sole[text]) = (sorted[k], k, bureau);
            }
            else if (sole[text] != bureau)
            {
                sole[text] = -1;
            }
        }

        start[count] = total;
        return new DistinctTexts(distinct, start, placeReports, placeIndexes, sole, bureauOf);
    }

    // The paragraphs' hashes sorted, with their places (numbers in report order) beside them, equal hashes by place.
    // Hashes are uniform: split into eight parts by their top bits, the parts sorted side by side on every core.
    private static (ulong[] Sorted, int[] Order) SortedByHash(IReadOnlyList<PrintedReport> reports, int total)
    {
        const int PartBits = 3;
        var parts = 1 << PartBits;
        var sizes = new int[parts + 1];
        foreach (var report in reports)
        {
            foreach (var hash in report.Prints.Hashes)
            {
                sizes[(hash >> (64 - PartBits)) + 1]++;
            }
        }

        for (var part = 0; part < parts; part++)
        {
            sizes[part + 1] += sizes[part];
        }

        var sorted = new ulong[total];
        var order = new int[total];
        var next = sizes[..parts];
        var place = 0;
        foreach (var report in reports)
        {
            foreach (var hash in report.Prints.Hashes)
            {
                var at = next[hash >> (64 - PartBits)]++;
                (sorted[at], order[at]) = (hash, place++);
            }
        }

        Parallel.For(0, parts, part =>
        {
            var (from, length) = (sizes[part], sizes[part + 1] - sizes[part]);
            Array.Sort(sorted, order, from, length);
            for (var run = from; run < from + length;)
            {
                var end = run + 1;
                while (end < from + length && sorted[end] == sorted[run])
                {
                    end++;
                }

                if (end - run > 1)
                {
                    Array.Sort(order, run, end - run);
                }

                run = end;
            }
        });

        return (sorted, order);
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
