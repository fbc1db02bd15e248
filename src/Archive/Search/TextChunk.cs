namespace Archive.Search;

/// <summary>
/// Consecutive blocks of one report (about 1,000 normalized code points) and the tail of text that follows them,
/// so that a hit starting in the chunk can be verified from the chunk alone (FORMAT.md §4).
/// </summary>
public sealed record TextChunk(int Doc, IReadOnlyList<TextBlock> Blocks, string Tail)
{
    /// <summary>The blocks joined by line breaks, a line break, then the tail: the text the chunk's keys come from.</summary>
    public string ExtendedText => string.Join('\n', Blocks.Select(b => b.Text)) + "\n" + Tail;

    /// <summary>Roughly what the chunk weighs in a pack, in UTF-16 units.</summary>
    public int TextSize => Blocks.Sum(b => b.Text.Length) + Tail.Length;
}
