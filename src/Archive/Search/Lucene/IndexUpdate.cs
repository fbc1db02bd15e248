namespace Archive.Search.Lucene;

/// <summary>What a build did to the Lucene index: reports (re)indexed, removed, and left as they were.</summary>
public sealed record IndexUpdate(int Indexed, int Removed, int Unchanged);
