using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Archive.Core;

namespace Archive.Corpus;

/// <summary>Loads a whole YAML file (site.yml, bureaus.yml) into a node tree, turning syntax errors into located problems.</summary>
internal static class YamlFile
{
    public static YamlNode? Load(string path, string displayPath, List<InputProblem> problems)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(path)));
            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            problems.Add(new InputProblem(displayPath, (int)e.Start.Line, $"not valid YAML ({e.Message.Split('.')[0]}); check quoting and indentation."));
            return null;
        }
    }

    public static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value?.Trim() : null;

    public static int LineOf(YamlNode node) => (int)node.Start.Line;

    /// <summary>
    /// A file that must be a list of maps (deadlines.yml, watch.yml): its items, or null when it is missing, empty or
    /// not a list (the last adding a problem that says what it must be: <paramref name="shape"/>).
    /// </summary>
    public static YamlSequenceNode? LoadList(string path, string displayPath, string shape, List<InputProblem> problems)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        if (Load(path, displayPath, problems) is YamlSequenceNode list)
        {
            return list;
        }

        if (File.ReadAllText(path).Trim().Length > 0 && problems.All(p => p.File != displayPath))
        {
            problems.Add(new InputProblem(displayPath, null, $"must be a list of {shape}."));
        }

        return null;
    }

    /// <summary>A key's text values: a list of them, or a single one; empty ones left out.</summary>
    public static List<string> Strings(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node)
            ? node switch
            {
                YamlSequenceNode items => [.. items.Children.OfType<YamlScalarNode>().Select(s => s.Value?.Trim() ?? "").Where(s => s.Length > 0)],
                YamlScalarNode one when !string.IsNullOrWhiteSpace(one.Value) => [one.Value.Trim()],
                _ => [],
            }
            : [];

    /// <summary>A key's years (1949–2200); each value that is not one goes to <paramref name="bad"/>.</summary>
    public static List<int> Years(YamlMappingNode map, string key, Action<string> bad)
    {
        var years = new List<int>();
        foreach (var text in Strings(map, key))
        {
            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) && year is >= 1949 and <= 2200)
            {
                years.Add(year);
            }
            else
            {
                bad(text);
            }
        }

        return years;
    }
}
