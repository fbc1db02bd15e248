using Archive.Import;
using Archive.Regions;

namespace IntakeForms;

/// <summary>A real bureau of a real place: who writes the report, and the names it goes by.</summary>
internal sealed record Bureau(RegionPath Path, DepartmentKind Kind, string Department, string Category)
{
    public Division Leaf => Path.Leaf;

    public bool IsGovernment => Kind.Slug == DepartmentKinds.GovernmentSlug;

    /// <summary>The name as the archive files it: the region as <see cref="BureauNaming.RegionalName"/> writes it, then the department.</summary>
    public string FullName => BureauNaming.RegionalName(Path) + Department;

    /// <summary>The name the bureau writes itself by in full: <see cref="FullName"/>, except that places under a province write no province (仙桃市应急管理局).</summary>
    public string OwnName => Category == "省直辖县级" ? LeafName : FullName;

    /// <summary>The bureau's own place only: 吴兴区人力资源和社会保障局, 仙桃市司法局, 湖州市民政局.</summary>
    public string LeafName => Leaf.Name + Department;

    /// <summary>The name in common use for autonomous places (恩施州民政局, 长阳县教育局), or null.</summary>
    public string? CommonFormName
    {
        get
        {
            foreach (var suffix in new[] { "自治州", "自治县", "自治旗" })
            {
                if (Leaf.Name.EndsWith(suffix, StringComparison.Ordinal) && Leaf.ShortName != Leaf.Name)
                {
                    return Leaf.ShortName + suffix[^1] + Department;
                }
            }

            return null;
        }
    }

    /// <summary>How a 来源 line or a colleague writes it for short: 吴兴区人社局, 湖州市政府.</summary>
    public IReadOnlyList<string> ShortNames =>
        IsGovernment ? [Leaf.Name + "政府", Leaf.Name + "人民政府"]
        : Kind.OtherNames.Count == 0 ? [LeafName]
        : Kind.OtherNames.Take(2).Select(n => Leaf.Name + n).Append(LeafName).ToList();

    /// <summary>The one character the bureau calls itself by: 局 (我局), 厅, 委, or the place's for a government (我县, 我区).</summary>
    public string Unit => IsGovernment ? PlaceUnit(Leaf)
        : Department.EndsWith("委员会", StringComparison.Ordinal) ? "委"
        : Department.EndsWith('厅') ? "厅"
        : "局";

    /// <summary>Whoever the bureau answers to, as a report's preamble names them: 区委、区政府; 市委、市政府 for a district government.</summary>
    public string Superiors
    {
        get
        {
            if (!IsGovernment)
            {
                var u = PlaceUnit(Leaf);
                return Leaf.Name.EndsWith("自治区", StringComparison.Ordinal) ? "自治区党委、自治区人民政府"
                    : u is "地区" or "盟" ? $"{u[0]}委、行署"
                    : $"{u}委、{u}政府";
            }

            return Path.Leaf.Level switch
            {
                DivisionLevel.Province => "党中央、国务院",
                DivisionLevel.City => "省委、省政府",
                _ when Path.City is null => Path.IsMunicipality ? "市委、市政府" : "省委、省政府",
                _ => "市委、市政府",
            };
        }
    }

    public static string PlaceUnit(Division d) =>
        d.Name.EndsWith("自治区", StringComparison.Ordinal) ? "区"
        : d.Name.EndsWith("自治州", StringComparison.Ordinal) ? "州"
        : d.Name.EndsWith("地区", StringComparison.Ordinal) ? "地区"
        : d.Name[^1] is '省' or '市' or '区' or '县' or '旗' or '盟' ? d.Name[^1].ToString()
        : "区";
}

/// <summary>Chooses bureaus from the product's GB/T 2260 table: mostly districts and counties, some cities and provinces.</summary>
internal sealed class BureauPlanner
{
    // The departments the brief asks for, by the product's slugs (DepartmentKinds.All), and the government.
    private static readonly string[] Slugs =
        ["hrss", "justice", "eco", "samr", "transport", "edu", "civil", "finance", "nr", "housing", "emergency", "health", DepartmentKinds.GovernmentSlug];

