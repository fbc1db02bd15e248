using Archive.Search.Contract;

namespace Archive.Search.StaticIndex;

/// <summary>Groups a report's blocks into <see cref="TextChunk"/>s and cuts each chunk's tail, by the exact rules of FORMAT.md §4.</summary>
public static class Chunker
{
    public const int TargetLength = 1000;

    public static List<TextChunk> Split(int doc, IReadOnlyList<TextBlock> blocks, int overlap)
    {
        var normalized = blocks.Select(b => TextNormalizer.Normalize(b.Text)).ToList();
        var chunks = new List<TextChunk>();
        var first = 0;
        var length = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            length += normalized[i].Length;
            if (length >= TargetLength || i == blocks.Count - 1)
            {
                chunks.Add(new TextChunk(doc, blocks.Skip(first).Take(i - first + 1).ToList(), Tail(blocks, normalized, i + 1, overlap - 1)));
                first = i + 1;
                length = 0;
            }
        }

        return chunks;
    }

    /// <summary>The shortest prefix of the later blocks (joined by "\n") that holds <paramref name="wanted"/> kept code points, or all there are.</summary>
    private static string Tail(IReadOnlyList<TextBlock> blocks, List<NormalizedText> normalized, int next, int wanted)
    {
        var text = new System.Text.StringBuilder();
        var end = 0;
        for (var i = next; i < blocks.Count && wanted > 0; i++)
        {
            if (i > next)
            {
                text.Append('\n');
            }

            var kept = normalized[i];
            var take = Math.Min(wanted, kept.Length);
            if (take > 0)
            {
                end = text.Length + kept.SourceSpan(take - 1, take).End;
                wanted -= take;
            }

            text.Append(blocks[i].Text);
        }

        return text.ToString(0, end);
    }
}
