using System.Globalization;
using System.Text.RegularExpressions;

namespace IntakeForms;

/// <summary>
/// Writes one report's lines in a given form: its title (or none), a body of real paragraphs rewritten for the bureau
/// and year, and its closing (signature and date, in the ways bureaus sign), with the noise real reports carry.
/// </summary>
internal sealed partial class Composer(TextPool pool, BureauPlanner planner, IReadOnlyList<Archive.Regions.Division> provinces)
{
    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    private static readonly string[] OwnHeadings =
    [
        "加强组织领导，压实法治建设责任", "深化“放管服”改革，优化法治化营商环境", "健全依法决策机制，规范重大行政决策",
        "严格规范公正文明执法", "强化行政权力制约和监督", "依法有效化解社会矛盾纠纷", "加强规范性文件监督管理",
        "全面提升干部法治素养", "深入开展法治宣传教育", "推进政务公开和数字政府建设",
    ];

    private static readonly string[] PolicyDocuments =
    [
        "行政程序条例", "优化营商环境条例", "行政执法监督条例", "法治宣传教育条例", "公共法律服务条例", "行政复议条例",
        "重大行政决策程序规定", "行政规范性文件管理办法",
    ];

    public Report Compose(int number, string form, string layout, Draw d)
    {
        var bureau = planner.Choose(d);
        var year = d.Between(2015, 2024);
        var notes = new List<string>();
        if (form is "gb18030" or "docx" or "pdf")
        {
            notes.Add(layout);
        }

        notes.Add(bureau.Category);

        var anonymous = layout is "signature-only" or "title-without-bureau";
        var lastYear = form != "web-banner" && anonymous && d.Chance(0.22);
        if (lastYear)
        {
            notes.Add("上一年度");
        }

        var (signed, published) = Dates(form, layout, year, lastYear, d);
        var lines = new List<Line>();
        WebPage? page = null;
        if (form == "web-banner")
        {
            var titleName = TitleName(bureau, 0.7, d, notes);
            var title = $"{titleName}{year}年法治政府建设年度报告";
            lines.Add(new Line(title, Role.Title));
            page = Page(bureau, title, published!.Value, d, notes);
        }
        else
        {
            lines.AddRange(Title(layout, bureau, year, lastYear, d, notes));
        }

        if (form != "web-banner" && layout is "about-title" or "annual-work-report" && d.Chance(0.12))
        {
            lines.Add(new Line(bureau.Superiors + "：", Role.Salutation));
            notes.Add("称谓");
        }

        lines.AddRange(Body(bureau, year, lastYear, anonymous, d, notes));

        // A web page shows the signature and date under the text a little over half the time; files always sign.
        var sign = form != "web-banner" || d.Chance(0.55);
        if (sign)
        {
            lines.AddRange(Closing(bureau, signed, d, notes, form != "web-banner"));
        }

        if (d.Chance(0.07))
        {
            lines.Add(new Line($"附件：{(lastYear ? "上一年度" : year + "年度")}行政执法数据统计表", Role.After));
            notes.Add("附件");
        }

        return new Report(number, form, layout, bureau, year, published, lines, notes, page);
    }

    // The date under the signature and the date the report was made public (the page's date for a web page).
    private static (DateOnly? Signed, DateOnly? Published) Dates(string form, string layout, int year, bool lastYear, Draw d)
    {
        var kind = lastYear ? "early" : d.Weighted<string>([("early", 0.72), ("december", 0.08), ("late", 0.10), ("none", 0.10)]);
        if (kind == "none" && (form == "web-banner" || layout == "signature-only"))
        {
            kind = "early";
        }

        DateOnly? date = kind switch
        {
            "early" => new DateOnly(year + 1, 1, 5).AddDays(d.Between(0, 85)),
            "december" => new DateOnly(year, 12, 1).AddDays(d.Between(0, 30)),
            "late" => new DateOnly(year + 1, 4, 1).AddDays(d.Between(0, 90)),
            _ => null,
        };
        if (form != "web-banner" || date is null)
        {
            return (date, date);
        }

        // A page goes up some days after the report is signed.
        return (date.Value.AddDays(-d.Between(0, 12)), date);
    }

    private IEnumerable<Line> Title(string layout, Bureau bureau, int year, bool lastYear, Draw d, List<string> notes)
    {
        var covered = lastYear ? "上一年度" : year + "年";
        switch (layout)
        {
            case "about-title":
            case "annual-work-report":
                {
                    var name = TitleName(bureau, 0.65, d, notes);
                    var (first, rest) = layout == "about-title"
                        ? (name, $"关于{covered}法治政府建设工作情况的报告")
                        : (name + year + "年度", "法治政府建设工作报告");
                    if (d.Chance(0.12))
                    {
                        // Long titles are set on two lines.
                        notes.Add("两行标题");
                        return [new Line(first, Role.Title), new Line(rest, Role.Title)];
                    }

                    return [new Line(first + rest, Role.Title)];
                }

            case "title-without-bureau":
                return [new Line($"关于{covered}法治政府建设工作情况的报告", Role.Title)];
            default:
                return [];
        }
    }

