using Archive.Corpus;
using Archive.Regions;

namespace Archive.Import;

/// <summary>The bureau a report is from, as inferred: its name, kind and region, each with confidence and reason.</summary>
public sealed record BureauGuess(Inference Bureau, Inference Region, RegionPath? RegionPath, DepartmentKind? Department);
