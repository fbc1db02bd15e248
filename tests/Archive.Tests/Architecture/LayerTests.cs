using System.Reflection;
using Archive.Corpus;
using NetArchTest.Rules;

namespace Archive.Tests.Architecture;

/// <summary>
/// The library's folders are layers and references point down only (DESIGN.md §3): each namespace of src/Archive may
/// use the ones listed for it here and no other of the library's. A reference from a lower layer to a higher one fails
/// the test that names the lower layer.
/// </summary>
public class LayerTests
{
    private static readonly Assembly Library = typeof(Report).Assembly;

    // Each layer, from the bottom up, with the layers below it that it may use. Build, the orchestrator, is the only
    // one that sees all the others.
    public static readonly TheoryData<string, string[]> Layers = new()
    {
        { "Archive.Core", [] },
        { "Archive.Regions", ["Archive.Core"] },
        { "Archive.Corpus", ["Archive.Core", "Archive.Regions"] },
        { "Archive.Import", ["Archive.Core", "Archive.Regions", "Archive.Corpus"] },
        { "Archive.Search.Contract", ["Archive.Core", "Archive.Regions", "Archive.Corpus"] },
        { "Archive.Reading", ["Archive.Core", "Archive.Regions", "Archive.Corpus", "Archive.Search.Contract"] },
        { "Archive.Search.StaticIndex", ["Archive.Core", "Archive.Regions", "Archive.Corpus", "Archive.Search.Contract"] },
        { "Archive.Search.Lucene", ["Archive.Core", "Archive.Regions", "Archive.Corpus", "Archive.Search.Contract"] },
        { "Archive.Collect", ["Archive.Core", "Archive.Regions", "Archive.Corpus", "Archive.Import"] },
        { "Archive.Site", ["Archive.Core", "Archive.Regions", "Archive.Corpus", "Archive.Reading"] },
        { "Archive.Output", ["Archive.Core"] },
        { "Archive.Export", ["Archive.Core", "Archive.Regions", "Archive.Corpus", "Archive.Search.Contract", "Archive.Search.Lucene", "Archive.Output"] },
        { "Archive.Incremental", ["Archive.Core", "Archive.Regions", "Archive.Corpus", "Archive.Search.Contract", "Archive.Search.StaticIndex", "Archive.Site", "Archive.Output", "Archive.Reading"] },
    };

    private static readonly string[] AllLayers =
        [.. Layers.Select(row => (string)row[0]), "Archive.Build"];

    [Theory]
    [MemberData(nameof(Layers))]
    public void A_layer_uses_only_the_layers_below_it(string layer, string[] below)
    {
        var forbidden = AllLayers.Where(other => other != layer && !below.Contains(other) && !IsInside(other, layer)).ToArray();
        var result = Types.InAssembly(Library).That().ResideInNamespace(layer).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(result.IsSuccessful, $"{layer} reaches above itself: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Every_namespace_of_the_library_is_a_known_layer()
    {
        var namespaces = Library.GetTypes().Select(t => t.Namespace).OfType<string>().Where(n => n.StartsWith("Archive", StringComparison.Ordinal)).Distinct();
        var unknown = namespaces.Where(n => !AllLayers.Any(layer => n == layer || IsInside(n, layer))).ToList();

        Assert.True(unknown.Count == 0, $"namespaces outside every layer: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Site_producers_reach_report_texts_only_through_what_a_file_declares_it_shows()
    {
        // A file that shows a report's text, or what is read from it, says so (MadeFrom.Shows); a producer
        // that read a text itself would make a file the build keeps when that text changes.
        var result = Types.InAssembly(Library).That().ResideInNamespace("Archive.Site").ShouldNot().HaveDependencyOn("Archive.Corpus.ReportText").GetResult();
        var readers = Library.GetTypes().Where(t => t.Namespace?.StartsWith("Archive.Site", StringComparison.Ordinal) == true)
            .Where(CallsReadBody).Select(t => t.FullName).ToList();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
        Assert.Empty(readers);
    }

    [Fact]
    public void No_two_namespaces_of_the_library_reach_each_other_even_through_others()
    {
        var byNamespace = Library.GetTypes().Where(t => t.Namespace?.StartsWith("Archive", StringComparison.Ordinal) == true)
            .GroupBy(t => t.Namespace!).ToDictionary(g => g.Key, g => g.Select(t => t.FullName!).ToArray());
        var uses = byNamespace.Keys.ToDictionary(n => n, n => byNamespace.Keys.Where(other => other != n && Uses(n, byNamespace[other])).ToList());

        var cycle = uses.Keys.Select(n => PathBack(n, uses)).FirstOrDefault(p => p is not null);
        Assert.True(cycle is null, $"namespaces in a cycle: {string.Join(" → ", cycle ?? [])}");
    }

    private static bool Uses(string ns, string[] typeNames) =>
        !Types.InAssembly(Library).That().ResideInNamespaceMatching("^" + System.Text.RegularExpressions.Regex.Escape(ns) + "$")
            .ShouldNot().HaveDependencyOnAny(typeNames).GetResult().IsSuccessful;

    // A path of uses from start that leads back to it, or null.
    private static List<string>? PathBack(string start, Dictionary<string, List<string>> uses)
    {
        var cameFrom = new Dictionary<string, string>();
        var queue = new Queue<string>(uses[start]);
        foreach (var next in uses[start])
        {
            cameFrom[next] = start;
        }

        while (queue.TryDequeue(out var at))
        {
            if (at == start)
            {
                var path = new List<string> { start };
                for (var step = cameFrom[start]; step != start; step = cameFrom[step])
                {
                    path.Insert(0, step);
                }

                path.Insert(0, start);
                return path;
            }

            foreach (var next in uses[at].Where(n => !cameFrom.ContainsKey(n)))
            {
                cameFrom[next] = at;
                queue.Enqueue(next);
            }
        }

        return null;
    }

    // "Archive.Site.Views" is inside "Archive.Site".
    private static bool IsInside(string name, string layer) => name.StartsWith(layer + ".", StringComparison.Ordinal);

    private static bool CallsReadBody(Type type)
    {
        var readBody = typeof(Report).GetMethod(nameof(Report.ReadBody))!;
        foreach (var method in type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
        {
            var body = method.GetMethodBody()?.GetILAsByteArray();
            if (body is null)
            {
                continue;
            }

            // call or callvirt followed by the method's metadata token.
            for (var i = 0; i + 4 < body.Length; i++)
            {
                if ((body[i] == 0x28 || body[i] == 0x6F) && BitConverter.ToInt32(body, i + 1) == readBody.MetadataToken)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
