namespace Archive.Import;

/// <summary>The kinds of department the importer can recognise in a bureau's name or in a report's content.</summary>
public static class DepartmentKinds
{
    public const string GovernmentSlug = "gov";

    public static IReadOnlyList<DepartmentKind> All { get; } =
    [
        new("hrss", "人力资源和社会保障", ["局", "厅", "部"], ["人力资源局", "人力资源社会保障局", "人力社保局", "人社局", "人社厅", "劳动和社会保障局", "劳动保障局"],
            ["人社", "劳动", "就业", "社会保险", "社保", "欠薪", "劳动保障监察", "劳动人事争议", "仲裁", "农民工工资"]),
        new(GovernmentSlug, "人民政府", [""], ["国务院", "政府"], []),
        new("npc", "人民代表大会", [""], ["人大常委会", "人民代表大会常务委员会"], []),
        new("justice", "司法", ["局", "厅", "部"], ["司法行政局"], ["司法行政", "公共法律服务", "人民调解", "社区矫正", "律师"]),
        new("samr", "市场监督管理", ["局", "总局"], ["市场监管局"], ["市场监管", "食品安全", "特种设备", "知识产权", "质量监督"]),
        new("eco", "生态环境", ["局", "厅", "部"], ["环保局", "环境保护局"], ["生态环境", "环境影响评价", "污染", "排污"]),
        new("edu", "教育", ["局", "厅", "部"], ["教体局", "教育和体育局"], ["学校", "教育", "教师", "学生"]),
        new("health", "卫生健康", ["委员会", "局"], ["卫健委", "卫健局", "卫生健康委"], ["医疗", "卫生", "疾控", "医院"]),
        new("police", "公安", ["局", "厅", "部"], ["公安分局"], ["公安", "治安", "交警", "户籍"]),
        new("tax", "税务", ["局", "总局"], [], ["税务", "纳税", "税收", "发票"]),
        new("transport", "交通运输", ["局", "厅", "部"], ["交通局"], ["交通运输", "道路运输", "公路", "航道"]),
        new("nr", "自然资源", ["局", "厅", "部"], ["规划和自然资源局", "自然资源和规划局", "国土资源局"], ["自然资源", "国土空间", "不动产登记", "耕地"]),
        new("housing", "住房和城乡建设", ["局", "厅", "部"], ["住建局", "住房城乡建设局"], ["住房", "建筑工程", "物业", "城乡建设"]),
        new("civil", "民政", ["局", "厅", "部"], [], ["民政", "社会救助", "养老服务", "婚姻登记", "殡葬"]),
        new("finance", "财政", ["局", "厅", "部"], [], ["财政", "预算", "政府采购", "国有资产"]),
        new("emergency", "应急管理", ["局", "厅", "部"], ["应急局"], ["应急管理", "安全生产", "防灾减灾", "消防"]),
    ];

    public static DepartmentKind? Find(string slug) => All.FirstOrDefault(k => k.Slug == slug);

    /// <summary>The kind whose name the given bureau name ends with, and the ending found.</summary>
    public static (DepartmentKind Kind, string Ending)? ByBureauName(string name)
    {
        var best = All.SelectMany(k => k.NameEndings.Where(e => e.Length > 0).Select(e => (Kind: k, Ending: e)))
            .Where(c => name.EndsWith(c.Ending, StringComparison.Ordinal))
            .OrderByDescending(c => c.Ending.Length)
            .FirstOrDefault();
        return best.Kind is null ? null : best;
    }
}
