namespace Archive.Core;

/// <summary>A problem a user caused in their input, located in a file (and line where known), with what to do.</summary>
public sealed record InputProblem(string File, int? Line, string Message)
{
    public override string ToString() => Line is int line ? $"{File}:{line}: {Message}" : $"{File}: {Message}";
}

/// <summary>Thrown when input cannot be used; the CLI prints its problems without a stack trace.</summary>
public sealed class InputException : Exception
{
    public InputException(IReadOnlyList<InputProblem> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    public InputException(string file, int? line, string message)
        : this([new InputProblem(file, line, message)])
    {
    }

    public IReadOnlyList<InputProblem> Problems { get; }
}
