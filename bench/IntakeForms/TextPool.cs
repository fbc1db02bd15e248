using System.Text.RegularExpressions;
using Archive.Corpus;
using Archive.Import;
using Archive.Regions;

namespace IntakeForms;

/// <summary>A real paragraph (or subheading) with where it came from: the year it was written about, its home place, its subject.</summary>
internal sealed record Borrowed(string Text, int Year, IReadOnlyList<Division> Home, string Topic, string Origin);

/// <summary>
/// Real paragraphs, read at run time from the test fixtures: the five seed reports (all 人力资源和社会保障局 reports) and
/// the 31 provincial government work reports (.docx, through the product's own DocxReader). Each paragraph is filed
/// under the department its words belong to (DepartmentKinds' keywords) or as generic law-based-government prose.
/// </summary>
internal sealed partial class TextPool
{
    // The seeds' own places and the year each reports on (read from their titles and text).
    private static readonly Dictionary<string, (string Code, int Year)> SeedHomes = new()
    {
        ["000"] = ("440303", 2020), // 深圳市罗湖区人力资源局
        ["001"] = ("120102", 2023), // 天津市河东区人力资源和社会保障局
        ["002"] = ("330502", 2020), // 湖州市吴兴区人力资源和社会保障局
        ["003"] = ("440105", 2021), // 广州市海珠区人力资源和社会保障局
        ["004"] = ("440600", 2020), // 佛山市人力资源和社会保障局
    };

    // The provincial reports are for 2025 and review 2024.
    private const int ProvincialYear = 2024;

    private readonly DivisionTable table;

    private TextPool(DivisionTable table, List<Borrowed> paragraphs, List<Borrowed> headings)
    {
        this.table = table;
        Paragraphs = paragraphs;
        Headings = headings;
    }

    public IReadOnlyList<Borrowed> Paragraphs { get; }

    public IReadOnlyList<Borrowed> Headings { get; }

    public string Summary =>
        $"{Paragraphs.Count} paragraphs ({string.Join(", ", Paragraphs.GroupBy(p => (p.Origin.EndsWith(".docx", StringComparison.Ordinal) ? "work reports " : "seeds ") + p.Topic).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))}), {Headings.Count} subheadings";

