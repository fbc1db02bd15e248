using Archive.Search.Contract;

namespace Archive.Search.StaticIndex;

/// <summary>
/// Consecutive blocks of one report (about 1,000 normalized code points) and the tail of text that follows them,
/// so that a snippet can show a hit that runs past the chunk's end from the chunk alone (FORMAT.md §4.4).
/// </summary>
public sealed record TextChunk(int Doc, IReadOnlyList<TextBlock> Blocks, string Tail);
