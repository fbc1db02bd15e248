namespace Archive.Search.StaticIndex;

/// <summary>One document of a base index: the report it was made from and where its text went.</summary>
/// <param name="TextPack">The text pack that holds its chunks, from <paramref name="TextOffset"/> on (FORMAT.md §4.4).</param>
/// <param name="ChunkBytes">The compressed length of each of its chunks in the pack.</param>
public sealed record BaseDoc(string Id, string BureauId, string SourceHash, byte LengthCode, int FirstChunk, int TextPack, int TextOffset, int[] ChunkBytes);

/// <summary>
/// What a full export of the static index leaves in the cache so that the next builds can add an update to it
/// (FORMAT.md §4.6) instead of making it again: its documents in doc order with the report hashes they were made
/// from, its parameters, and the packs that hold its keys, postings, positions and texts. The SHA-256 of those files'
/// contents (as the output manifest records them) ties it to the index in output/: if the files are not exactly
/// those, there is no base and the next export is a full one.
/// </summary>
/// <param name="TextPacks">The number of text packs: an update's texts go to packs numbered from here.</param>
/// <param name="Layout">How its keys and records were laid out: an update keeps them, so it must lay its own out alike.</param>
public sealed record SearchIndexBase(IndexLayout Layout, int ChunkCount, int TextPacks, int MinDf, int KeyShards, BaseDoc[] Docs, string[] Files)
{
    /// <summary>The digest of the files' contents the base was saved with (empty until saved or loaded).</summary>
    public string FilesDigest { get; init; } = "";
}
