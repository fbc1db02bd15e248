using Archive.Search.Contract;

namespace Archive.Search.Lucene;

/// <summary>
/// Turns hits in normalized text back into passages of the original text (FORMAT.md §6, the rule the browser follows
/// too): one passage per block with hits, from 24 units before the block's first hit to at least 48 after its start,
/// every hit inside marked.
/// </summary>
public static class SnippetBuilder
{
    /// <summary>Units of context kept before a block's first hit.</summary>
    public const int ContextBefore = 24;

    /// <summary>Units the window reaches past the start of a block's first hit (further when the hit is longer).</summary>
    public const int WindowAfterStart = 48;

    /// <summary>The most context a passage has on either side of its first hit (after it: 48 less the hit, plus one unit that completes a surrogate pair).</summary>
    public const int ContextLength = WindowAfterStart;

    /// <summary>
    /// Passages of the first <paramref name="max"/> blocks with hits in reading order. Hits that start at the same
    /// place are taken in the order given (the query's).
    /// </summary>
    public static List<Snippet> Build(SearchableText text, IEnumerable<TermHit> hits, int max)
    {
        var joined = text.Joined;
        // Each hit as [start, end) in its block's text, cut at the block's end; stable order: by start, ties as given.
        var byBlock = new SortedDictionary<int, List<(int Start, int End)>>();
        foreach (var hit in hits)
        {
            var (start, end) = text.Normalized.SourceSpan(hit.Start, hit.End);
            var (block, blockStart) = text.BlockAt(start);
            var length = text.Blocks[block].Text.Length;
            if (!byBlock.TryGetValue(block, out var list))
            {
                byBlock[block] = list = [];
            }

            list.Add((start - blockStart, Math.Min(end - blockStart, length)));
        }

        var snippets = new List<Snippet>();
        foreach (var (block, blockHits) in byBlock.Take(max))
        {
            var ordered = blockHits.Select((h, i) => (h, i)).OrderBy(x => x.h.Start).ThenBy(x => x.i).Select(x => x.h).ToList();
            snippets.Add(Passage(text.Blocks[block], ordered));
        }

        return snippets;
    }

    private static Snippet Passage(TextBlock block, List<(int Start, int End)> hits)
    {
        var text = block.Text;
        var (first, firstEnd) = hits[0];
        var from = Math.Max(0, first - ContextBefore);
        var to = Math.Min(text.Length, Math.Max(firstEnd, first + WindowAfterStart));
        // Never cut a surrogate pair in half at the edges of the window.
        from -= from > 0 && char.IsLowSurrogate(text[from]) ? 1 : 0;
        to += to < text.Length && char.IsLowSurrogate(text[to]) ? 1 : 0;

        // Each hit marks what the hits before it did not, up to the window's end.
        var marks = new List<(int Start, int End)>();
        var at = from;
        foreach (var (start, end) in hits)
        {
            var (s, e) = (Math.Max(start, at), Math.Min(end, to));
            if (e > s)
            {
                marks.Add((s - from, e - from));
                at = e;
            }
        }

        return new Snippet(block.Anchor, text[from..first], text[first..firstEnd], text[firstEnd..to], marks, from > 0, to < text.Length);
    }
}