    private static readonly HashSet<string> Municipalities = ["110000", "120000", "310000", "500000"];

    private readonly List<(string Category, IReadOnlyList<Division> Places, double Weight)> categories;
    private readonly DivisionTable table;

    public BureauPlanner(DivisionTable table)
    {
        this.table = table;
        var all = table.All.Where(d => d.Code[..2] is not ("71" or "81" or "82")).ToList();
        bool UnderCity(Division d) => d.ParentCode is { } p && table.Find(p)!.Level == DivisionLevel.City;
        bool Special(Division d) =>
            d.Name.EndsWith("自治县", StringComparison.Ordinal) || d.Name.EndsWith("旗", StringComparison.Ordinal)
            || d.Name.EndsWith("新区", StringComparison.Ordinal) || d.Name.EndsWith("林区", StringComparison.Ordinal)
            || d.Name.EndsWith("特区", StringComparison.Ordinal) || d.Name.EndsWith("矿区", StringComparison.Ordinal);
        var districts = all.Where(d => d.Level == DivisionLevel.District).ToList();
        categories =
        [
            ("市辖区", districts.Where(d => UnderCity(d) && d.Name.EndsWith('区') && !Special(d)).ToList(), 30),
            ("县", districts.Where(d => UnderCity(d) && d.Name.EndsWith('县') && !Special(d)).ToList(), 16),
            ("自治县/旗/特殊区", districts.Where(Special).ToList(), 10),
            ("县级市", districts.Where(d => UnderCity(d) && d.Name.EndsWith('市')).ToList(), 7),
            ("省直辖县级", districts.Where(d => !UnderCity(d) && !Municipalities.Contains(d.ParentCode!)).ToList(), 8),
            ("直辖市区县", districts.Where(d => Municipalities.Contains(d.ParentCode!)).ToList(), 7),
            ("地级市", all.Where(d => d.Level == DivisionLevel.City && d.Name.EndsWith('市')).ToList(), 10),
            ("自治州/盟/地区", all.Where(d => d.Level == DivisionLevel.City && !d.Name.EndsWith('市')).ToList(), 6),
            ("省级", all.Where(d => d.Level == DivisionLevel.Province).ToList(), 6),
        ];
    }

    public Bureau Choose(Draw draw)
    {
        var (category, places, _) = draw.Weighted(categories.Select(c => (c, c.Weight)).ToList());
        var place = draw.Pick(places);
        var path = table.PathOf(place.Code);
        var slugs = Slugs.Where(s => s != DepartmentKinds.GovernmentSlug || GovernmentExists(place)).ToList();
        // A government is about one report in eight, each department about as often as the others.
        var slug = slugs.Contains(DepartmentKinds.GovernmentSlug) && draw.Chance(0.13) ? DepartmentKinds.GovernmentSlug
            : draw.Pick(slugs.Where(s => s != DepartmentKinds.GovernmentSlug).ToList());
        var kind = DepartmentKinds.Find(slug)!;
        return new Bureau(path, kind, DepartmentName(kind, path), category);
    }

    // 地区 and 盟 are run by an administrative office (行政公署), not a people's government.
    private static bool GovernmentExists(Division d) =>
        !d.Name.EndsWith("地区", StringComparison.Ordinal) && !d.Name.EndsWith('盟');

    /// <summary>The department's real name at the place's level: 厅 in a province (not a municipality), 局 elsewhere; 卫生健康委员会 and 市场监督管理局 everywhere.</summary>
    private static string DepartmentName(DepartmentKind kind, RegionPath path)
    {
        if (kind.Slug == DepartmentKinds.GovernmentSlug)
        {
            return "人民政府";
        }

        var provincial = path is { City: null, District: null } && !path.IsMunicipality;
        return provincial && kind.Suffixes.Contains("厅") ? kind.Core + "厅" : kind.Name;
    }
}
