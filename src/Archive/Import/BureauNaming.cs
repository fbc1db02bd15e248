using Archive.Regions;

namespace Archive.Import;

/// <summary>Builds bureau names the way bureaus sign: the region as people write it, then the department.</summary>
public static class BureauNaming
{
    public const string NationalCode = "100000";

    /// <summary>深圳市罗湖区, 天津市河东区 (a municipality has no city level), 佛山市, 云南省.</summary>
    public static string RegionalName(RegionPath path) => path switch
    {
        { District: { } district, City: { } city } when !path.IsMunicipality => city.Name + district.Name,
        { District: { } district } => path.Province.Name + district.Name,
        { City: { } city } when !path.IsMunicipality => city.Name,
        _ => path.Province.Code == NationalCode ? "" : path.Province.Name,
    };

    private static readonly string[] Levels = ["省", "市", "州", "县", "区", "旗", "盟"];

    /// <summary>The department's part of a bureau name: what is left after the region's names at its start.</summary>
    public static string DepartmentPart(string name, RegionPath path)
    {
        // Short forms with their level kept are common in signatures and titles: 恩施州, 宽甸县, 鄂伦春旗.
        var names = new[] { path.Province, path.City, path.District }
            .Where(d => d is not null)
            .SelectMany(d => new[] { d!.Name, d.ShortName }.Concat(d.ShortName.Length == 0 ? [] : Levels.Select(level => d.ShortName + level)))
            .Where(n => n.Length > 0)
            .OrderByDescending(n => n.Length)
            .ToList();
        var rest = name;
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var n in names.Where(n => rest.StartsWith(n, StringComparison.Ordinal) && rest.Length > n.Length))
            {
                rest = rest[n.Length..];
                changed = true;
                break;
            }
        }

        return rest;
    }

    /// <summary>The usual name of a department of this kind at the region's level, e.g. 人力资源和社会保障厅 for a province.</summary>
    public static string DepartmentName(DepartmentKind kind, RegionPath? path) =>
        path is { City: null, District: null } && !path.IsMunicipality && kind.Suffixes.Count > 1 && path.Province.Code != NationalCode
            ? kind.Core + kind.Suffixes[1]
            : kind.Name;
}
