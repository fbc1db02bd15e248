using YamlDotNet.RepresentationModel;
using Archive.Core;
using Archive.Regions;

namespace Archive.Corpus;

/// <summary>Reads and writes input/bureaus.yml, the list of canonical bureaus with their former names.</summary>
public static class BureauRegistry
{
    public const string FileName = "bureaus.yml";

    public static IReadOnlyList<Bureau> Read(string path, string displayPath, List<InputProblem> problems)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var root = YamlFile.Load(path, displayPath, problems);
        if (root is null)
        {
            return [];
        }

        if (root is not YamlSequenceNode list)
        {
            problems.Add(new InputProblem(displayPath, YamlFile.LineOf(root), "must be a list of bureaus, each starting with '- id:'."));
            return [];
        }

        var bureaus = new List<Bureau>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in list.Children)
        {
            var line = YamlFile.LineOf(node);
            if (node is not YamlMappingNode map)
            {
                problems.Add(new InputProblem(displayPath, line, "each bureau must be a map with id, name, division and kind."));
                continue;
            }

            var id = YamlFile.Scalar(map, "id");
            var name = YamlFile.Scalar(map, "name");
            var division = YamlFile.Scalar(map, "division");
            var kind = YamlFile.Scalar(map, "kind") ?? "";
            if (id is null || name is null || division is null)
            {
                problems.Add(new InputProblem(displayPath, line, "a bureau needs id, name and division (its GB/T 2260 code, e.g. \"440303\")."));
                continue;
            }

            if (!ReportId.IsValid(id))
            {
                problems.Add(new InputProblem(displayPath, line, $"bureau id '{id}' may only hold letters, digits, '-' and '_'."));
                continue;
            }

            if (DivisionTable.Default.Find(division) is null)
            {
                problems.Add(new InputProblem(displayPath, line, $"division '{division}' of bureau '{id}' is not a GB/T 2260 code; write the six-digit code of its province, city or district."));
                continue;
            }

            if (seen.TryGetValue(id, out var first))
            {
                problems.Add(new InputProblem(displayPath, line, $"bureau id '{id}' is already used on line {first}; give each bureau its own id."));
                continue;
            }

            seen[id] = line;
            var aliases = map.Children.TryGetValue(new YamlScalarNode("aliases"), out var aliasNode) && aliasNode is YamlSequenceNode seq
                ? seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").Where(s => s.Length > 0).ToList()
                : [];
            bureaus.Add(new Bureau(id, name, aliases, division, kind));
        }

        return bureaus;
    }

    /// <summary>The registry as YAML, in the order given, with every name quoted.</summary>
    public static string Format(IEnumerable<Bureau> bureaus)
    {
        var text = new System.Text.StringBuilder();
        text.Append("# Canonical bureaus. One id per bureau for its whole life: list former names under aliases so a renamed\n");
        text.Append("# bureau keeps one timeline. division is the GB/T 2260 code of the region it serves.\n");
        foreach (var bureau in bureaus)
        {
            text.Append("- id: ").Append(bureau.Id).Append('\n');
            text.Append("  name: ").Append(YamlText.Quote(bureau.Name)).Append('\n');
            text.Append("  aliases: [").Append(string.Join(", ", bureau.Aliases.Select(YamlText.Quote))).Append("]\n");
            text.Append("  division: \"").Append(bureau.DivisionCode).Append("\"\n");
            text.Append("  kind: ").Append(YamlText.Quote(bureau.Kind)).Append('\n');
        }

        return text.ToString();
    }
}
