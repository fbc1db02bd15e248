namespace Archive.Import;

/// <summary>
/// Metadata a source carries outside its text: a web page's title, publish date and address, or a JSON
/// record's title, url and year. Each may be missing.
/// </summary>
public sealed record PageHints(string? Title, DateOnly? Published, string? SourceUrl, int? Year)
{
    public static PageHints None { get; } = new(null, null, null, null);

    /// <summary>A web page's banner lines just above its article (来源：… 发布时间：…): evidence, not report text.</summary>
    public IReadOnlyList<string> Banner { get; init; } = [];
}
