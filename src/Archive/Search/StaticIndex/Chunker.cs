using Archive.Search.Contract;

namespace Archive.Search.StaticIndex;

/// <summary>Groups a report's blocks into <see cref="TextChunk"/>s and cuts each chunk's tail, by the exact rules of FORMAT.md §4.</summary>
public static class Chunker
{
    public const int TargetLength = 1000;

    public static List<TextChunk> Split(int doc, IReadOnlyList<TextBlock> blocks, int overlap) => Split(doc, new SearchableText(blocks), overlap);

    public static List<TextChunk> Split(int doc, SearchableText text, int overlap)
    {
        var blocks = text.Blocks;
        var kept = KeptPerBlock(text);
        var chunks = new List<TextChunk>();
        var first = 0;
        var length = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            length += kept[i + 1] - kept[i];
            if (length >= TargetLength || i == blocks.Count - 1)
            {
                chunks.Add(new TextChunk(doc, blocks.Skip(first).Take(i - first + 1).ToList(), Tail(text, kept, i + 1, overlap - 1)));
                first = i + 1;
                length = 0;
            }
        }

        return chunks;
    }

    /// <summary>
    /// Where each block's kept code points start in the normalized searchable text, and one past the last. Normalizing
    /// drops the line breaks that join the blocks and looks at one code point at a time, so a block's kept code points
    /// are exactly those of the whole text that come from it: no block is normalized a second time.
    /// </summary>
    private static int[] KeptPerBlock(SearchableText text)
    {
        var normalized = text.Normalized;
        var starts = new int[text.Blocks.Count + 1];
        var index = 0;
        for (var block = 0; block < text.Blocks.Count; block++)
        {
            starts[block] = index;
            var end = text.BlockStartOf(block) + text.Blocks[block].Text.Length;
            while (index < normalized.Length && normalized.SourceOffset(index) < end)
            {
                index++;
            }
        }

        starts[^1] = index;
        return starts;
    }

    /// <summary>The shortest prefix of the later blocks (joined by "\n") that holds <paramref name="wanted"/> kept code points, or all there are.</summary>
    private static string Tail(SearchableText text, int[] kept, int next, int wanted)
    {
        var blocks = text.Blocks;
        var tail = new System.Text.StringBuilder();
        var end = 0;
        for (var i = next; i < blocks.Count && wanted > 0; i++)
        {
            if (i > next)
            {
                tail.Append('\n');
            }

            var take = Math.Min(wanted, kept[i + 1] - kept[i]);
            if (take > 0)
            {
                end = tail.Length + text.Normalized.SourceSpan(kept[i] + take - 1, kept[i] + take).End - text.BlockStartOf(i);
                wanted -= take;
            }

            tail.Append(blocks[i].Text);
        }

        return tail.ToString(0, end);
    }
}
