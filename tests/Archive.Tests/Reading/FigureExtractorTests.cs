using Archive.Reading.Figures;

namespace Archive.Tests.Reading;

public class FigureExtractorTests
{
    [Fact]
    public void A_figure_keeps_its_surface_offset_value_unit_and_measure()
    {
        var paragraph = "2023年，我局办理行政复议案件58件。";
        var figure = Assert.Single(FigureExtractor.Extract(paragraph));

        Assert.Equal(("58件", 58m, "件", "办理行政复议案件"), (figure.Text, figure.Value, figure.Unit, figure.Measure));
        Assert.Equal("58件", paragraph.Substring(figure.Start, figure.Length));
    }

    [Theory]
    [InlineData("编号12345678901234567890123456789012345件。")]
    [InlineData("共计99999999999999999999999万亿元。")]
    [InlineData("一亿亿亿亿亿元。")]
    public void A_number_past_what_a_decimal_holds_is_no_figure_and_no_failure(string paragraph)
    {
        Assert.Empty(FigureExtractor.Extract(paragraph));
    }

    [Theory]
    [InlineData("城镇新增就业1.2万人，", "1.2万人", 12000, "人")]
    [InlineData("国内生产总值达到134.9万亿元。", "134.9万亿元", 134900000000000, "元")]
    [InlineData("新引进企业两千余家。", "两千余家", 2000, "家")]
    [InlineData("挽回损失37万余元。", "37万余元", 370000, "元")]
    [InlineData("惠及学生3400多万人次。", "3400多万人次", 34000000, "人次")]
    [InlineData("同比增长3.77%。", "3.77%", 3.77, "%")]
    [InlineData("占比百分之三十。", "百分之三十", 30, "%")]
    [InlineData("优良率提高0.8个百分点。", "0.8个百分点", 0.8, "个百分点")]
    [InlineData("由法定20个工作日压缩至当天。", "20个工作日", 20, "个工作日")]
    [InlineData("外汇储备超过3.2万亿美元。", "超过3.2万亿美元", 3200000000000, "美元")]
    [InlineData("接待群众近30人次。", "近30人次", 30, "人次")]
    [InlineData("逾上万人次参加。", "逾上万人次", 10000, "人次")]
    [InlineData("超六成的案件在仲裁阶段化解。", "超六成", 6, "成")]
    [InlineData("网上办案率达到考核目标2倍多，", "2倍多", 2, "倍")]
    [InlineData("办理时限为3至5天。", "3至5天", 3, "天")]
    [InlineData("增速保持在30%左右。", "30%", 30, "%")]
    [InlineData("覆盖率约80%左右。", "约80%", 80, "%")]
    [InlineData("实际使用外资约合1243亿元人民币。", "1243亿元", 124300000000, "元")]
    [InlineData("梳理出5大项内容。", "5大项", 5, "项")]
    [InlineData("建成千座公园。", "千座", 1000, "座")]
    [InlineData("发布岗位4274个,实现对接。", "4274个", 4274, "个")]
    [InlineData("占结案数100%。", "100%", 100, "%")]
    [InlineData("提供24小时服务。", "24小时", 24, "小时")]
    [InlineData("14.2025年办好10件民生实事。", "10件", 10, "件")]
    public void Reads_the_span_value_and_base_unit_of_a_figure(string paragraph, string text, decimal value, string unit)
    {
        var figure = Assert.Single(FigureExtractor.Extract(paragraph));

        Assert.Equal((text, value, unit), (figure.Text, figure.Value, figure.Unit));
    }

    [Theory]
    [InlineData("2020年12月17日，我局召开会议。")]
    [InlineData("2021-2025年规划编制完成。")]
    [InlineData("二〇二四年工作回顾。")]
    [InlineData("一年来，我们攻坚克难。")]
    [InlineData("回顾过去一年，成绩来之不易。")]
    [InlineData("这是极不平凡的一年。")]
    [InlineData("近三年来持续推进。")]
    [InlineData("推出第二批试点，第七届博览会举办。")]
    [InlineData("推进机场四期工程和二轮延包。")]
    [InlineData("市十六届人大二次会议确定的任务。")]
    [InlineData("按照十二届市委五次、六次全会部署。")]
    [InlineData("落实行政执法三项制度和中央八项规定。")]
    [InlineData("加快建设“五个中心”，出台“80条”。")]
    [InlineData("把握好五个“必须统筹好”，")]
    [InlineData("出台一批政策，形成一系列成果，打造一张网。")]
    [InlineData("高效办成一件事，实现最多跑一次。")]
    [InlineData("发现一起、依法处理一起。")]
    [InlineData("干一件成一件。")]
    [InlineData("守护千家万户，点亮万家灯火。")]
    [InlineData("世界百年变局加速演进。")]
    [InlineData("每万人口拥有量提高。")]
    [InlineData("万元GDP能耗下降。")]
    [InlineData("细颗粒物（PM2.5）浓度下降。")]
    [InlineData("数十家企业参加。")]
    [InlineData("打造万亿元级产业集群。")]
    [InlineData("保持两位数增长。")]
    [InlineData("实施三年行动计划。")]
    [InlineData("较3年前明显提高。")]
    [InlineData("统一部署，逐一落实。")]
    [InlineData("成立75周年。")]
    public void Dates_periods_ordinals_names_and_articles_are_not_figures(string paragraph)
    {
        Assert.Empty(FigureExtractor.Extract(paragraph));
    }

    [Theory]
    [InlineData("领导小组每年向主要负责同志汇报一次工作情况。", "一次")]
    [InlineData("每位仲裁员联系辖区内一个乡镇。", "一个")]
    [InlineData("有行政诉讼案件一宗，已审结。", "一宗")]
    [InlineData("按一年计意向成交金额增长。", "一年")]
    [InlineData("两次下调存款准备金率。", "两次")]
    [InlineData("产量比上年增长一倍以上。", "一倍")]
    [InlineData("对执法人员开展4次集中培训。", "4次")]
    public void One_and_two_count_when_they_give_a_frequency_a_span_or_close_a_count(string paragraph, string text)
    {
        Assert.Equal(text, Assert.Single(FigureExtractor.Extract(paragraph)).Text);
    }

    [Fact]
    public void A_figure_that_continues_a_list_counts_what_the_one_before_it_counts()
    {
        var figures = FigureExtractor.Extract("高技术制造业、装备制造业增加值分别增长8.9%、7.7%，");

        Assert.Equal(["8.9%", "7.7%"], figures.Select(f => f.Text));
        Assert.Equal("高技术制造业、装备制造业增加值分别增长", figures[0].Measure);
        Assert.Equal(figures[0].Measure, figures[1].Measure);
    }

    [Fact]
    public void Things_counted_before_their_noun_take_that_noun_into_the_measure()
    {
        var figure = Assert.Single(FigureExtractor.Extract("组织开展4次集中培训，"));

        Assert.Equal("组织开展集中培训", figure.Measure);
    }

    [Fact]
    public void The_measure_drops_dates_connectives_and_the_verbs_that_lead_up_to_the_number()
    {
        var figures = FigureExtractor.Extract("2020年，共调解结案1200件，调解率为60%。");

        Assert.Equal(["调解结案", "调解率"], figures.Select(f => f.Measure));
    }
}
