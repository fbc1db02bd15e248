using System.Globalization;
using Archive.Core;
using YamlDotNet.RepresentationModel;

namespace Archive.Corpus;

/// <summary>
/// A search a reader can follow (input/watch.yml): a query in the search language and optional filters; the build
/// writes an Atom feed of the reports it finds, and the search page links it when it shows that search.
/// </summary>
/// <param name="Id">Letters, digits, - and _: the feed's file name.</param>
/// <param name="Regions">Province or city codes (440000, 440300): a report of a bureau inside any of them passes.</param>
/// <param name="Kinds">Kinds of department (bureaus.yml kind).</param>
public sealed record SavedSearch(
    string Id,
    string Name,
    string Query,
    IReadOnlyList<int> Years,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Kinds,
    IReadOnlyList<string> Bureaus)
{
    /// <summary>
    /// Whether a report passes the filters (each any of its values; all filters together). A region filter holds when
    /// the region is on the bureau's path of divisions (<paramref name="regionPath"/>: its province, city and district
    /// codes), as the search page's region filter does.
    /// </summary>
    public bool Passes(Report report, Bureau bureau, IReadOnlyCollection<string> regionPath) =>
        (Years.Count == 0 || Years.Contains(report.Year))
        && (Regions.Count == 0 || Regions.Any(regionPath.Contains))
        && (Kinds.Count == 0 || Kinds.Contains(bureau.Kind))
        && (Bureaus.Count == 0 || Bureaus.Contains(bureau.Id));
}

/// <summary>A saved search's reports, each with its hit count, in report-id order.</summary>
public sealed record SavedSearchResult(SavedSearch Search, IReadOnlyList<(Report Report, int Hits)> Matches);

/// <summary>Reads input/watch.yml: a list of saved searches, each with id, name and query, and optional filters.</summary>
public static class SavedSearches
{
    public const string FileName = "watch.yml";

    /// <param name="bureaus">The bureaus of bureaus.yml, against which bureau ids and kinds are checked.</param>
    public static IReadOnlyList<SavedSearch> Read(string inputDirectory, IReadOnlyList<Bureau> bureaus, List<InputProblem> problems)
    {
        var display = "input/" + FileName;
        if (YamlFile.LoadList(Path.Combine(inputDirectory, FileName), display, "saved searches, each with id, name and query", problems) is not { } list)
        {
            return [];
        }

        var searches = new List<SavedSearch>();
        foreach (var node in list.Children)
        {
            var line = YamlFile.LineOf(node);
            if (node is not YamlMappingNode map)
            {
                problems.Add(new InputProblem(display, line, "each saved search must be a map with id, name and query."));
                continue;
            }

            var id = YamlFile.Scalar(map, "id");
            var name = YamlFile.Scalar(map, "name");
            var query = YamlFile.Scalar(map, "query");
            if (id is null || id.Length == 0 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                problems.Add(new InputProblem(display, line, $"id '{id}' must be letters, digits, - and _ (it names the feed's file), such as qianxin."));
                continue;
            }

            if (searches.Any(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add(new InputProblem(display, line, $"id '{id}' is used twice; give each saved search its own."));
                continue;
            }

            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(query))
            {
                problems.Add(new InputProblem(display, line, $"saved search '{id}' needs a name and a query."));
                continue;
            }

            var years = YamlFile.Years(map, "years", text => problems.Add(new InputProblem(display, line, $"year '{text}' of saved search '{id}' is not a year such as 2022.")));

            // A filter that can match nothing would make a feed that stays empty without saying why.
            var regions = YamlFile.Strings(map, "regions");
            foreach (var region in regions.Where(r => Regions.DivisionTable.Default.Find(r) is null))
            {
                problems.Add(new InputProblem(display, line, $"region '{region}' of saved search '{id}' is not a GB/T 2260 division code; give a province, city or district code such as 440000 or 440300."));
            }

            var kinds = YamlFile.Strings(map, "kinds");
            foreach (var kind in kinds.Where(k => bureaus.All(b => b.Kind != k)))
            {
                problems.Add(new InputProblem(display, line, $"kind '{kind}' of saved search '{id}' is no bureau's kind in bureaus.yml ({string.Join("、", bureaus.Select(b => b.Kind).Distinct().Order(StringComparer.Ordinal))})."));
            }

            var ids = YamlFile.Strings(map, "bureaus");
            foreach (var bureau in ids.Where(b => bureaus.All(x => x.Id != b)))
            {
                problems.Add(new InputProblem(display, line, $"bureau '{bureau}' of saved search '{id}' is not an id in bureaus.yml."));
            }

            searches.Add(new SavedSearch(id, name, query, years, regions, kinds, ids));
        }

        return searches;
    }
}
