namespace Archive.Regions;

/// <summary>One way of writing a division's name, and when running text that contains it names the division.</summary>
internal sealed record RegionAlias(string Text, Division Division, bool IsShort, AliasGate Gate);
