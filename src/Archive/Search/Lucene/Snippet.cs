namespace Archive.Search.Lucene;

/// <summary>A hit in context (KWIC): the text before it, the hit as written in the report, the text after, and the block it starts in.</summary>
public sealed record Snippet(string Anchor, string Before, string Match, string After);
