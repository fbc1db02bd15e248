namespace Archive.Search.StaticIndex;

/// <summary>
/// How the static index lays its keys and records out (FORMAT.md §4.0, §4.3): which grams are frequent, which
/// postings go inline in their key shard, how large a plain pack may grow, and how many key shards and doc blocks go
/// to a pack. Readers take every one of these from the files; tests make them tiny so that a corpus of five reports
/// fills several packs. An update is only added to a base written with the same layout.
/// </summary>
/// <param name="InlineLimit">Postings longer than this go to the postings packs.</param>
/// <param name="PackBytes">A plain pack is closed before a record that would take it past this.</param>
/// <param name="ShardsPerPack">Key shards to an indexed pack.</param>
/// <param name="BlocksPerPack">Doc blocks to a slotted pack.</param>
/// <param name="MinDf">
/// The document frequency from which a gram is frequent (FORMAT.md §4.3), or 0 for the rule of
/// <see cref="GramIndex.MinDocFrequency"/>; tests raise it so that a small corpus has rare terms of every kind.
/// </param>
public sealed record IndexLayout(
    int InlineLimit = IndexLayout.DefaultInlineLimit,
    int PackBytes = IndexLayout.DefaultPackBytes,
    int ShardsPerPack = IndexLayout.DefaultShardsPerPack,
    int BlocksPerPack = IndexLayout.DefaultBlocksPerPack,
    int MinDf = 0)
{
    public const int DefaultInlineLimit = 1_024;

    /// <summary>8 MiB: a few hundred files at 50,000 reports, none near the 25 MiB Cloudflare Pages allows.</summary>
    public const int DefaultPackBytes = 8 << 20;

    // About 8 MiB of 2 KB shards, or of ~700-byte doc block slots, to a pack, as for plain packs.
    public const int DefaultShardsPerPack = 4_096;
    public const int DefaultBlocksPerPack = 8_192;

    public static IndexLayout Default { get; } = new();

    /// <summary>The minDf of an index of <paramref name="docCount"/> reports.</summary>
    public int MinDfFor(int docCount) => MinDf > 0 ? MinDf : GramIndex.MinDocFrequency(docCount);
}
