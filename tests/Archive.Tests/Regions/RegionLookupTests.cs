using System.Text;
using Archive.Regions;

namespace Archive.Tests.Regions;

public class RegionLookupTests
{
    private static readonly RegionLookup Lookup = new(DivisionTable.Default);

    [Theory]
    [InlineData("深圳市罗湖区人力资源局", "440303")]
    [InlineData("深圳市罗湖区人力资源局2020年法治政府建设年度报告", "440303")]
    [InlineData("罗湖区", "440303")]
    [InlineData("吴兴区", "330502")]
    [InlineData("湖州市吴兴区人力资源和社会保障局", "330502")]
    [InlineData("天津市河东区", "120102")]
    [InlineData("天津市河东区人力资源和社会保障局", "120102")]
    [InlineData("广州市海珠区人力资源和社会保障局2021年法治政府建设年度报告", "440105")]
    [InlineData("佛山市人力资源和社会保障局", "440600")]
    [InlineData("广东省人民政府", "440000")]
    [InlineData("宁夏", "640000")]
    [InlineData("新疆", "650000")]
    [InlineData("内蒙古", "150000")]
    [InlineData("香港", "810000")]
    [InlineData("吉林省吉林市", "220200")]
    [InlineData("广东深圳罗湖", "440303")]
    [InlineData("恩施州人民政府", "422800")]
    [InlineData("攀枝花市东区", "510402")]
    [InlineData("2024年济源市法治政府建设年度报告", "419001")]
    public void Best_finds_the_most_specific_division_named(string text, string code)
    {
        Assert.Equal(code, Lookup.Best(text)?.Path.Leaf.Code);
    }

    [Theory]
    [InlineData("北京市朝阳区", "110105")]
    [InlineData("北京市朝阳区人力资源和社会保障局", "110105")]
    [InlineData("长春市朝阳区", "220104")]
    [InlineData("吉林省长春市朝阳区人民政府", "220104")]
    [InlineData("上海市浦东新区", "310115")]
    [InlineData("重庆市城口县", "500229")]
    public void Best_reads_a_municipality_district_by_the_name_before_it(string text, string code)
    {
        var match = Lookup.Best(text);

        Assert.Equal(code, match?.Path.Leaf.Code);
        Assert.True(match!.Confidence >= 0.9, match.Reason);
    }

