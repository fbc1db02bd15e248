namespace Archive.Search.Lucene;

/// <summary>An occurrence of a term in a report's normalized searchable text, in code points.</summary>
public readonly record struct TermHit(int Start, int Length)
{
    public int End => Start + Length;
}
