using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Archive.Search.Contract;

namespace Archive.Search.Lucene;

/// <summary>Where a term occurs in the Lucene index: the reports that contain it, and its exact positions in each.</summary>
internal sealed class TermPositions(DirectoryReader reader, IndexSearcher searcher)
{
    /// <summary>
    /// For one code point, every token that starts with it (the bigrams it begins, and itself as a report's last
    /// code point); otherwise a phrase of the term's bigrams at their code point positions (FORMAT.md §5).
    /// </summary>
    public static Query QueryOf(string normalized)
    {
        var keys = Keys.Of(normalized);
        if (keys.Count == 1 && Keys.IsUnigram(normalized))
        {
            return new PrefixQuery(new Term(SearchFields.Exact, keys[0]));
        }

        var phrase = new PhraseQuery();
        for (var i = 0; i < keys.Count; i++)
        {
            phrase.Add(new Term(SearchFields.Exact, keys[i]), i);
        }

        return phrase;
    }

    /// <summary>The reports a query matches, in ascending doc order.</summary>
    public List<int> Documents(Query query)
    {
        var docs = searcher.Search(query, Math.Max(1, reader.MaxDoc)).ScoreDocs.Select(d => d.Doc).ToList();
        docs.Sort();
        return docs;
    }

    /// <summary>The reports containing a term (Lucene's answer) and, in each, where the term starts.</summary>
    public TermMatches Evaluate(string normalized)
    {
        var docs = Documents(QueryOf(normalized));
        var keys = Keys.Of(normalized);
        var positions = new List<Dictionary<int, int[]>>(keys.Count);
        foreach (var key in keys)
        {
            positions.Add(Keys.IsUnigram(normalized) ? PositionsOfCodePoint(key, docs) : PositionsOf(SearchFields.Exact, key, docs));
        }

        var hits = new Dictionary<int, int[]>();
        foreach (var doc in docs)
        {
            var starts = new List<int>();
            foreach (var start in positions[0].GetValueOrDefault(doc, []))
            {
                var all = true;
                for (var k = 1; k < keys.Count && all; k++)
                {
                    all = Array.BinarySearch(positions[k].GetValueOrDefault(doc, []), start + k) >= 0;
                }

                if (all)
                {
                    starts.Add(start);
                }
            }

            hits[doc] = [.. starts];
        }

        return new TermMatches(Keys.CodePointCount(normalized), WordSegmenter.IsOneWord(normalized), hits);
    }

    /// <summary>
    /// In each of the given documents (ascending), how often <paramref name="normalized"/> stands as whole words: as
    /// the run of SmartCn words it is made of (<paramref name="words"/>, which must spell it out), at consecutive
    /// positions of the words field. None when SmartCn's words do not spell the term (it is left unranked by words).
    /// </summary>
    public Dictionary<int, int> WordHits(string normalized, IReadOnlyList<string> words, List<int> docs)
    {
        var counts = new Dictionary<int, int>();
        if (words.Count == 0 || string.Concat(words) != normalized)
        {
            return counts;
        }

        var positions = words.Select(word => PositionsOf(SearchFields.Words, word, docs)).ToList();
        foreach (var (doc, starts) in positions[0])
        {
            var count = 0;
            foreach (var start in starts)
            {
                var all = true;
                for (var k = 1; k < words.Count && all; k++)
                {
                    all = Array.BinarySearch(positions[k].GetValueOrDefault(doc, []), start + k) >= 0;
                }

                count += all ? 1 : 0;
            }

            if (count > 0)
            {
                counts[doc] = count;
            }
        }

        return counts;
    }

    /// <summary>
    /// The positions of one code point in each of the given documents: those of every token that starts with it
    /// (one token per position, so they never coincide).
    /// </summary>
    private Dictionary<int, int[]> PositionsOfCodePoint(string codePoint, List<int> docs)
    {
        var all = new Dictionary<int, List<int>>();
        var terms = MultiFields.GetTerms(reader, SearchFields.Exact);
        var prefix = new BytesRef(codePoint);
        var iterator = terms?.GetEnumerator();
        if (iterator is null || iterator.SeekCeil(prefix) == TermsEnum.SeekStatus.END)
        {
            return [];
        }

        do
        {
            if (!StringHelper.StartsWith(iterator.Term, prefix))
            {
                break;
            }

            foreach (var (doc, starts) in PositionsOf(SearchFields.Exact, iterator.Term.Utf8ToString(), docs))
            {
                if (!all.TryGetValue(doc, out var list))
                {
                    all[doc] = list = [];
                }

                list.AddRange(starts);
            }
        }
        while (iterator.MoveNext());

        return all.ToDictionary(e => e.Key, e => e.Value.Order().ToArray());
    }

    /// <summary>The positions of a term in each of the given documents (ascending doc numbers), from its postings.</summary>
    private Dictionary<int, int[]> PositionsOf(string field, string key, List<int> docs)
    {
        var found = new Dictionary<int, int[]>();
        var postings = MultiFields.GetTermPositionsEnum(reader, MultiFields.GetLiveDocs(reader), field, new BytesRef(key));
        if (postings is null)
        {
            return found;
        }

        var current = -1;
        foreach (var doc in docs)
        {
            if (current < doc)
            {
                current = postings.Advance(doc);
            }

            if (current == DocIdSetIterator.NO_MORE_DOCS)
            {
                break;
            }

            if (current != doc)
            {
                continue;
            }

            var starts = new int[postings.Freq];
            for (var i = 0; i < starts.Length; i++)
            {
                starts[i] = postings.NextPosition();
            }

            found[doc] = starts;
        }

        return found;
    }
}

/// <summary>A term: its length, whether it is one dictionary word, and in each report where it starts.</summary>
internal sealed record TermMatches(int Length, bool IsWord, Dictionary<int, int[]> Hits);
