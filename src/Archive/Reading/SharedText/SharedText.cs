namespace Archive.Reading.SharedText;

/// <summary>A paragraph of a report that reports of other bureaus share.</summary>
public sealed class SharedParagraph
{
    private readonly IReadOnlyList<ParagraphPlace> _all;
    private readonly int _bureau;
    private readonly int[] _bureauOf;

    // Every place of the text (the copies of a paragraph repeated by many reports share one list): the ones of other
    // bureaus are picked when asked, so that n copies cost n places, not n².
    // bureauOf: each report's bureau (by number), its own bureau's reports are not elsewhere.
    internal SharedParagraph(int number, int length, IReadOnlyList<ParagraphPlace> all, ulong placesHash, int[] bureauOf, int bureau)
    {
        Number = number;
        Length = length;
        _all = all;
        PlacesHash = placesHash;
        _bureauOf = bureauOf;
        _bureau = bureau;
    }

    /// <summary>The paragraph's number (its anchor is pn).</summary>
    public int Number { get; }

    /// <summary>Its normalized length, figures aside.</summary>
    internal int Length { get; }

    /// <summary>
    /// A hash of every place of the paragraph's family (reports by their place in the list given): equal while they
    /// are, so that a page can tell whether what it lists changed without listing it.
    /// </summary>
    public ulong PlacesHash { get; }

    /// <summary>How many places the text has in all, this one and its own bureau's included: a bound on the others.</summary>
    internal int AllPlaces => _all.Count;

    /// <summary>The other bureaus' reports that have it, each once, in order (without making a list: for the overlaps).</summary>
    internal void ForEachOtherReport(Action<int> report)
    {
        var last = -1;
        foreach (var place in _all)
        {
            if (place.Report != last && _bureauOf[place.Report] != _bureau)
            {
                report(last = place.Report);
            }
        }
    }

    /// <summary>Where other bureaus' reports have it (or nearly), by report then paragraph; found again on each call.</summary>
    public IReadOnlyList<ParagraphPlace> Elsewhere() => [.. _all.Where(p => _bureauOf[p.Report] != _bureau)];

    /// <summary>
    /// How many other bureaus' reports have it, and the first <paramref name="first"/> of them, each at the first place
    /// it has the paragraph. One walk over the places by report number, nothing listed: a page lists every shared
    /// paragraph, and a paragraph of n reports is on n pages (listing its places on each was n² work at 50,000 reports).
    /// </summary>
    public int OtherReports(int first = 0, List<ParagraphPlace>? firstOnes = null)
    {
        var count = 0;
        var last = -1;
        foreach (var place in _all)
        {
            if (place.Report != last && _bureauOf[place.Report] != _bureau)
            {
                if (count++ < first)
                {
                    firstOnes?.Add(place);
                }

                last = place.Report;
            }
        }

        return count;
    }
}

/// <summary>
/// Paragraphs that are the same, or nearly (each nearly the same as another of them), in reports of two bureaus or
/// more: every place they stand, by report then paragraph. The key (the smallest hash of their normalized texts)
/// names the family from one build to the next while its texts stay.
/// </summary>
public sealed record SharedFamily(ulong Key, IReadOnlyList<ParagraphPlace> Places);

/// <summary>
/// Two reports of different bureaus one of which has at least half its text in paragraphs the other shares.
/// </summary>
/// <param name="Other">The other report.</param>
/// <param name="ShareOfThis">The share of this report's normalized text in paragraphs the other has too.</param>
/// <param name="ShareOfOther">The same share of the other report's text.</param>
public sealed record TextOverlap(int Other, double ShareOfThis, double ShareOfOther);

/// <summary>What <see cref="SharedParagraphs"/> found, report by report.</summary>
public sealed class SharedText
{
    /// <summary>Half a report's text shared with one other bureau's report flags both.</summary>
    public const double MostlyShared = 0.5;

    /// <summary>
    /// A paragraph in more reports than this is boilerplate, not a copy from one report to another: it does not count
    /// towards a pair's overlap (counting it would pair every report that has it with every other, n² pairs).
    /// </summary>
    public const int Boilerplate = 50;

    private static readonly IReadOnlyList<SharedParagraph> None = [];

    private readonly IReadOnlyList<SharedParagraph>[] _paragraphs;
    private readonly List<TextOverlap>?[] _overlaps;

