namespace Archive.Search.Contract;

/// <summary>One block of a report's searchable text: the title, a heading or a paragraph, with the anchor a hit links to.</summary>
public sealed record TextBlock(string Anchor, string Text)
{
    /// <summary>The anchor of the title block: the top of the report page.</summary>
    public const string TitleAnchor = "top";
}
