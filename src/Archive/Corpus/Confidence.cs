namespace Archive.Corpus;

/// <summary>How sure an inference about a report's metadata is.</summary>
public enum Confidence
{
    Unknown = 0,
    Low = 1,
    Medium = 2,
    High = 3,
}

/// <summary>Why a metadata field has the value it has: the importer's guess, its confidence and its reason.</summary>
public sealed record Inference(string Field, string? Value, Confidence Confidence, string Reason)
{
    public bool IsCertain => Confidence == Confidence.High;
}
