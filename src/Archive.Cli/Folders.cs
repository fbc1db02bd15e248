using System.CommandLine;
using Archive.Build;

namespace Archive.Cli;

/// <summary>The --input, --theme and --output options every verb shares, defaulting to the folders of the current directory.</summary>
internal sealed class Folders
{
    public Option<string> Input { get; } = new("--input", "-i") { Description = "The archive's content folder.", DefaultValueFactory = _ => "input" };

    public Option<string> Theme { get; } = new("--theme", "-t") { Description = "The theme folder (Liquid templates and assets).", DefaultValueFactory = _ => "theme" };

    public Option<string> Output { get; } = new("--output", "-o") { Description = "Where the site is written; replaced as a whole by a successful build.", DefaultValueFactory = _ => "output" };

    public Option<string> Cache { get; } = new("--cache") { Description = "Where the Lucene index of archive search (made by its first search, then kept current by builds), the manifest of output/ and the last build's stamp are kept between runs, so a rebuild redoes only what changed.", DefaultValueFactory = _ => ".archive-cache" };

    public Option<string?> Precompress { get; } = new("--precompress") { Description = $"Which compressed copies to write beside text files: {Archive.Core.PrecompressNames.Allowed} (default: site.yml's precompress, else both). none for CDNs and Pages hosts." };

    public void AddTo(Command command, bool withThemeAndOutput = true)
    {
        command.Options.Add(Input);
        if (withThemeAndOutput)
        {
            command.Options.Add(Theme);
            command.Options.Add(Output);
            command.Options.Add(Cache);
            command.Options.Add(Precompress);
        }
    }

    public BuildPaths Paths(ParseResult result)
    {
        var precompress = result.GetValue(Precompress);
        var parsed = precompress is null ? (Archive.Core.Precompress?)null : Archive.Core.PrecompressNames.Parse(precompress)
            ?? throw new Archive.Core.InputException("--precompress", null, $"'{precompress}' must be {Archive.Core.PrecompressNames.Allowed}.");
        return new(result.GetValue(Input)!, result.GetValue(Theme)!, result.GetValue(Output)!, result.GetValue(Cache), parsed);
    }
}