    private IEnumerable<Line> Body(Bureau bureau, int year, bool lastYear, bool anonymous, Draw d, List<string> notes)
    {
        var used = new HashSet<Borrowed>();
        var self = "我" + bureau.Unit;
        string Self() => anonymous || d.Chance(0.5) ? self : bureau.OwnName;
        var outline = d.Chance(0.7) ? "four" : "three";
        var keepAt = d.Chance(0.08) ? d.Between(0, 3) : -1;
        if (keepAt >= 0)
        {
            notes.Add("他地地名");
        }

        var quoteAt = d.Chance(0.06) ? d.Between(0, 3) : -1;
        var paragraphs = 0;

        string Borrow()
        {
            var p = PickParagraph(bureau, year, lastYear, anonymous, used, d, keepAt == paragraphs);
            paragraphs++;
            return p;
        }

        var lines = new List<Line>();
        var covered = lastYear ? "上一年度" : year + "年度";
        var outlineText = year <= 2020 ? "法治政府建设实施纲要（2015—2020年）" : "法治政府建设实施纲要（2021—2025年）";
        lines.Add(new Line(d.Pick<string>(lastYear
            ?
            [
                $"上一年度，{self}在{bureau.Superiors}的正确领导下，坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，扎实推进法治政府建设各项工作。现将上一年度法治政府建设工作情况报告如下：",
                $"根据法治政府建设年度报告制度的有关要求，现将{self}上一年度法治政府建设工作情况报告如下：",
            ]
            :
            [
                $"{year}年，{Self()}在{bureau.Superiors}的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，认真落实《{outlineText}》各项部署，扎实推进法治政府建设。现将{covered}法治政府建设工作情况报告如下：",
                $"根据《法治政府建设与责任落实督察工作规定》有关要求，现将{Self()}{year}年法治政府建设工作情况报告如下：",
                $"{year}年以来，{Self()}紧紧围绕{bureau.Superiors}中心工作，把法治政府建设摆在突出位置，坚持依法决策、依法行政、依法履职，各项工作取得新成效。现将有关情况报告如下：",
            ]), Role.Body));
        if (d.Chance(0.4))
        {
            lines.Add(new Line(Borrow(), Role.Body));
        }

        lines.Add(new Line(d.Pick<string>(lastYear
            ? ["一、上一年度推进法治政府建设的主要举措和成效"]
            : [$"一、{covered}推进法治政府建设的主要举措和成效", $"一、{year}年法治政府建设工作情况", "一、推进法治政府建设的主要举措和成效"]), Role.Heading));
        var sections = d.Between(3, 5);
        for (var s = 0; s < sections; s++)
        {
            lines.Add(new Line($"（{Numerals[s]}）{PickHeading(bureau, year, used, d)}", Role.Heading));
            var count = d.Between(1, 2);
            for (var k = 0; k < count; k++)
            {
                lines.Add(new Line(Borrow(), Role.Body));
                if (quoteAt == s && k == 0)
                {
                    lines.Add(new Line(Quote(bureau, self, d), Role.Body));
                    notes.Add("引用他省文件");
                }
            }
        }

        var n = 1;
        if (outline == "four")
        {
            lines.Add(new Line($"{Numerals[n++]}、存在的不足和原因", Role.Heading));
            lines.Add(new Line($"{self}法治政府建设工作虽然取得了一定成效，但对照新形势新要求，仍存在一些不足：一是部分干部运用法治思维和法治方式解决问题的能力有待提升；二是行政执法规范化水平还需进一步提高；三是法治宣传教育的针对性和实效性有待加强。", Role.Body));
            lines.Add(new Line($"{Numerals[n++]}、党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况", Role.Heading));
            var head = bureau.IsGovernment ? bureau.Unit + "政府" : bureau.Unit;
            lines.Add(new Line($"{head}主要负责人切实履行推进法治建设第一责任人职责，年内{Numerals[d.Between(1, 5)]}次主持召开会议专题研究法治政府建设工作，带头学法用法，对重大行政决策、规范性文件和重大执法决定严格把关，做到重要工作亲自部署、重大问题亲自过问、重点环节亲自协调。", Role.Body));
        }
        else
        {
            lines.Add(new Line($"{Numerals[n++]}、存在的问题", Role.Heading));
            lines.Add(new Line($"对照上级要求和群众期盼，{self}法治政府建设还存在一些薄弱环节，主要是基层执法力量不足，执法人员业务能力参差不齐，部分领域监管手段还比较单一。", Role.Body));
        }

        lines.Add(new Line(d.Pick<string>(lastYear
            ? [$"{Numerals[n]}、下一年度推进法治政府建设的主要安排", $"{Numerals[n]}、下一步工作打算"]
            : [$"{Numerals[n]}、{year + 1}年度推进法治政府建设的主要安排", $"{Numerals[n]}、{year + 1}年工作打算", $"{Numerals[n]}、下一步工作打算"]), Role.Heading));
        lines.Add(new Line(Borrow(), Role.Body));
        lines.Add(new Line($"{(lastYear ? "下一年度" : d.Chance(0.5) ? year + 1 + "年" : "下一步")}，{self}将继续以习近平法治思想为指导，认真落实{bureau.Superiors}关于法治建设的决策部署，着力提升依法行政能力，深化行政执法规范化建设，加强对行政权力的制约和监督，推动法治政府建设再上新台阶。", Role.Body));
        return lines;
    }

