using Archive.Corpus;

namespace Archive.Search.StaticIndex;

/// <summary>One doc of the index as the export writes it: its report and bureau, its length code and where its text is.</summary>
internal sealed record DocEntry(Report Report, Bureau Bureau, byte LengthCode, int FirstChunk, int TextPack, int TextOffset, int[] ChunkBytes);

/// <summary>What the manifest of an update says beside the base's (FORMAT.md §4.6).</summary>
internal sealed record UpdateManifest(int BaseDocCount, List<int> Void, List<int> Removed, int KeyShards);
