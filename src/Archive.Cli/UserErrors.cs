using Spectre.Console;
using Archive.Core;

namespace Archive.Cli;

/// <summary>The one place where errors a user can cause are caught and printed, without a stack trace.</summary>
internal static class UserErrors
{
    public const int Failed = 1;

    /// <summary>Runs a verb; <paramref name="unchanged"/> tells the user what a failure left as it was.</summary>
    public static int Run(Func<int> action, string unchanged = "nothing was changed in the output.")
    {
        try
        {
            return action();
        }
        catch (InputException e)
        {
            Print(e.Problems, unchanged);
            return Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Terminal.Error.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return Failed;
        }
    }

    public static void Print(IReadOnlyList<InputProblem> problems, string closing)
    {
        var error = Terminal.Error;
        foreach (var problem in problems)
        {
            error.MarkupLine($"[red]error:[/] {Markup.Escape(problem.ToString())}");
        }

        error.MarkupLine($"[red]{problems.Count} problem(s); {Markup.Escape(closing)}[/]");
    }
}