    public static TextPool Load(string fixtures, DivisionTable table)
    {
        var paragraphs = new List<Borrowed>();
        var headings = new List<Borrowed>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(fixtures, "seeds"), "*.txt").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var lines = Clean(File.ReadAllLines(file));
            var (home, year) = SeedHomes.TryGetValue(name[..3], out var known)
                ? (HomeOf(table, known.Code), known.Year)
                : ([], MostCommonYear(lines) ?? 2020);
            foreach (var line in lines)
            {
                var level = BodyParser.HeadingLevel(line);
                var text = level > 0 ? Numbering().Replace(line, "") : line;
                if (level >= 2)
                {
                    var stop = text.IndexOf('。');
                    var heading = stop > 0 ? text[..stop] : text;
                    if (heading.Length is >= 6 and <= 30 && !YearToken().IsMatch(heading))
                    {
                        headings.Add(new Borrowed(heading, year, home, SeedTopic(heading), name));
                    }

                    text = stop > 0 ? text[(stop + 1)..] : "";
                }

                if (level != 1 && IsProse(text))
                {
                    paragraphs.Add(new Borrowed(Trimmed(text), year, home, SeedTopic(text), name));
                }
            }
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(fixtures, "provincial"), "*.docx").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var province = table.Provinces.FirstOrDefault(p => name.Contains(p.Name, StringComparison.Ordinal))
                ?? table.Provinces.FirstOrDefault(p => name.Contains(p.ShortName, StringComparison.Ordinal));
            var home = province is null ? [] : HomeOf(table, province.Code);
            foreach (var line in Clean(DocxReader.Read(File.ReadAllBytes(file), name)))
            {
                if (BodyParser.HeadingLevel(line) == 0 && IsProse(line) && !WorkReportOnly().IsMatch(line))
                {
                    paragraphs.Add(new Borrowed(Trimmed(line), ProvincialYear, home, TopicOf(line), name));
                }
            }
        }

        return new TextPool(table, paragraphs, headings);
    }

    /// <summary>
    /// The paragraph as the given bureau would have written it about the given year: its years moved by the same
    /// distance (ranges such as 2021-2025年 kept), its home places replaced by the bureau's own (unless kept as noise),
    /// and 我局 said as the bureau says it (我委, 我厅, 我县).
    /// </summary>
    public string Rewrite(Borrowed paragraph, Bureau bureau, int year, bool keepPlaces)
    {
        var shift = year - paragraph.Year;
        var text = Year().Replace(paragraph.Text, m =>
        {
            var y = int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture) + shift;
            return y is >= 1990 and <= 2030 ? y.ToString(System.Globalization.CultureInfo.InvariantCulture) : m.Value;
        });
        if (!keepPlaces)
        {
            text = ReplacePlaces(text, paragraph.Home, bureau);
        }

        return Voice(text, bureau, paragraph.Origin.EndsWith(".docx", StringComparison.Ordinal));
    }

    private static string Voice(string text, Bureau bureau, bool fromWorkReport)
    {
        var u = bureau.Unit;
        if (fromWorkReport && !bureau.IsGovernment)
        {
            text = text.Replace("我们", "我" + u, StringComparison.Ordinal);
        }

        if (u == "局")
        {
            return text;
        }

        var head = bureau.IsGovernment ? u + "政府" : u;
        return text.Replace("我局", "我" + u, StringComparison.Ordinal)
            .Replace("本局", "本" + u, StringComparison.Ordinal)
            .Replace("局党组", head + "党组", StringComparison.Ordinal)
            .Replace("局机关", head + "机关", StringComparison.Ordinal)
            .Replace("全局", "全" + u, StringComparison.Ordinal)
            .Replace("局领导", head + "领导", StringComparison.Ordinal);
    }

    // Names of every division (full names only, three characters or more) and short names of the paragraph's home places.
    private Dictionary<string, (Division Division, bool Short)>? fullNames;

    private string ReplacePlaces(string text, IReadOnlyList<Division> home, Bureau bureau)
    {
        fullNames ??= table.All.Where(d => d.Name.Length >= 3 && d.Code[..2] is not ("71" or "81" or "82"))
            .GroupBy(d => d.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (g.First(), false), StringComparer.Ordinal);
        var shortNames = home.Where(d => d.ShortName.Length >= 2 && d.ShortName != d.Name)
            .GroupBy(d => d.ShortName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (g.First(), true), StringComparer.Ordinal);
        var longest = 12;
        var output = new System.Text.StringBuilder(text.Length + 16);
        var i = 0;
        while (i < text.Length)
        {
            var matched = false;
            for (var length = Math.Min(longest, text.Length - i); length >= 2 && !matched; length--)
            {
                var key = text.Substring(i, length);
                if (!fullNames.TryGetValue(key, out var found) && !shortNames.TryGetValue(key, out found))
                {
                    continue;
                }

                var target = TargetFor(found.Division.Level, bureau.Path);
                var replacement = found.Short && target.ShortName != target.Name ? target.ShortName : target.Name;
                // 广东省深圳市 in a province's report would become 浙江省浙江省: say it once.
                if (!EndsWith(output, replacement) && !EndsWith(output, target.Name))
                {
                    output.Append(replacement);
                }

                i += length;
                matched = true;
            }

            if (!matched)
            {
                output.Append(text[i]);
                i++;
            }
        }

        return output.ToString();
    }

    private static Division TargetFor(DivisionLevel level, RegionPath path) => level switch
    {
        DivisionLevel.Province => path.Province,
        DivisionLevel.City => path.City ?? (path.IsMunicipality ? path.Province : path.District ?? path.Province),
        _ => path.District ?? path.City ?? path.Province,
    };

    private static bool EndsWith(System.Text.StringBuilder sb, string s)
    {
        if (sb.Length < s.Length)
        {
            return false;
        }

        for (var k = 0; k < s.Length; k++)
        {
            if (sb[sb.Length - s.Length + k] != s[k])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The department a text's words belong to, or "generic".</summary>
    public static string TopicOf(string text)
    {
        var best = DepartmentKinds.All.Where(k => k.Keywords.Count > 0)
            .Select(k => (k.Slug, Score: 3 * k.NameEndings.Sum(e => Count(text, e)) + k.Keywords.Sum(w => Count(text, w))))
            .OrderByDescending(s => s.Score)
            .First();
        return best.Score >= 1 ? best.Slug : "generic";
    }

    // The seeds are all 人社 reports: a paragraph is theirs when it has any of 人社's words, else it is prose any bureau writes.
    private static string SeedTopic(string text)
    {
        var hrss = DepartmentKinds.Find("hrss")!;
        return hrss.NameEndings.Concat(hrss.Keywords).Any(w => text.Contains(w, StringComparison.Ordinal)) ? "hrss" : "generic";
    }

    /// <summary>Whether the text names a department (人社局, 司法局…), so it would name a bureau.</summary>
    public static bool NamesADepartment(string text) =>
        DepartmentKinds.All.Where(k => k.Keywords.Count > 0).SelectMany(k => k.NameEndings).Any(e => text.Contains(e, StringComparison.Ordinal));

    private static int Count(string text, string word)
    {
        var n = 0;
        for (var i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + word.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    private static List<Division> HomeOf(DivisionTable table, string code)
    {
        var path = table.PathOf(code);
        var home = path.Divisions.ToList();
        if (path.Leaf.Level == DivisionLevel.Province)
        {
            home.AddRange(table.ChildrenOf(code).Where(c => c.Level == DivisionLevel.City));
        }

        return home;
    }

    // The product's own cleaning, so page chrome and broken lines of the scraped seeds do not become paragraphs.
    private static List<string> Clean(IReadOnlyList<string> lines)
    {
        var first = ChromeStripper.Strip(lines);
        return ChromeStripper.Strip(LineJoiner.Join(first.Kept)).Kept.ToList();
    }

    private static bool IsProse(string line) =>
        line.Length >= 40 && line.Contains('。') && !PublishedInference.IsDateLine(line) && !line.Contains("报告如下", StringComparison.Ordinal);

    // Long paragraphs end at a sentence, so a report is a few pages, as most are.
    private static string Trimmed(string text)
    {
        if (text.Length <= 420)
        {
            return text;
        }

        var stop = text.LastIndexOf('。', 420);
        return stop > 60 ? text[..(stop + 1)] : text;
    }

    private static int? MostCommonYear(IEnumerable<string> lines) =>
        lines.SelectMany(l => YearToken().Matches(l)).GroupBy(m => m.Value).OrderByDescending(g => g.Count())
            .Select(g => (int?)int.Parse(g.Key[..4], System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();

    [GeneratedRegex(@"^([一二三四五六七八九十]{1,3}[、，,]|[（(][一二三四五六七八九十]{1,3}[）)]|[0-9０-９]{1,2}[.．、])\s*")]
    private static partial Regex Numbering();

    [GeneratedRegex(@"(19|20)\d{2}年")]
    private static partial Regex YearToken();

    // A year before 年, not one end of a range (2021-2025年, 2021年至2025年).
    [GeneratedRegex(@"(?<![\d\-–—－~～至])(19|20)\d{2}(?=\s*年)(?!\s*年\s*[\-–—－~～至])")]
    private static partial Regex Year();

    // A work report's address to the congress, not prose a bureau would write.
    [GeneratedRegex("各位代表|政府工作报告|本次会议|人民代表大会第|政协委员")]
    private static partial Regex WorkReportOnly();
}