    internal SharedText(IReadOnlyList<PrintedReport> reports, DistinctTexts texts, List<int[]> families)
    {
        var familyOf = new Dictionary<ulong, ulong>();
        foreach (var family in families)
        {
            var key = family.Min(t => texts.Hashes[t]);
            foreach (var t in family)
            {
                familyOf[texts.Hashes[t]] = key;
            }
        }

        State = new EarlierSearch(texts.Hashes, familyOf);

        // A family's texts, and each text of several bureaus on its own: the groups whose places may be shared text.
        var inFamily = new bool[texts.Count];
        foreach (var t in families.SelectMany(f => f))
        {
            inFamily[t] = true;
        }

        var groups = families.Concat(Enumerable.Range(0, texts.Count).Where(t => !inFamily[t] && texts.InSeveralBureaus(t)).Select(t => new[] { t }));
        var bureauOf = texts.BureauOf;
        var paragraphs = new List<SharedParagraph>?[reports.Count];
        var shared = new List<SharedFamily>();
        var keys = new List<ulong>();
        foreach (var group in groups)
        {
            // Every place of the group's texts as (report, paragraph number), sorted and once each: one list however
            // many reports repeat them.
            keys.Clear();
            foreach (var t in group)
            {
                foreach (var (report, index) in texts.Places(t))
                {
                    keys.Add(((ulong)(uint)report << 32) | (uint)reports[report].Prints.Numbers[index]);
                }
            }

            keys.Sort();
            var all = new List<ParagraphPlace>(keys.Count);
            var bureaus = false;
            for (var k = 0; k < keys.Count; k++)
            {
                if (k == 0 || keys[k] != keys[k - 1])
                {
                    all.Add(new ParagraphPlace((int)(keys[k] >> 32), (int)(uint)keys[k]));
                    bureaus |= bureauOf[all[^1].Report] != bureauOf[all[0].Report];
                }
            }

            // Shared text only when two bureaus have it; then every place has another bureau's beside it.
            if (!bureaus)
            {
                continue;
            }

            shared.Add(new SharedFamily(group.Min(t => texts.Hashes[t]), all));
            var placesHash = 14695981039346656037UL;
            foreach (var key in keys)
            {
                placesHash = ParagraphPrints.Mix(placesHash ^ key);
            }

            foreach (var t in group)
            {
                foreach (var (report, index) in texts.Places(t))
                {
                    var prints = reports[report].Prints;
                    (paragraphs[report] ??= []).Add(new SharedParagraph(prints.Numbers[index], prints.Lengths[index], all, placesHash, bureauOf, bureauOf[report]));
                }
            }
        }

        Families = [.. shared.OrderBy(f => f.Places[0].Report).ThenBy(f => f.Places[0].Paragraph)];
        _paragraphs = new IReadOnlyList<SharedParagraph>[reports.Count];
        for (var r = 0; r < reports.Count; r++)
        {
            paragraphs[r]?.Sort((a, b) => a.Number.CompareTo(b.Number));
            _paragraphs[r] = paragraphs[r] ?? None;
        }

        _overlaps = Overlaps(reports, _paragraphs);
    }

    /// <summary>The families of paragraphs that reports of two bureaus or more share, by their first place.</summary>
    public IReadOnlyList<SharedFamily> Families { get; }

    /// <summary>What the next search can take from this one (kept between builds).</summary>
    public EarlierSearch State { get; }

    /// <summary>The shared paragraphs of report <paramref name="report"/>, by number.</summary>
    public IReadOnlyList<SharedParagraph> Of(int report) => _paragraphs[report];

    /// <summary>The reports of other bureaus with which report <paramref name="report"/> mostly shares its text, either way.</summary>
    public IReadOnlyList<TextOverlap> OverlapsOf(int report) => _overlaps[report] ?? [];

    // For each report, the other reports it shares text with, by how much of each one's text (each paragraph counted
    // once per other report, boilerplate left out); pairs where either share reaches MostlyShared. A report can reach
    // it with one other only if all it shares reaches it: only such reports are paired out (a few among thousands),
    // and their partners' side of each pair found for them.
    private static List<TextOverlap>?[] Overlaps(IReadOnlyList<PrintedReport> reports, IReadOnlyList<SharedParagraph>[] paragraphs)
    {
        bool ReachesHalf(int report, long length) => length >= MostlyShared * reports[report].Prints.TotalLength && length > 0;
        var heavy = new List<int>();
        for (var r = 0; r < reports.Count; r++)
        {
            var length = 0L;
            foreach (var paragraph in paragraphs[r])
            {
                length += paragraph.AllPlaces <= Boilerplate + 1 ? paragraph.Length : 0;
            }

            if (ReachesHalf(r, length))
            {
                heavy.Add(r);
            }
        }

        var sharedWith = new Dictionary<int, Dictionary<int, long>>();
        Dictionary<int, long> SharedWith(int report)
        {
            if (!sharedWith.TryGetValue(report, out var lengths))
            {
                sharedWith[report] = lengths = [];
                foreach (var paragraph in paragraphs[report])
                {
                    if (paragraph.AllPlaces <= Boilerplate + 1)
                    {
                        paragraph.ForEachOtherReport(other => lengths[other] = lengths.GetValueOrDefault(other) + paragraph.Length);
                    }
                }
            }

            return lengths;
        }

        double ShareOf(int report, int other) =>
            reports[report].Prints.TotalLength == 0 ? 0 : (double)SharedWith(report).GetValueOrDefault(other) / reports[report].Prints.TotalLength;

        var pairs = new HashSet<(int, int)>();
        foreach (var r in heavy)
        {
            foreach (var other in SharedWith(r).Keys.ToList())
            {
                if (ShareOf(r, other) >= MostlyShared)
                {
                    pairs.Add((Math.Min(r, other), Math.Max(r, other)));
                }
            }
        }

        var overlaps = new List<TextOverlap>?[reports.Count];
        foreach (var (a, b) in pairs)
        {
            (overlaps[a] ??= []).Add(new TextOverlap(b, ShareOf(a, b), ShareOf(b, a)));
            (overlaps[b] ??= []).Add(new TextOverlap(a, ShareOf(b, a), ShareOf(a, b)));
        }

        foreach (var list in overlaps)
        {
            list?.Sort((a, b) => b.ShareOfThis.CompareTo(a.ShareOfThis) is var byShare and not 0 ? byShare : a.Other.CompareTo(b.Other));
        }

        return overlaps;
    }
}
