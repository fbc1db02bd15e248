namespace Archive.Regions;

/// <summary>Every name of every division, and the scan that finds them in a text.</summary>
internal sealed class RegionNameIndex
{
    // Full names that are also ordinary words (新城区 "new town area", 沿海城市 holds 海城市): they must start a word.
    private static readonly HashSet<string> WordLikeNames =
        ["新城区", "城中区", "城东区", "城西区", "城北区", "城南区", "城关区", "市中区", "市南区", "市北区", "新市区", "解放区", "海城市"];

    // City short names that are ordinary words or other things' names (长治久安, 幸福安康, 文山会海, 朝阳产业, 中山大学):
    // they count only after their province's name.
    private static readonly HashSet<string> WordLikeShortNames =
    [
        "白银", "阿里", "来宾", "大同", "红河", "普洱", "中山", "黄山", "安康", "四平", "长治", "海东", "海北", "海西", "海南",
        "山南", "兴安", "文山", "玉树", "怒江", "日照", "北海", "海口", "大理", "朝阳", "吕梁", "三明", "大庆",
    ];

    // Characters that may stand right before a name that must start a word.
    private const string WordStarts = "年于在赴驻至到从向和与及对是";

    // A suffix character followed by one of these is the start of another word: 区域, 市场, 县域, 旗帜.
    private static readonly Dictionary<char, string> SuffixWords = new() { ['区'] = "域块", ['市'] = "场", ['县'] = "域", ['旗'] = "帜" };

    // After a short name these make it part of a street, river bank or institution: 中山路, 河北岸, 吉林大学.
    private static readonly string[] PlaceWords =
        ["路", "街", "巷", "岸", "桥", "畔", "麓", "侧", "大道", "大街", "大学", "学院", "中学", "小学", "公园", "广场", "大厦", "宾馆", "酒店", "饭店"];

    // No province, city and district names put together are longer; longer texts are never a bare name.
    private const int LongestWholeName = 48;

    private readonly Dictionary<string, RegionAlias[]>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly Dictionary<int, int[]> lengthsByPrefix;

