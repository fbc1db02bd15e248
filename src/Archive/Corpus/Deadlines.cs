using System.Globalization;
using Archive.Core;
using YamlDotNet.RepresentationModel;

namespace Archive.Corpus;

/// <summary>
/// One rule for when a year's report must be public: a month and day of the following year, for the reports it
/// covers (all, or those of some provinces, or of some years), and the document it comes from, which the methods page
/// cites.
/// </summary>
/// <param name="Provinces">Two-digit province codes (44 for 广东), or empty for every province.</param>
/// <param name="Years">The report years it covers, or empty for every year.</param>
public sealed record DeadlineRule(string Name, int Month, int Day, string Source, IReadOnlyList<string> Provinces, IReadOnlyList<int> Years)
{
    public bool Covers(int year, string divisionCode) =>
        (Years.Count == 0 || Years.Contains(year)) && (Provinces.Count == 0 || Provinces.Any(p => divisionCode.StartsWith(p, StringComparison.Ordinal)));

    public DateOnly DeadlineFor(int year) => new(year + 1, Month, Math.Min(Day, DateTime.DaysInMonth(year + 1, Month)));
}

/// <summary>A report's deadline and the rule that set it.</summary>
public sealed record ReportDeadline(DateOnly Date, DeadlineRule Rule);

/// <summary>
/// When each report must be public (input/deadlines.yml): the first rule that covers a report's year and its bureau's
/// province applies, so specific rules come first and the general one last. Without the file, or when no rule covers a
/// report, the national rule applies: 1 April of the following year.
/// </summary>
public sealed class DeadlineRules
{
    public const string FileName = "deadlines.yml";

    public static readonly DeadlineRule National = new(
        "每年4月1日之前公开上一年度法治政府建设情况报告",
        4,
        1,
        "中共中央办公厅、国务院办公厅《法治政府建设与责任落实督察工作规定》（2019年5月）：各级政府及其部门的年度报告应当于每年4月1日之前通过报刊、网站等向社会公开。",
        [],
        []);

    public static DeadlineRules Default { get; } = new([]);

    private DeadlineRules(IReadOnlyList<DeadlineRule> rules) => Rules = rules;

    /// <summary>The rules of input/deadlines.yml in their order, then the national rule.</summary>
    public IReadOnlyList<DeadlineRule> Rules { get; }

    public IReadOnlyList<DeadlineRule> All => [.. Rules, National];

    public ReportDeadline For(int year, string divisionCode)
    {
        var rule = Rules.FirstOrDefault(r => r.Covers(year, divisionCode)) ?? National;
        return new ReportDeadline(rule.DeadlineFor(year), rule);
    }

    /// <summary>Reads input/deadlines.yml: a list of rules, each with name, deadline (MM-DD), source, and optional provinces and years.</summary>
    public static DeadlineRules Read(string inputDirectory, List<InputProblem> problems)
    {
        var display = "input/" + FileName;
        if (YamlFile.LoadList(Path.Combine(inputDirectory, FileName), display, "rules, each with name, deadline (MM-DD) and source", problems) is not { } list)
        {
            return Default;
        }

        var rules = new List<DeadlineRule>();
        foreach (var node in list.Children)
        {
            var line = YamlFile.LineOf(node);
            if (node is not YamlMappingNode map)
            {
                problems.Add(new InputProblem(display, line, "each rule must be a map with name, deadline (MM-DD) and source."));
                continue;
            }

            var name = YamlFile.Scalar(map, "name");
            var deadline = YamlFile.Scalar(map, "deadline");
            var source = YamlFile.Scalar(map, "source");
            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(source))
            {
                problems.Add(new InputProblem(display, line, "a rule needs a name and the source document it comes from (source:), which the methods page cites."));
                continue;
            }

            if (deadline is null || !DateOnly.TryParseExact("2000-" + deadline, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                problems.Add(new InputProblem(display, line, $"deadline '{deadline}' must be a month and day of the following year, MM-DD, such as 04-01."));
                continue;
            }

            var provinces = YamlFile.Strings(map, "provinces");
            var years = YamlFile.Years(map, "years", text => problems.Add(new InputProblem(display, line, $"year '{text}' of rule '{name}' is not a year such as 2022.")));

            var invalid = provinces.Where(p => p.Length is not (2 or 6) || !p.All(char.IsAsciiDigit) || (p.Length == 6 && !p.EndsWith("0000", StringComparison.Ordinal))).ToList();
            foreach (var province in invalid)
            {
                problems.Add(new InputProblem(display, line, $"province '{province}' of rule '{name}' must be a province code: two digits (44) or six ending in 0000 (440000)."));
            }

            if (invalid.Count > 0)
            {
                continue;
            }

            rules.Add(new DeadlineRule(name, day.Month, day.Day, source, [.. provinces.Select(p => p[..2])], years));
        }

        return new DeadlineRules(rules);
    }
}
