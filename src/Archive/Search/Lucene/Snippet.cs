namespace Archive.Search.Lucene;

/// <summary>
/// A passage of a result (FORMAT.md §6): the text of one block around its first hit — <see cref="Before"/>, the hit as
/// written (<see cref="Match"/>), <see cref="After"/> — with every hit inside marked, and the block it is from.
/// </summary>
/// <param name="Marks">The marked runs, as [start, end) offsets into Before + Match + After, in the order §6 makes them.</param>
/// <param name="ClippedStart">True when the block has text before the passage.</param>
/// <param name="ClippedEnd">True when the block has text after the passage.</param>
public sealed record Snippet(string Anchor, string Before, string Match, string After, IReadOnlyList<(int Start, int End)> Marks, bool ClippedStart, bool ClippedEnd)
{
    /// <summary>The passage's whole text.</summary>
    public string Text => Before + Match + After;
}
