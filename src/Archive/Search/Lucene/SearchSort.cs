namespace Archive.Search.Lucene;

/// <summary>How results are ordered (FORMAT.md §3).</summary>
public enum SearchSort
{
    /// <summary>BM25 over the positive terms, with the dictionary-word boost; ties newer year first, then id.</summary>
    Relevance,

    /// <summary>Published date descending (unknown last), then year descending, then id.</summary>
    Date,
}