    [Fact]
    public void Best_describes_where_and_how_sure()
    {
        var match = Lookup.Best("关于深圳市罗湖区人力资源局的报告")!;

        Assert.Equal("深圳市罗湖区", match.MatchedText);
        Assert.Equal(2, match.Index);
        Assert.Equal("广东省 深圳市 罗湖区", match.Path.DisplayName);
        Assert.True(match.Confidence >= 0.9);
        Assert.Contains("'深圳市罗湖区'", match.Reason, StringComparison.Ordinal);
        Assert.Contains("unique district name", match.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_shared_by_two_districts_is_uncertain_when_nothing_decides()
    {
        var match = Lookup.Best("河东区")!;

        Assert.Contains(match.Path.Leaf.Code, new[] { "120102", "371312" });
        Assert.True(match.Confidence < 0.5, $"{match.Confidence}");
        Assert.Contains("天津市 河东区", match.Reason, StringComparison.Ordinal);
        Assert.Contains("山东省 临沂市 河东区", match.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("河东区人力资源和社会保障局。我区位于临沂市中心城区。", "371312")]
    [InlineData("河东区人力资源和社会保障局。全面落实山东省关于根治欠薪的部署。", "371312")]
    [InlineData("河东区人力资源和社会保障局。全面落实天津市关于根治欠薪的部署。", "120102")]
    public void Other_names_in_the_same_text_decide_a_shared_name(string text, string code)
    {
        var match = Lookup.Best(text)!;

        Assert.Equal(code, match.Path.Leaf.Code);
        Assert.True(match.Confidence >= 0.7, $"{match.Confidence}: {match.Reason}");
    }

    [Theory]
    [InlineData("河东区人力资源和社会保障局2023年法治政府建设年度报告", "在临沂市委、市政府的领导下，河东区人社局……", "371312", "临沂市")]
    [InlineData("河东区人力资源和社会保障局2023年法治政府建设年度报告", "根据《天津市法治政府建设实施方案》，河东区人社局……", "120102", "天津市")]
    [InlineData("朝阳区人力资源和社会保障局", "落实北京市决策部署", "110105", "北京市")]
    [InlineData("朝阳区人力资源和社会保障局", "落实长春市决策部署", "220104", "长春市")]
    [InlineData("河东区人力资源和社会保障局", "与兰山区协同推进", "371312", "兰山区")]
    public void The_context_decides_a_shared_name_in_the_primary_text(string primary, string context, string code, string decider)
    {
        var match = Lookup.Best(primary, context)!;

        Assert.Equal(code, match.Path.Leaf.Code);
        Assert.Equal(0, match.Index);
        Assert.True(match.Confidence >= 0.7, $"{match.Confidence}: {match.Reason}");
        Assert.Contains(decider, match.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_primary_text_outweighs_districts_named_in_the_context()
    {
        var body = Repeat("顺德区人社局积极推进根治欠薪工作，南海区也开展了专项行动。", 10);

        var match = Lookup.Best("佛山市人力资源和社会保障局2020年法治政府建设年度报告", body);

        Assert.Equal("440600", match?.Path.Leaf.Code);
    }

    [Fact]
    public void The_context_is_used_when_the_primary_text_names_nothing_but_counts_for_less()
    {
        const string body = "今年以来，深圳市罗湖区人力资源局坚持依法行政。罗湖区人力资源局全面推进法治政府建设。";

        var fromContext = Lookup.Best("2020年法治政府建设年度报告", body)!;
        var fromTitle = Lookup.Best(body)!;

        Assert.Equal("440303", fromContext.Path.Leaf.Code);
        Assert.Equal(5, fromContext.Index);
        Assert.True(fromContext.Confidence < fromTitle.Confidence);
        Assert.Contains("context", fromContext.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_body_resolves_to_its_district_even_when_it_names_its_city_and_neighbours()
    {
        var body = new StringBuilder()
            .Append("根据《深圳市关于落实〈广东省创建珠三角法治政府示范区工作方案〉的实施方案》，")
            .Append(Repeat("罗湖区人力资源局全面推进依法行政，深化罗湖区“放管服”改革。", 8))
            .Append("与福田区、南山区建立协作机制。深圳市人力资源和社会保障局给予指导。")
            .ToString();

        Assert.Equal("440303", Lookup.Best(body)?.Path.Leaf.Code);
    }

    [Fact]
    public void A_city_report_that_names_its_districts_less_often_stays_at_the_city()
    {
        var body = Repeat("佛山市人力资源和社会保障局认真贯彻省、市关于法治政府建设的要求。", 6)
            + "在顺德区开展试点，南海区、禅城区同步推进。顺德区成效明显。";

        var match = Lookup.Best(body)!;

        Assert.Equal("440600", match.Path.Leaf.Code);
        Assert.Contains("inside it named less often", match.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_province_report_that_names_its_cities_stays_at_the_province()
    {
        var body = Repeat("宁夏回族自治区人民政府全面推进法治政府建设。", 5)
            + "银川市、石嘴山市、吴忠市、固原市、中卫市协同发展，银川市建设黄河流域生态保护先行区。";

        Assert.Equal("640000", Lookup.Best(body)?.Path.Leaf.Code);
    }

    [Fact]
    public void Districts_named_without_their_city_resolve_to_the_city_they_share()
    {
        var match = Lookup.Best("顺德区和南海区的企业")!;

        Assert.Equal("440600", match.Path.Leaf.Code);
        Assert.Contains("not named itself", match.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2025年上海市政府工作报告", "310000")]
    [InlineData("2025年云南省政府工作报告", "530000")]
    [InlineData("2025年内蒙古自治区政府工作报告", "150000")]
    [InlineData("2025年北京市政府工作报告", "110000")]
    [InlineData("2025年吉林省政府工作报告", "220000")]
    [InlineData("2025年四川省政府工作报告", "510000")]
    [InlineData("2025年天津市政府工作报告", "120000")]
    [InlineData("2025年宁夏政府工作报告", "640000")]
    [InlineData("2025年安徽省政府工作报告", "340000")]
    [InlineData("2025年山东省政府工作报告", "370000")]
    [InlineData("2025年山西省政府工作报告", "140000")]
    [InlineData("2025年广东省政府工作报告", "440000")]
    [InlineData("2025年广西政府工作报告", "450000")]
    [InlineData("2025年新疆政府工作报告", "650000")]
    [InlineData("2025年江苏省政府工作报告", "320000")]
    [InlineData("2025年江西省政府工作报告", "360000")]
    [InlineData("2025年河北省政府工作报告", "130000")]
    [InlineData("2025年河南省政府工作报告", "410000")]
    [InlineData("2025年浙江省政府工作报告", "330000")]
    [InlineData("2025年海南省政府工作报告", "460000")]
    [InlineData("2025年湖北省政府工作报告", "420000")]
    [InlineData("2025年湖南省政府工作报告", "430000")]
    [InlineData("2025年甘肃省政府工作报告", "620000")]
    [InlineData("2025年福建省政府工作报告", "350000")]
    [InlineData("2025年西藏政府工作报告", "540000")]
    [InlineData("2025年贵州省政府工作报告", "520000")]
    [InlineData("2025年辽宁省政府工作报告", "210000")]
    [InlineData("2025年重庆市政府工作报告", "500000")]
    [InlineData("2025年陕西省政府工作报告", "610000")]
    [InlineData("2025年青海省政府工作报告", "630000")]
    [InlineData("2025年黑龙江省政府工作报告", "230000")]
    public void A_provincial_report_file_name_resolves_to_its_province(string fileName, string code)
    {
        var match = Lookup.Best(fileName)!;

        Assert.Equal(code, match.Path.Leaf.Code);
        Assert.Equal(5, match.Index);
        Assert.True(match.Confidence >= 0.85, $"{match.Confidence}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("今天天气很好")]
    [InlineData("2025年政府工作报告")]
    [InlineData("法治政府建设年度报告 Annual report")]
    public void Best_returns_null_when_no_division_is_named(string text)
    {
        Assert.Null(Lookup.Best(text));
    }

    [Theory]
    [InlineData("中山大学的孙中山先生在中山路")]
    [InlineData("河北岸边的东区域")]
    [InlineData("我国沿海城市的新城区建设")]
    [InlineData("推进社会长治久安和人民幸福安康")]
    [InlineData("发展朝阳产业，克服文山会海")]
    [InlineData("吉林大学")]
    [InlineData("省、市和县三级联动")]
    [InlineData("洞庭湖北部")]
    [InlineData("推进罗湖建设")]
    [InlineData("推进东区建设")]
    [InlineData("城区、郊区和矿区")]
    public void Names_inside_ordinary_words_do_not_count(string text)
    {
        var match = Lookup.Best(text);

        Assert.True(match is null, $"{text} → {match?.Path.DisplayName}: {match?.Reason}");
    }

    [Theory]
    [InlineData("湖南县域经济", "430000")]
    [InlineData("河南县域经济", "410000")]
    [InlineData("湖北部分地区", "420000")]
    [InlineData("在深圳推进改革", "440300")]
    [InlineData("深圳罗湖推进改革", "440303")]
    [InlineData("阳泉市城区", "140302")]
    public void Names_next_to_ordinary_words_still_count(string text, string code)
    {
        Assert.Equal(code, Lookup.Best(text)?.Path.Leaf.Code);
    }

    [Theory]
    [InlineData("深圳市罗湖区", "440303")]
    [InlineData("深圳 罗湖", "440303")]
    [InlineData("罗湖", "440303")]
    [InlineData("罗湖区", "440303")]
    [InlineData("广东", "440000")]
    [InlineData("广西壮族自治区", "450000")]
    [InlineData("广西自治区", "450000")]
    [InlineData("东区", "510402")]
    [InlineData("恩施州", "422800")]
    [InlineData("长阳县", "420528")]
    public void ByName_finds_a_full_short_or_chained_name(string name, string code)
    {
        var match = Lookup.ByName(name)!;

        Assert.Equal(code, match.Path.Leaf.Code);
        Assert.True(match.Confidence >= 0.9, $"{match.Confidence}");
    }

    [Theory]
    [InlineData("吉林", "220000")]
    [InlineData("河南", "410000")]
    public void ByName_reads_a_name_shared_across_levels_as_the_higher_division(string name, string code)
    {
        var match = Lookup.ByName(name)!;

        Assert.Equal(code, match.Path.Leaf.Code);
        Assert.InRange(match.Confidence, 0.5, 0.9);
    }

    [Theory]
    [InlineData("深圳市人力资源局")]
    [InlineData("罗湖深圳")]
    [InlineData("不存在的地方")]
    [InlineData("")]
    public void ByName_returns_null_for_anything_but_a_name(string name)
    {
        Assert.Null(Lookup.ByName(name));
    }

    [Fact]
    public void A_text_spread_over_many_provinces_is_matched_with_low_confidence()
    {
        var match = Lookup.Best("北京、上海、广东、浙江、江苏等地率先推进改革，四川、湖北跟进。")!;

        Assert.True(match.Confidence < 0.5, $"{match.Confidence}");
        Assert.Contains("other provinces", match.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Confidence_stays_between_zero_and_one()
    {
        string[] texts = ["河东区", "朝阳区", "深圳市罗湖区罗湖区罗湖区", "广东广西", Repeat("广东省深圳市罗湖区", 50), "吉林"];

        Assert.All(texts, t => Assert.InRange(Lookup.Best(t)!.Confidence, 0, 1));
    }

    // How fast it resolves is a benchmark's question, not a test's: a timed assertion fails on a busy machine.
    [Fact]
    public void A_whole_report_of_60_KB_resolves_to_its_district()
    {
        var body = new StringBuilder("深圳市罗湖区人力资源局2020年法治政府建设年度报告\n");
        while (Encoding.UTF8.GetByteCount(body.ToString()) < 60 * 1024)
        {
            body.Append("为全面落实中共中央、国务院《法治政府建设实施纲要》《广东省创建珠三角法治政府示范区工作方案》，")
                .Append("罗湖区人力资源局在区委、区政府的领导下，与福田区、南山区及河东区、朝阳区的同行交流，")
                .Append("推进罗湖区“放管服”改革，办理罗湖区行政复议案件，依法化解劳动争议，维护劳动者合法权益。\n");
        }

        Assert.Equal("440303", Lookup.Best(body.ToString())?.Path.Leaf.Code);
    }

    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));
}
