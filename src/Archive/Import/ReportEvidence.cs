namespace Archive.Import;

/// <summary>Everything metadata is inferred from: the report's lines, the chrome taken out of them, its file name and the source's hints.</summary>
public sealed record ReportEvidence(IReadOnlyList<string> Lines, IReadOnlyList<string> Removed, string Name, PageHints Hints)
{
    /// <summary>The kept lines and the removed ones, for facts (来源, 发布时间) that live in page chrome.</summary>
    public IEnumerable<string> AllLines => Removed.Concat(Lines);

    public string Text => string.Join('\n', Lines);
}
