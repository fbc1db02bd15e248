namespace Archive.Regions;

/// <summary>One administrative division: a province, a prefecture-level city or a county-level district.</summary>
public sealed record Division(string Code, string Name, DivisionLevel Level, string? ParentCode)
{
    /// <summary>The name as people write it without the administrative suffix: 广东省→广东, 广西壮族自治区→广西, 罗湖区→罗湖.</summary>
    public string ShortName => DivisionName.Shorten(Name);

    /// <summary>Whether <paramref name="other"/> lies inside this division; GB/T 2260 codes spell out the hierarchy.</summary>
    internal bool Contains(Division other) =>
        other.ParentCode == Code
        || Level == DivisionLevel.Province && other.Code != Code && other.Code.AsSpan(0, 2).SequenceEqual(Code.AsSpan(0, 2));
}
