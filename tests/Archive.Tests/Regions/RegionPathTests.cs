using Archive.Regions;

namespace Archive.Tests.Regions;

public class RegionPathTests
{
    private static readonly DivisionTable Table = DivisionTable.Default;

    [Theory]
    [InlineData("440303", "广东省 深圳市 罗湖区")]
    [InlineData("120102", "天津市 河东区")]
    [InlineData("371312", "山东省 临沂市 河东区")]
    [InlineData("440600", "广东省 佛山市")]
    [InlineData("440000", "广东省")]
    [InlineData("419001", "河南省 济源市")]
    public void DisplayName_lists_the_names_from_province_down(string code, string displayName)
    {
        Assert.Equal(displayName, Table.PathOf(code).DisplayName);
    }

    [Theory]
    [InlineData("440303", "440303")]
    [InlineData("440600", "440600")]
    [InlineData("440000", "440000")]
    [InlineData("120102", "120102")]
    public void Leaf_is_the_most_specific_division(string code, string leaf)
    {
        Assert.Equal(leaf, Table.PathOf(code).Leaf.Code);
    }

    [Theory]
    [InlineData("110105", true)]
    [InlineData("120000", true)]
    [InlineData("310115", true)]
    [InlineData("500229", true)]
    [InlineData("440303", false)]
    [InlineData("419001", false)]
    [InlineData("220104", false)]
    public void IsMunicipality_holds_for_Beijing_Tianjin_Shanghai_and_Chongqing_only(string code, bool isMunicipality)
    {
        Assert.Equal(isMunicipality, Table.PathOf(code).IsMunicipality);
    }

    [Fact]
    public void Divisions_skip_the_missing_city_level()
    {
        Assert.Equal(["120000", "120102"], Table.PathOf("120102").Divisions.Select(d => d.Code));
    }
}
