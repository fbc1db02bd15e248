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

    public void AddTo(Command command, bool withThemeAndOutput = true)
    {
        command.Options.Add(Input);
        if (withThemeAndOutput)
        {
            command.Options.Add(Theme);
            command.Options.Add(Output);
            command.Options.Add(Cache);
        }
    }

    public BuildPaths Paths(ParseResult result) =>
        new(result.GetValue(Input)!, result.GetValue(Theme)!, result.GetValue(Output)!, result.GetValue(Cache));
}
