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
}
