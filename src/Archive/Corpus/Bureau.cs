namespace Archive.Corpus;

/// <summary>A government body that publishes reports; one id across renames, so it keeps one timeline.</summary>
public sealed record Bureau(
    string Id,
    string Name,
    IReadOnlyList<string> Aliases,
    string DivisionCode,
    string Kind)
{
    /// <summary>The official name followed by every former name or alias.</summary>
    public IEnumerable<string> AllNames => Aliases.Prepend(Name);
}