    private string PickParagraph(Bureau bureau, int year, bool lastYear, bool anonymous, HashSet<Borrowed> used, Draw d, bool keepPlaces)
    {
        var topic = bureau.IsGovernment ? null : bureau.Kind.Slug;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var source = bureau.IsGovernment
                ? d.Weighted<string>([("docx", 0.5), ("seed-generic", 0.5)])
                : d.Weighted<string>([("topic", 0.45), ("seed-generic", 0.45), ("docx-generic", 0.10)]);
            var list = Candidates(source, topic);
            if (list.Count == 0)
            {
                continue;
            }

            var pick = d.Pick(list);
            if (used.Contains(pick) || (lastYear && YearToken().IsMatch(pick.Text)))
            {
                continue;
            }

            var text = pool.Rewrite(pick, bureau, year, keepPlaces);
            // Reports that name their bureau only in the signature must not name one in the body.
            if ((anonymous && TextPool.NamesADepartment(text)) || (bureau.IsGovernment && text.Contains('局')))
            {
                continue;
            }

            used.Add(pick);
            return text;
        }

        throw new InvalidOperationException("the text pool has too few paragraphs");
    }

    private readonly Dictionary<string, List<Borrowed>> candidates = new(StringComparer.Ordinal);

    private List<Borrowed> Candidates(string source, string? topic)
    {
        var key = source + "/" + topic;
        if (!candidates.TryGetValue(key, out var list))
        {
            bool FromDocx(Borrowed p) => p.Origin.EndsWith(".docx", StringComparison.Ordinal);
            list = pool.Paragraphs.Where(p => source switch
            {
                "docx" => FromDocx(p),
                "topic" => p.Topic == topic,
                "seed-generic" => p.Topic == "generic" && !FromDocx(p),
                _ => p.Topic == "generic" && FromDocx(p),
            }).ToList();
            candidates[key] = list;
        }

        return list;
    }

    private string PickHeading(Bureau bureau, int year, HashSet<Borrowed> used, Draw d)
    {
        var topic = bureau.IsGovernment ? "generic" : bureau.Kind.Slug;
        var candidates = pool.Headings.Where(h => !used.Contains(h) && (h.Topic == "generic" || h.Topic == topic) && !TextPool.NamesADepartment(h.Text)).ToList();
        if (candidates.Count > 0 && d.Chance(0.6))
        {
            var pick = d.Pick(candidates);
            used.Add(pick);
            return pool.Rewrite(pick, bureau, year, keepPlaces: false);
        }

        return d.Pick(OwnHeadings);
    }

    private string Quote(Bureau bureau, string self, Draw d)
    {
        var others = provinces.Where(p => p.Code != bureau.Path.Province.Code && p.Code[..2] is not ("71" or "81" or "82")).ToList();
        var other = d.Pick(others);
        var document = d.Pick(PolicyDocuments);
        return $"{self}组织干部职工专题学习《{other.Name}{document}》，借鉴兄弟地区在制度建设、执法监督等方面的经验做法，结合本地实际制定落实措施，推动各项制度要求落到实处。";
    }

    private static string TitleName(Bureau bureau, double full, Draw d, List<string> notes) =>
        d.Chance(full) ? bureau.OwnName : SignName(bureau, d, notes, "title");

    /// <summary>How the bureau writes its own name where it is not in full: its place only, or the common form of an autonomous place.</summary>
    private static string SignName(Bureau bureau, Draw d, List<string> notes, string where)
    {
        if (bureau.CommonFormName is { } common && d.Chance(0.5))
        {
            notes.Add($"{where}:通称");
            return common;
        }

        if (bureau.LeafName != bureau.FullName)
        {
            notes.Add($"{where}:本级名");
            return bureau.LeafName;
        }

        return bureau.FullName;
    }

    private IEnumerable<Line> Closing(Bureau bureau, DateOnly? signed, Draw d, List<string> notes, bool isFile)
    {
        var lines = new List<Line>();
        if (d.Chance(0.4))
        {
            lines.Add(new Line("特此报告。", Role.Body));
        }

        // County-level cities under a province sign with their own name only (仙桃市人力资源和社会保障局).
        var name = d.Chance(0.6) ? bureau.OwnName : SignName(bureau, d, notes, "sign");
        var date = signed is { } s ? DateText(s, d, notes) : null;
        if (date is null)
        {
            notes.Add("无日期");
        }

        var indent = d.Chance(0.5) ? new string('\u3000', d.Between(8, 20)) : d.Chance(0.5) ? new string(' ', d.Between(20, 40)) : "";
        var style = isFile ? d.Weighted<string>([("lines", 0.82), ("same-line", 0.09), ("spaced", 0.09)]) : "lines";
        switch (style)
        {
            case "same-line" when date is not null:
                lines.Add(new Line($"{indent}{name}{new string('\u3000', d.Between(1, 3))}{date}", Role.Signature));
                notes.Add("署名日期同行");
                break;
            case "spaced":
                lines.Add(new Line(indent + string.Join(d.Chance(0.7) ? " " : "\u3000", name.ToCharArray()), Role.Signature));
                notes.Add("字距署名");
                if (date is not null)
                {
                    lines.Add(new Line(indent + date, Role.Date));
                }

                break;
            default:
                lines.Add(new Line(indent + name, Role.Signature));
                if (date is not null)
                {
                    lines.Add(new Line(indent + date, Role.Date));
                }

                break;
        }

        if (d.Chance(0.05))
        {
            lines.Add(new Line($"（联系人：{d.Pick<string>(["王", "李", "张", "刘", "陈", "杨"])}{d.Pick<string>(["伟", "敏", "静", "磊", "洋", "娟"])}，联系电话：{d.Between(1000, 9999)}{d.Between(1000, 9999)}）", Role.After));
            notes.Add("联系人");
        }

        return lines;
    }

    private static string DateText(DateOnly date, Draw d, List<string> notes)
    {
        if (!d.Chance(0.15))
        {
            return $"{date.Year}年{date.Month}月{date.Day}日";
        }

        notes.Add("汉字日期");
        var digits = string.Concat(date.Year.ToString(CultureInfo.InvariantCulture).Select(c => "〇一二三四五六七八九"[c - '0']));
        return $"{digits}年{Chinese(date.Month)}月{Chinese(date.Day)}日";
    }

    private static string Chinese(int n) => n switch
    {
        < 10 => "〇一二三四五六七八九"[n].ToString(),
        10 => "十",
        < 20 => "十" + "〇一二三四五六七八九"[n - 10],
        _ => "〇一二三四五六七八九"[n / 10] + "十" + (n % 10 == 0 ? "" : "〇一二三四五六七八九"[n % 10].ToString()),
    };

    private WebPage Page(Bureau bureau, string title, DateOnly published, Draw d, List<string> notes)
    {
        var portal = (bureau.Category == "省直辖县级" ? bureau.Leaf.Name : Archive.Import.BureauNaming.RegionalName(bureau.Path)) + "人民政府";
        var site = !bureau.IsGovernment && d.Chance(0.3) ? bureau.OwnName : portal;
        var source = d.Chance(0.5) ? bureau.OwnName : d.Pick(bureau.ShortNames);
        var when = published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (d.Chance(0.3) ? $" {d.Between(8, 17):00}:{d.Between(0, 59):00}" : "");
        var sourceLine = d.Weighted<string>([
            ($"来源：{source} 发布时间：{when}", 0.6),
            ($"信息来源：{source}　　发布日期：{when}", 0.25),
            ($"发布时间：{when}　来源：{source}　浏览次数：{d.Between(50, 3000)}", 0.15),
        ]);
        var layout = d.Weighted<string>([("semantic", 0.4), ("container", 0.3), ("divs", 0.3)]);
        notes.Add("html:" + layout);
        var meta = d.Chance(0.5);
        if (meta)
        {
            notes.Add("meta日期");
        }

        var crumb = d.Weighted<string?>([("当前位置：首页 > 政务公开 > 法治政府建设", 0.4), ("首页 > 政务公开 > 法治政府建设", 0.4), ("您现在的位置：首页 > 政务公开 > 法治政府建设", 0.2)]);
        return new WebPage(site, sourceLine, title, meta, layout, crumb);
    }

    [GeneratedRegex(@"(19|20)\d{2}")]
    private static partial Regex YearToken();
}
