using Archive.Corpus;
using Archive.Import;
using Archive.Regions;

namespace CorpusGenerator;

/// <summary>One generated report before its text: which bureau, which year, and the seed its text is drawn with.</summary>
internal sealed record PlannedReport(Bureau Bureau, RegionPath Region, int Year, int Seed);

/// <summary>
/// Chooses ≈ N/10 real bureaus (人力资源和社会保障局 of districts and cities; 司法局 of the same places once those run
/// out, as a second department would add) and gives each a run of consecutive years in 2015–2025, with the first
/// years, the last years or a year in between sometimes missing, so that the reports add up to exactly N.
/// </summary>
internal static class BureauPlan
{
    public const int FirstYear = 2015;
    public const int LastYear = 2025;
    private const int Years = LastYear - FirstYear + 1;
    private const int ReportsPerBureau = 10;
    private const int FewestYears = 6;

    public static IReadOnlyList<PlannedReport> Make(int reports, Random random) =>
        Make(reports, random, ["hrss", "justice"], ReportsPerBureau, FewestYears, evenly: false);

    /// <summary>
    /// The plan of a raw corpus (<c>--raw</c>), shaped like the held-out archives: four departments in equal numbers
    /// (人社, 司法, 市场监管, 生态环境), ≈ N/5.6 bureaus (8,929 at 50,000 reports), each with 2–11 years. Past
    /// 71,276 reports four departments of every place are too few bureaus: then more departments, as many as it
    /// takes (12 at 200,000 reports), in equal numbers too. Below that the plan is as it was, so every smaller corpus
    /// stays the same.
    /// </summary>
    public static IReadOnlyList<PlannedReport> MakeRaw(int reports, Random random)
    {
        const double ReportsPerBureau = 5.6;
        string[] departments = ["hrss", "justice", "samr", "eco", "edu", "health", "police", "tax", "transport", "nr", "housing", "civil", "finance", "emergency"];
        var places = DivisionTable.Default.All.Count(d => d.Level != DivisionLevel.Province);
        var needed = (int)Math.Ceiling(Math.Ceiling(reports / ReportsPerBureau) / places);
        return Make(reports, random, departments[..Math.Clamp(needed, 4, departments.Length)], ReportsPerBureau, 2, evenly: true);
    }

    private static IReadOnlyList<PlannedReport> Make(int reports, Random random, string[] slugs, double reportsPerBureau, int fewestYears, bool evenly)
    {
        var places = DivisionTable.Default.All.Where(d => d.Level != DivisionLevel.Province).ToList();
        var kinds = slugs.Select(s => DepartmentKinds.Find(s)!).ToList();
        var bureauCount = Math.Max(1, (int)Math.Ceiling(reports / reportsPerBureau));
        if (bureauCount > places.Count * kinds.Count || reports > places.Count * kinds.Count * Years)
        {
            throw new ArgumentException($"at most {places.Count * kinds.Count * Years} reports fit {kinds.Count} departments of {places.Count} places over {Years} years.");
        }

        var bureaus = new List<(Bureau Bureau, RegionPath Region)>();
        for (var k = 0; k < kinds.Count; k++)
        {
            var kind = kinds[k];
            // Evenly: each department its share of the bureaus; else the first fills every place before the next.
            var take = evenly ? bureauCount / kinds.Count + (k < bureauCount % kinds.Count ? 1 : 0) : bureauCount - bureaus.Count;
            foreach (var place in Shuffled(places, random).Take(take))
            {
                var region = DivisionTable.Default.PathOf(place.Code);
                var name = BureauNaming.RegionalName(region) + BureauNaming.DepartmentName(kind, region);
                bureaus.Add((new Bureau($"{place.Code}-{kind.Slug}", name, [], place.Code, kind.Core), region));
            }
        }

        bureaus.Sort((a, b) => string.CompareOrdinal(a.Bureau.Id, b.Bureau.Id));
        var counts = Counts(reports, bureaus.Count, fewestYears, random);
        var planned = new List<PlannedReport>(reports);
        for (var i = 0; i < bureaus.Count; i++)
        {
            foreach (var year in YearsOf(counts[i], random))
            {
                planned.Add(new PlannedReport(bureaus[i].Bureau, bureaus[i].Region, year, random.Next()));
            }
        }

        return planned;
    }

    // Every bureau starts with the same share; moving one report at a time between random bureaus spreads the
    // counts out (most bureaus have 8–11 years) while the total stays exactly N.
    private static int[] Counts(int reports, int bureaus, int fewestYears, Random random)
    {
        var counts = Enumerable.Range(0, bureaus).Select(i => reports / bureaus + (i < reports % bureaus ? 1 : 0)).ToArray();
        var lowest = Math.Min(fewestYears, counts.Min());
        for (var move = 0; move < bureaus * 2; move++)
        {
            var from = random.Next(bureaus);
            var to = random.Next(bureaus);
            if (from != to && counts[from] > lowest && counts[to] < Years)
            {
                counts[from]--;
                counts[to]++;
            }
        }

        return counts;
    }

    // Missing years fall mostly at the start (a bureau began publishing late), some at the end, some in between.
    private static List<int> YearsOf(int count, Random random)
    {
        var years = Enumerable.Range(FirstYear, Years).ToList();
        while (years.Count > count)
        {
            var roll = random.NextDouble();
            var index = roll < 0.5 || years.Count < 3 ? 0
                : roll < 0.75 ? years.Count - 1
                : random.Next(1, years.Count - 1);
            years.RemoveAt(index);
        }

        return years;
    }

    private static List<T> Shuffled<T>(IReadOnlyList<T> items, Random random)
    {
        var list = items.ToList();
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        return list;
    }
}
