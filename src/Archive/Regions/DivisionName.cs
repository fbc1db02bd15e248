namespace Archive.Regions;

/// <summary>Derives the forms in which people write a division's name.</summary>
internal static class DivisionName
{
    // Longest first, so 自治州 is tried before 州-less suffixes and 新区 before 区.
    private static readonly string[] Suffixes =
        ["特别行政区", "自治区", "自治州", "自治县", "自治旗", "新区", "地区", "特区", "省", "市", "区", "县", "旗", "盟"];

    // Ethnic groups named in autonomous divisions (广西壮族自治区, 黔东南苗族侗族自治州); longest first, so 土家族 goes before 土族.
    private static readonly string[] Ethnicities =
    [
        "乌孜别克族", "柯尔克孜族", "维吾尔族", "哈萨克族", "达斡尔族", "鄂伦春族", "鄂温克族", "俄罗斯族", "塔吉克族",
        "塔塔尔族", "蒙古族", "布依族", "朝鲜族", "土家族", "哈尼族", "傈僳族", "拉祜族", "东乡族", "纳西族", "景颇族",
        "仫佬族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族", "德昂族", "保安族", "裕固族",
        "独龙族", "赫哲族", "门巴族", "珞巴族", "基诺族", "高山族", "回族", "藏族", "苗族", "彝族", "壮族",
        "满族", "侗族", "瑶族", "白族", "傣族", "黎族", "佤族", "畲族", "水族", "土族", "羌族", "怒族", "京族", "各族",
        // Some names use the people's name without 族: 新疆维吾尔自治区, 伊犁哈萨克自治州, 克孜勒苏柯尔克孜自治州.
        "柯尔克孜", "维吾尔", "哈萨克", "塔吉克", "蒙古", "锡伯",
    ];

    /// <summary>The name without its administrative suffix, or the whole name where too little would be left.</summary>
    public static string Shorten(string name)
    {
        if (name == "神农架林区")
        {
            // The only 林区; stripping 林区 elsewhere would cut 万柏林区 to 万柏.
            return "神农架";
        }

        if (name.Length > 2 && name[^1] == '旗' && "左右前中后".Contains(name[^2]))
        {
            // 乌拉特前旗 would become 乌拉特前: such banners are only ever written whole.
            return name;
        }

        foreach (var suffix in Suffixes)
        {
            if (!name.EndsWith(suffix, StringComparison.Ordinal) || name.Length - suffix.Length < 2)
            {
                continue;
            }

            var stem = name[..^suffix.Length];
            return suffix.StartsWith("自治", StringComparison.Ordinal) ? WithoutEthnicities(stem) : stem;
        }

        return name;
    }

    /// <summary>Further names in common use for autonomous divisions: 恩施州, 长阳县, 广西自治区.</summary>
    public static IEnumerable<string> CommonForms(string name)
    {
        string[] autonomous = ["自治区", "自治州", "自治县", "自治旗"];
        foreach (var suffix in autonomous)
        {
            if (!name.EndsWith(suffix, StringComparison.Ordinal))
            {
                continue;
            }

            var shortName = Shorten(name);
            var common = shortName + (suffix == "自治区" ? suffix : suffix[^1..]);
            if (shortName != name && common != name)
            {
                yield return common;
            }
        }
    }

    private static string WithoutEthnicities(string stem)
    {
        var rest = stem;
        string? ethnicity;
        while ((ethnicity = Array.Find(Ethnicities, e => rest.Length - e.Length >= 2 && rest.EndsWith(e, StringComparison.Ordinal))) is not null)
        {
            rest = rest[..^ethnicity.Length];
        }

        // 东乡族自治县, 鄂温克族自治旗: the place is named after its people, so their name is the short name.
        return rest == stem && stem.EndsWith('族') ? stem[..^1] : rest;
    }
}
