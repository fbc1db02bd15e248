using Archive.Build;

namespace Archive.Tests.Support;

/// <summary>A site built once from the shipped input/ and theme/ into a temp folder, shared by the tests of a class.</summary>
public sealed class BuiltSite : IDisposable
{
    private readonly TempFolder _temp = new();

    public BuiltSite()
    {
        Output = _temp.Combine("output");
        Summary = new SiteBuilder().Build(new BuildPaths(RepoPaths.Input, RepoPaths.Theme, Output));
    }

    public string Output { get; }

    public BuildSummary Summary { get; }

    public IEnumerable<string> Pages => Directory.EnumerateFiles(Output, "*.html", SearchOption.AllDirectories);

    public string Read(string relative) => File.ReadAllText(Path.Combine(Output, relative));

    public void Dispose() => _temp.Dispose();
}
