using Archive.Regions;

namespace Archive.Tests.Regions;

public class DivisionTests
{
    [Theory]
    [InlineData("广东省", "广东")]
    [InlineData("黑龙江省", "黑龙江")]
    [InlineData("北京市", "北京")]
    [InlineData("内蒙古自治区", "内蒙古")]
    [InlineData("广西壮族自治区", "广西")]
    [InlineData("宁夏回族自治区", "宁夏")]
    [InlineData("新疆维吾尔自治区", "新疆")]
    [InlineData("西藏自治区", "西藏")]
    [InlineData("香港特别行政区", "香港")]
    [InlineData("深圳市", "深圳")]
    [InlineData("恩施土家族苗族自治州", "恩施")]
    [InlineData("黔东南苗族侗族自治州", "黔东南")]
    [InlineData("伊犁哈萨克自治州", "伊犁")]
    [InlineData("克孜勒苏柯尔克孜自治州", "克孜勒苏")]
    [InlineData("大兴安岭地区", "大兴安岭")]
    [InlineData("锡林郭勒盟", "锡林郭勒")]
    [InlineData("罗湖区", "罗湖")]
    [InlineData("浦东新区", "浦东")]
    [InlineData("清新区", "清新")]
    [InlineData("神农架林区", "神农架")]
    [InlineData("万柏林区", "万柏林")]
    [InlineData("六枝特区", "六枝")]
    [InlineData("长阳土家族自治县", "长阳")]
    [InlineData("长白朝鲜族自治县", "长白")]
    [InlineData("塔什库尔干塔吉克自治县", "塔什库尔干")]
    [InlineData("东乡族自治县", "东乡")]
    [InlineData("鄂温克族自治旗", "鄂温克")]
    [InlineData("鄂伦春自治旗", "鄂伦春")]
    [InlineData("达拉特旗", "达拉特")]
    public void ShortName_drops_the_administrative_suffix(string name, string shortName)
    {
        Assert.Equal(shortName, new Division("000000", name, DivisionLevel.District, null).ShortName);
    }

    [Theory]
    [InlineData("东区")]
    [InlineData("城区")]
    [InlineData("赵县")]
    [InlineData("芒市")]
    [InlineData("乌拉特前旗")]
    [InlineData("西沙群岛")]
    public void ShortName_keeps_names_that_would_lose_too_much(string name)
    {
        Assert.Equal(name, new Division("000000", name, DivisionLevel.District, null).ShortName);
    }

    [Fact]
    public void Every_short_name_in_the_table_has_at_least_two_characters_and_starts_the_name()
    {
        Assert.All(DivisionTable.Default.All, d =>
        {
            Assert.True(d.ShortName.Length >= 2, d.Name);
            Assert.StartsWith(d.ShortName, d.Name, StringComparison.Ordinal);
        });
    }
}
