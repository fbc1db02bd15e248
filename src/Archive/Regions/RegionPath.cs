namespace Archive.Regions;

/// <summary>A division with its ancestors: province, then city (absent for municipalities and counties under a province), then district.</summary>
public sealed record RegionPath(Division Province, Division? City, Division? District)
{
    private static readonly HashSet<string> MunicipalityCodes = ["110000", "120000", "310000", "500000"];

    /// <summary>The most specific division of the path.</summary>
    public Division Leaf => District ?? City ?? Province;

    /// <summary>The names from province down, as written in an address: "广东省 深圳市 罗湖区", "天津市 河东区".</summary>
    public string DisplayName => string.Join(' ', Divisions.Select(d => d.Name));

    /// <summary>Whether the province is one of 北京, 天津, 上海, 重庆, whose districts have no city level.</summary>
    public bool IsMunicipality => MunicipalityCodes.Contains(Province.Code);

    /// <summary>The divisions of the path from province down.</summary>
    public IEnumerable<Division> Divisions => new[] { Province, City, District }.OfType<Division>();
}
