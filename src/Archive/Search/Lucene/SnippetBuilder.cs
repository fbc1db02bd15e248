using Archive.Search.Contract;

namespace Archive.Search.Lucene;

/// <summary>Turns hits in normalized text back into the original text around them (KWIC), linked to their block.</summary>
public static class SnippetBuilder
{
    /// <summary>About this many characters of context on each side of a hit.</summary>
    public const int ContextLength = 30;

    /// <summary>Up to <paramref name="max"/> snippets for the first non-overlapping hits in reading order.</summary>
    public static List<Snippet> Build(SearchableText text, IEnumerable<TermHit> hits, int max)
    {
        var ordered = hits.OrderBy(h => h.Start).ThenByDescending(h => h.Length).ToList();
        var snippets = new List<Snippet>();
        var joined = text.Joined;
        var covered = 0;
        foreach (var hit in ordered)
        {
            if (snippets.Count == max)
            {
                break;
            }

            if (hit.Start < covered)
            {
                continue;
            }

            covered = hit.End;
            var (start, end) = text.Normalized.SourceSpan(hit.Start, hit.End);
            var (block, blockStart) = text.BlockAt(start);
            var (lastBlock, lastBlockStart) = text.BlockAt(Math.Max(start, end - 1));
            var lastBlockEnd = lastBlockStart + text.Blocks[lastBlock].Text.Length;
            var from = Math.Max(blockStart, start - ContextLength);
            var to = Math.Min(lastBlockEnd, end + ContextLength);
            // Never cut a surrogate pair in half at the edges of the context.
            from += from < start && char.IsLowSurrogate(joined[from]) ? 1 : 0;
            to -= to > end && char.IsHighSurrogate(joined[to - 1]) ? 1 : 0;
            var before = joined[from..start];
            var after = joined[end..to];
            snippets.Add(new Snippet(text.Blocks[block].Anchor, before, joined[start..end].Replace('\n', ' '), after));
        }

        return snippets;
    }
}
