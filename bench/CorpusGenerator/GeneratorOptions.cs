namespace CorpusGenerator;

/// <summary>The command line of the generator: how many reports, which seed, where to write, where the repository is.</summary>
internal sealed record GeneratorOptions(int Reports, int Seed, string Output, string Repository, bool Raw = false)
{
    public const string Usage =
        "usage: CorpusGenerator --reports N [--seed S] --out DIR [--repo PATH] [--raw]\n" +
        "  writes DIR/input/{site.yml,bureaus.yml,reports/*.md}; the same N and seed always give the same bytes.\n" +
        "  --raw: writes DIR/raw/ (raw reports as a collector finds them: text in UTF-8 or GB18030, saved web pages) and\n" +
        "  DIR/input/site.yml instead, for `archive import DIR/raw -i DIR/input` (see bench/README.md).";

    public static GeneratorOptions Parse(string[] args)
    {
        int? reports = null;
        var seed = 1;
        string? output = null;
        string? repository = null;
        var raw = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            switch (args[i])
            {
                case "--reports":
                    reports = PositiveInt(Value(), "--reports");
                    break;
                case "--seed":
                    seed = int.TryParse(Value(), out var s) ? s : throw new ArgumentException($"--seed must be an integer.\n{Usage}");
                    break;
                case "--out":
                    output = Value();
                    break;
                case "--repo":
                    repository = Value();
                    break;
                case "--raw":
                    raw = true;
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'.\n{Usage}");
            }
        }

        if (reports is null || output is null)
        {
            throw new ArgumentException(Usage);
        }

        return new GeneratorOptions(reports.Value, seed, Path.GetFullPath(output), Path.GetFullPath(repository ?? FindRepository()), raw);
    }

    private static int PositiveInt(string text, string name) =>
        int.TryParse(text, out var n) && n > 0 ? n : throw new ArgumentException($"{name} must be a positive integer, not '{text}'.\n{Usage}");

    // The source texts ship in the repository; find it from the current folder so the tool runs from anywhere inside it.
    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Archive.sln")))
            {
                return dir.FullName;
            }
        }

        throw new ArgumentException("run inside the repository (no Archive.sln found above the current folder) or pass --repo PATH.");
    }
}