    public RegionNameIndex(DivisionTable table)
    {
        var all = new List<RegionAlias>();
        foreach (var division in table.All)
        {
            all.Add(new RegionAlias(division.Name, division, false, FullNameGate(division.Name)));
            all.AddRange(DivisionName.CommonForms(division.Name)
                .Select(form => new RegionAlias(form, division, false, FullNameGate(form))));
            if (division.ShortName != division.Name)
            {
                all.Add(new RegionAlias(division.ShortName, division, true, ShortNameGate(division)));
            }
        }

        var aliases = all.DistinctBy(a => (a.Text, a.Division.Code))
            .GroupBy(a => a.Text, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        lookup = aliases.GetAlternateLookup<ReadOnlySpan<char>>();
        lengthsByPrefix = aliases.Keys.GroupBy(k => Prefix(k, 0))
            .ToDictionary(g => g.Key, g => g.Select(k => k.Length).Distinct().OrderDescending().ToArray());
    }

    /// <summary>The names in running text, left to right; at each place the longest name that passes its gate wins.</summary>
    public List<RegionMention> Scan(string text)
    {
        var mentions = new List<RegionMention>();
        RegionMention? previous = null;
        var i = 0;
        while (i < text.Length)
        {
            var mention = MentionAt(text, i, previous, whole: false);
            if (mention is null)
            {
                i++;
                continue;
            }

            mentions.Add(mention);
            previous = mention;
            i = mention.End;
        }

        return mentions;
    }

    /// <summary>
    /// The mentions of a text that is nothing but a name, or a chain of names each inside the one before (广东深圳罗湖),
    /// or null when it is something else. Gates do not apply: a bare 罗湖 or 东区 is a name.
    /// </summary>
    public List<RegionMention>? ScanWhole(string text)
    {
        if (text.Length > LongestWholeName)
        {
            return null;
        }

        var name = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        var mentions = new List<RegionMention>();
        RegionMention? previous = null;
        var i = 0;
        while (i < name.Length)
        {
            var mention = MentionAt(name, i, previous, whole: true);
            if (mention is null || previous is not null && mention.Previous != previous)
            {
                return null;
            }

            mentions.Add(mention);
            previous = mention;
            i = mention.End;
        }

        return mentions.Count == 0 ? null : mentions;
    }

    private RegionMention? MentionAt(string text, int i, RegionMention? previous, bool whole)
    {
        // Every name has at least two characters; the first two rule out most places in a text at once.
        if (i + 1 >= text.Length || !lengthsByPrefix.TryGetValue(Prefix(text, i), out var lengths))
        {
            return null;
        }

        var adjacent = previous is not null && text.AsSpan(previous.End, i - previous.End).IsWhiteSpace();
        foreach (var length in lengths)
        {
            if (i + length > text.Length || !lookup.TryGetValue(text.AsSpan(i, length), out var targets))
            {
                continue;
            }

            var accepted = new List<RegionAlias>();
            foreach (var target in targets)
            {
                var underPrevious = adjacent && previous!.Candidates.Exists(c => c.Contains(target.Division));
                if (whole || underPrevious || Passes(target, text, i))
                {
                    accepted.Add(target);
                }
            }

            if (accepted.Count > 0)
            {
                return Link(new RegionMention(i, targets[0].Text, accepted.TrueForAll(a => a.IsShort), whole,
                    accepted.Select(a => a.Division).ToList()), adjacent ? previous : null);
            }
        }

        return null;
    }

    /// <summary>Narrows a name written right after a containing division's name to that division, and the other way round.</summary>
    private static RegionMention Link(RegionMention mention, RegionMention? previous)
    {
        var inside = previous is null ? [] : mention.Candidates.FindAll(c => previous.Candidates.Exists(p => p.Contains(c)));
        if (inside.Count == 0)
        {
            return mention;
        }

        mention.Candidates = inside;
        mention.Previous = previous;
        for (var inner = mention; inner.Previous is { } outer; inner = outer)
        {
            outer.Candidates = outer.Candidates.FindAll(o => inner.Candidates.Exists(o.Contains));
        }

        return mention;
    }

    private static bool Passes(RegionAlias alias, string text, int i)
    {
        var end = i + alias.Text.Length;
        var next = end < text.Length ? text[end] : '\0';
        if (SuffixWords.TryGetValue(alias.Text[^1], out var words) && words.Contains(next))
        {
            return false;
        }

        if (alias.IsShort && IsPlaceWord(text, end))
        {
            return false;
        }

        return alias.Gate switch
        {
            AliasGate.Always => true,
            AliasGate.Boundary => StartsWord(text, i) && next != '级',
            _ => false,
        };
    }

    private static bool IsPlaceWord(string text, int end)
    {
        var rest = text.AsSpan(end);
        foreach (var word in PlaceWords)
        {
            if (rest.StartsWith(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        // 洞庭湖北部 is not 湖北, but 湖北部分地区 and 河北部门 are.
        return rest.Length > 0 && rest[0] == '部' && (rest.Length == 1 || !"分门署委".Contains(rest[1]));
    }

    private static int Prefix(string text, int i) => text[i] << 16 | text[i + 1];

    private static bool StartsWord(string text, int i) =>
        i == 0 || !IsHan(text[i - 1]) || WordStarts.Contains(text[i - 1]);

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf';

    private static AliasGate FullNameGate(string name) => name switch
    {
        { Length: 2 } when name[1] == '区' => AliasGate.Ancestor,
        { Length: 2 } => AliasGate.Boundary,
        _ when WordLikeNames.Contains(name) => AliasGate.Boundary,
        _ => AliasGate.Always,
    };

    private static AliasGate ShortNameGate(Division division) => division.Level switch
    {
        DivisionLevel.Province => AliasGate.Always,
        DivisionLevel.City when !WordLikeShortNames.Contains(division.ShortName) => AliasGate.Boundary,
        _ => AliasGate.Ancestor,
    };
}
