using Spectre.Console;

namespace Archive.Cli;

/// <summary>
/// The consoles the verbs write to. When output goes to a file or a pipe, lines are never wrapped, so that
/// "file:line: message" stays one line for grep and editors.
/// </summary>
internal static class Terminal
{
    private const int UnwrappedWidth = 100_000;

    public static IAnsiConsole Out { get; } = Create(Console.Out, Console.IsOutputRedirected);

    public static IAnsiConsole Error { get; } = Create(Console.Error, Console.IsErrorRedirected);

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (redirected)
        {
            console.Profile.Width = UnwrappedWidth;
        }

        return console;
    }
}
