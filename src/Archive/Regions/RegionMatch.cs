namespace Archive.Regions;

/// <summary>The division a text names, where it was named, how sure the lookup is (0 to 1) and why.</summary>
public sealed record RegionMatch(RegionPath Path, string MatchedText, int Index, double Confidence, string Reason);
