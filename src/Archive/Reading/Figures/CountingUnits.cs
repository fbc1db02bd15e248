namespace Archive.Reading.Figures;

/// <summary>A counting unit found after a number: how many characters it takes and the base unit it counts in.</summary>
internal readonly record struct UnitMatch(int Length, string Unit);

/// <summary>
/// The measure words and units a figure ends with (件, 人次, 万元's 元, %, 个百分点 …), each with the base unit its
/// value is counted in, and the words that merely begin with a unit's character (家庭, 条例, 期间), which end no figure.
/// </summary>
internal static class CountingUnits
{
    // Written form → base unit, longest forms first so that 人次 wins over 人 and 个百分点 over 个.
    private static readonly (string Written, string Unit)[] Units =
    [.. new (string, string)[]
    {
        ("个百分点", "个百分点"), ("百分点", "个百分点"), ("个工作日", "个工作日"), ("工作日", "个工作日"),
        ("平方公里", "平方公里"), ("平方千米", "平方公里"), ("平方米", "平方米"), ("立方米", "立方米"),
        ("个小时", "小时"), ("小时", "小时"), ("个月", "个月"), ("分钟", "分钟"), ("周岁", "岁"),
        ("千瓦时", "千瓦时"), ("千瓦", "千瓦"), ("千克", "千克"), ("公斤", "公斤"), ("公里", "公里"), ("千米", "公里"),
        ("公顷", "公顷"), ("标准箱", "标准箱"), ("标箱", "标准箱"), ("兆瓦", "兆瓦"), ("美元", "美元"), ("欧元", "欧元"), ("港元", "港元"),
        ("人次", "人次"), ("户次", "户次"), ("件次", "件次"), ("场次", "场次"), ("家次", "家次"), ("车次", "车次"),
        ("架次", "架次"), ("批次", "批次"), ("课时", "课时"), ("学时", "学时"),
        ("%", "%"), ("％", "%"), ("‰", "‰"), ("元", "元"), ("倍", "倍"), ("成", "成"), ("年", "年"), ("天", "天"),
        ("岁", "岁"), ("亩", "亩"), ("吨", "吨"), ("斤", "斤"), ("米", "米"),
        ("件", "件"), ("宗", "宗"), ("起", "起"), ("例", "例"), ("单", "单"), ("笔", "笔"), ("个", "个"), ("家", "家"),
        ("户", "户"), ("人", "人"), ("名", "名"), ("位", "位"), ("次", "次"), ("场", "场"), ("期", "期"), ("批", "批"),
        ("组", "组"), ("座", "座"), ("所", "所"), ("处", "处"), ("项", "项"), ("条", "条"), ("则", "则"), ("篇", "篇"),
        ("份", "份"), ("册", "册"), ("本", "本"), ("部", "部"), ("台", "台"), ("套", "套"), ("张", "张"), ("辆", "辆"),
        ("架", "架"), ("艘", "艘"), ("支", "支"), ("栋", "栋"), ("幢", "幢"), ("类", "类"), ("种", "种"), ("轮", "轮"),
        ("棵", "棵"), ("株", "株"), ("列", "列"), ("对", "对"), ("只", "只"), ("头", "头"), ("枚", "枚"), ("块", "块"),
    }.OrderByDescending(u => u.Item1.Length)];

    // A unit's character followed by one of these starts another word (家 + 庭 = 家庭 "family"), so the number before
    // it counts nothing in that unit.
    private static readonly Dictionary<char, string> WordsStartingWith = new()
    {
        ['家'] = "庭属长园乡居电政具",
        ['户'] = "籍口外型",
        ['人'] = "民才士大社工",
        ['名'] = "单称义誉牌片",
        ['条'] = "件例",
        ['场'] = "所景地合",
        ['台'] = "账风湾阶",
        ['所'] = "有在属以谓得",
        ['处'] = "理置罚分长室",
        ['批'] = "准复示评",
        ['组'] = "织建成合长",
        ['座'] = "谈",
        ['部'] = "分署长",
        ['期'] = "间限待望货刊",
        ['年'] = "级龄轻代华度",
        ['天'] = "津然气地下空",
        ['元'] = "旦素宵首化",
        ['例'] = "如会行",
        ['单'] = "位独一",
        ['个'] = "性别案",
        ['位'] = "于置数",
        ['种'] = "类植子",
        ['类'] = "别似型",
        ['次'] = "性",
        ['件'] = "性",
        ['项'] = "性",
        ['列'] = "入为",
        ['头'] = "部条号雁",
    };

    private static readonly HashSet<string> Durations = ["年", "天", "小时", "个月", "个工作日", "分钟"];

    // Units of amounts rather than of things counted one by one (件, 家, 人次 …).
    private static readonly HashSet<string> Amounts =
    [
        "%", "‰", "个百分点", "倍", "成", "元", "美元", "欧元", "港元", "岁", "亩", "吨", "斤", "米", "公里", "平方公里", "平方米",
        "立方米", "公顷", "千瓦", "千瓦时", "兆瓦", "千克", "公斤", "标准箱", "课时", "学时", .. Durations,
    ];

    /// <summary>The unit written at <paramref name="at"/>, with a 大/小 before it (5大项, 18小项), or null.</summary>
    public static UnitMatch? Match(string text, int at)
    {
        if (MatchPlain(text, at) is { } plain)
        {
            return plain;
        }

        // 大/小 only grade items of a list (5大项18小项); 三大先导产业 has no measure word at all.
        var graded = at < text.Length && text[at] is '大' or '小' ? MatchPlain(text, at + 1) : null;
        return graded is { Unit: "项" or "类" } item ? item with { Length = item.Length + 1 } : null;
    }

    // The units by their first character, longest first: asked after every number of every report.
    private static readonly Dictionary<char, (string Written, string Unit)[]> UnitsByFirst =
        Units.GroupBy(u => u.Written[0]).ToDictionary(g => g.Key, g => g.ToArray());

    private static UnitMatch? MatchPlain(string text, int at)
    {
        if (at >= text.Length || !UnitsByFirst.TryGetValue(text[at], out var units))
        {
            return null;
        }

        foreach (var (written, unit) in units)
        {
            if (string.CompareOrdinal(text, at, written, 0, written.Length) == 0)
            {
                return StartsAnotherWord(text, written, at + written.Length) ? null : new UnitMatch(written.Length, unit);
            }
        }

        return null;
    }

    /// <summary>A span of time (3年, 24小时, 20个工作日), which 一 counts even when it is not counting items.</summary>
    public static bool IsDuration(string unit) => Durations.Contains(unit);

    /// <summary>A measure word for things counted one by one (58件, 28个试验场), which the noun after it names.</summary>
    public static bool CountsThings(string unit) => !Amounts.Contains(unit);

    private static bool StartsAnotherWord(string text, string written, int next)
    {
        if (written == "成")
        {
            // 成 is a tenth only where a proportion ends (超六成的, 八成以上, 六成，); elsewhere it starts 成为, 成果 …
            return next < text.Length && char.IsLetter(text[next]) && text[next] is not ('的' or '以' or '左' or '多' or '余');
        }

        return written.Length == 1 && next < text.Length && WordsStartingWith.TryGetValue(written[0], out var followers)
            && followers.Contains(text[next]);
    }
}
