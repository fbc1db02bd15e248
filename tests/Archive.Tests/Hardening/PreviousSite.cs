using Archive.Tests.Support;

namespace Archive.Tests.Hardening;

/// <summary>
/// A good one-report input/ built once by the CLI into output/; each test copies both into its own folder, adds its bad
/// input and checks that the copy of output/ did not change by a byte.
/// </summary>
public sealed class PreviousSite : IDisposable
{
    private readonly TempFolder _temp = new();

    public PreviousSite()
    {
        Input = SampleInput.Create(_temp, ("a.md", SampleInput.Report("a-2020")));
        Output = _temp.Combine("output");
        var run = ArchiveProcess.Run(_temp.Path, "build", "--input", Input, "--theme", RepoPaths.Theme, "--output", Output, "--cache", _temp.Combine("cache"));
        if (run.Exit != 0)
        {
            throw new InvalidOperationException("the good site did not build: " + run.Output);
        }

        Hashes = FolderHashes.Of(Output);
    }

    public string Input { get; }

    public string Output { get; }

    public SortedDictionary<string, string> Hashes { get; }

    /// <summary>Copies the good input/ and output/ into <paramref name="temp"/>.</summary>
    public void CopyTo(TempFolder temp)
    {
        CopyFolder(Input, temp.Combine("input"));
        CopyFolder(Output, temp.Combine("output"));
    }

    public static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => _temp.Dispose();
}
