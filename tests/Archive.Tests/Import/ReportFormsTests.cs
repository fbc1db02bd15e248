using Archive.Import;

namespace Archive.Tests.Import;

/// <summary>
/// Each form in which bureaus title and sign these reports gives the bureau, region, year and date a careful reader
/// would, from a body that names no place and speaks only as 我局: the bureau is found where it is written plainly
/// (title, 来源 line, signature), never invented, and "unknown" where nothing supports a value.
/// </summary>
public sealed class ReportFormsTests
{
    private static readonly string[] Body =
    [
        "我局坚持以习近平法治思想为指导，认真贯彻落实上级关于法治政府建设的各项部署。",
        "一、主要工作",
        "（一）加强组织领导。成立法治政府建设工作领导小组，定期研究部署法治建设工作。",
        "（二）推进依法行政。严格执行重大行政决策程序，全面落实行政执法三项制度。",
        "二、存在的不足",
        "法治宣传的针对性和实效性有待进一步增强。",
    ];

    public static TheoryData<string, string[], string?, string?, int?, string?> Forms() => new()
    {
        { "the title names bureau and year", ["五家渠市市场监督管理局2020年法治政府建设年度报告", .. Body], "新疆维吾尔自治区五家渠市市场监督管理局", "659004", 2020, null },
        { "the title says 关于…工作情况的报告", ["长阳土家族自治县教育局关于2023年度法治政府建设情况的报告", .. Body], "宜昌市长阳土家族自治县教育局", "420528", 2023, null },
        { "the title is a 年度…工作报告 of an autonomous prefecture", ["延边朝鲜族自治州民政局2022年度法治政府建设工作报告", .. Body], "延边朝鲜族自治州民政局", "222400", 2022, null },
        { "a banner (旗)", ["鄂伦春自治旗人力资源和社会保障局2021年度法治政府建设工作报告", .. Body], "呼伦贝尔市鄂伦春自治旗人力资源和社会保障局", "150723", 2021, null },
        { "a portal page with 来源 and 发布时间", ["首页 > 政务公开 > 法治政府建设", "江西省赣州市章贡区司法局2020年度法治政府建设情况报告", "发布时间：2021-01-15 来源：章贡区司法局", .. Body], "赣州市章贡区司法局", "360702", 2020, "2021-01-15" },
        { "no title, a signature and a date in Chinese numerals", [.. Body, "仙桃市司法局", "二〇二四年二月二十日"], "湖北省仙桃市司法局", "429004", 2023, "2024-02-20" },
        { "a title without the bureau, which only signs", ["关于2022年法治政府建设工作情况的报告", .. Body, "恩施土家族苗族自治州生态环境局", "2023年1月10日", "附件：法治政府建设工作台账"], "恩施土家族苗族自治州生态环境局", "422800", 2022, "2023-01-10" },
        { "a letter-spaced signature", [.. Body, "济 源 市 交 通 运 输 局", "2020年3月5日"], "河南省济源市交通运输局", "419001", 2019, "2020-03-05" },
        { "the signature and its date on one line", [.. Body, "湖州市吴兴区人力资源和社会保障局 2021年3月9日"], "湖州市吴兴区人力资源和社会保障局", "330502", 2020, "2021-03-09" },
        { "the title on two lines, the bureau on the first", ["天津市河东区人力资源和社会保障局", "关于2023年法治政府建设工作情况的报告", .. Body, "天津市河东区人力资源和社会保障局", "2024年3月15日"], "天津市河东区人力资源和社会保障局", "120102", 2023, "2024-03-15" },
        { "a development zone's bureau, kept as written", ["长沙经济技术开发区人力资源和社会保障局2021年法治政府建设年度报告", .. Body], "长沙经济技术开发区人力资源和社会保障局", "430100", 2021, null },
        { "a 兵团 bureau, kept as written", ["新疆生产建设兵团第八师石河子市司法局2021年法治政府建设年度报告", .. Body], "新疆生产建设兵团第八师石河子市司法局", "659001", 2021, null },
        { "a new area that is no division: its region unknown", ["贵安新区司法局关于2020年法治政府建设工作情况的报告", .. Body], "贵安新区司法局", null, 2020, null },
        { "an autonomous prefecture's short form in the title", ["恩施州住房和城乡建设局2021年法治政府建设年度报告", .. Body], "恩施土家族苗族自治州住房和城乡建设局", "422800", 2021, null },
        { "an undated signature, past an attachment line", [.. Body, "宽甸县民政局", "附件：1.工作台账"], "丹东市宽甸满族自治县民政局", "210624", null, null },
        { "a district name several cities have, and nothing says which: unknown", ["桥西区司法局2021年法治政府建设年度报告", .. Body], null, null, 2021, null },
        { "a bureau signing with its level word only, in a city the text names", ["关于2023年法治政府建设工作情况的报告", "深圳市委、市政府对法治政府建设提出了明确要求。", .. Body, "市司法局", "2024年3月1日"], "深圳市司法局", "440300", 2023, "2024-03-01" },
        { "a copy list after the signature, whose offices are no signature", ["关于2023年法治政府建设工作情况的报告", .. Body, "抄送：市委办公室，市人大常委会办公室，", "深圳市财政局"], null, "440300", 2023, null },
        { "a table row with a date at the end, which is no signature", ["关于2023年法治政府建设工作情况的报告", .. Body, "完成时限 2023年12月31日"], null, null, 2023, null },
        { "a generic district name placed by the city the text names", ["关于2022年法治政府建设工作情况的报告", "阳泉市委、市政府对法治政府建设提出了明确要求。", .. Body, "郊区民政局", "2023年2月1日"], "阳泉市郊区民政局", "140311", 2022, "2023-02-01" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void A_report_in_this_form_gets_the_bureau_region_year_and_date_a_careful_reader_gives(string form, string[] lines, string? bureau, string? region, int? year, string? published)
    {
        var metadata = ImportFixtures.Infer(new RawReport("form.txt", "form.txt", lines, PageHints.None, [], ".txt", "utf-8"));

        Assert.True(
            (bureau, region, year, published) == (metadata.Bureau.Value, metadata.Region.Value, metadata.YearValue, metadata.Published.Value),
            $"{form}: got {metadata.Bureau.Value} ({metadata.Bureau.Reason}), {metadata.Region.Value} ({metadata.Region.Reason}), {metadata.YearValue}, {metadata.Published.Value}");
    }
}
