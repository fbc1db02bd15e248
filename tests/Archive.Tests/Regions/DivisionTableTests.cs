using Archive.Regions;

namespace Archive.Tests.Regions;

public class DivisionTableTests
{
    private static readonly DivisionTable Table = DivisionTable.Default;

    [Fact]
    public void Default_is_loaded_once_from_the_embedded_table()
    {
        Assert.Same(DivisionTable.Default, DivisionTable.Default);
        Assert.Equal(3216, Table.All.Count);
        Assert.Equal(34, Table.Provinces.Count);
        Assert.Equal(333, Table.All.Count(d => d.Level == DivisionLevel.City));
    }

    [Fact]
    public void All_and_provinces_are_sorted_by_code()
    {
        Assert.Equal(Table.All.Select(d => d.Code).Order(StringComparer.Ordinal), Table.All.Select(d => d.Code));
        Assert.Equal("110000", Table.Provinces[0].Code);
        Assert.Equal("820000", Table.Provinces[^1].Code);
    }

    [Theory]
    [InlineData("440303", "罗湖区", DivisionLevel.District, "440300")]
    [InlineData("440300", "深圳市", DivisionLevel.City, "440000")]
    [InlineData("330502", "吴兴区", DivisionLevel.District, "330500")]
    [InlineData("330500", "湖州市", DivisionLevel.City, "330000")]
    [InlineData("120102", "河东区", DivisionLevel.District, "120000")]
    [InlineData("371312", "河东区", DivisionLevel.District, "371300")]
    [InlineData("440105", "海珠区", DivisionLevel.District, "440100")]
    [InlineData("440600", "佛山市", DivisionLevel.City, "440000")]
    [InlineData("419001", "济源市", DivisionLevel.District, "410000")]
    [InlineData("500229", "城口县", DivisionLevel.District, "500000")]
    [InlineData("150000", "内蒙古自治区", DivisionLevel.Province, null)]
    [InlineData("810000", "香港特别行政区", DivisionLevel.Province, null)]
    public void Find_returns_the_division_with_its_level_and_parent(string code, string name, DivisionLevel level, string? parent)
    {
        Assert.Equal(new Division(code, name, level, parent), Table.Find(code));
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("4403")]
    [InlineData("")]
    [InlineData("441900000000")]
    public void Find_returns_null_for_codes_not_in_the_table(string code)
    {
        Assert.Null(Table.Find(code));
    }

    [Fact]
    public void Placeholder_levels_of_the_source_data_are_not_divisions()
    {
        Assert.DoesNotContain(Table.All, d => d.Name is "市辖区" or "县" || d.Name.Contains("直辖县级"));
        Assert.DoesNotContain(Table.All, d => d.Code.EndsWith("71", StringComparison.Ordinal));
        Assert.Null(Table.Find("320576"));
    }

    [Fact]
    public void Every_division_below_a_province_hangs_under_a_higher_level()
    {
        foreach (var division in Table.All.Where(d => d.Level != DivisionLevel.Province))
        {
            var parent = Table.Find(division.ParentCode!);
            Assert.NotNull(parent);
            Assert.True(parent.Level < division.Level, $"{division.Code} {division.Name} under {parent.Code}");
            Assert.StartsWith(division.Code[..2], parent.Code, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("110000", "110105")]
    [InlineData("120000", "120102")]
    [InlineData("310000", "310115")]
    [InlineData("500000", "500229")]
    public void ChildrenOf_a_municipality_lists_its_districts(string municipality, string district)
    {
        var children = Table.ChildrenOf(municipality);

        Assert.Contains(children, d => d.Code == district);
        Assert.All(children, d => Assert.Equal(DivisionLevel.District, d.Level));
    }

    [Fact]
    public void ChildrenOf_a_province_lists_its_cities_and_of_a_city_its_districts()
    {
        var cities = Table.ChildrenOf("440000");
        Assert.Equal(21, cities.Count);
        Assert.All(cities, d => Assert.Equal(DivisionLevel.City, d.Level));
        Assert.Contains(Table.ChildrenOf("440300"), d => d.Name == "罗湖区");
        Assert.Empty(Table.ChildrenOf("440303"));
    }

    [Fact]
    public void ChildrenOf_an_unknown_code_throws()
    {
        Assert.Throws<KeyNotFoundException>(() => Table.ChildrenOf("123456"));
    }

    [Fact]
    public void PathOf_a_district_goes_through_its_city()
    {
        var path = Table.PathOf("440303");

        Assert.Equal("440000", path.Province.Code);
        Assert.Equal("440300", path.City?.Code);
        Assert.Equal("440303", path.District?.Code);
    }

    [Fact]
    public void PathOf_a_municipality_district_or_a_county_under_a_province_has_no_city()
    {
        Assert.Null(Table.PathOf("120102").City);
        Assert.Equal("120000", Table.PathOf("120102").Province.Code);
        Assert.Null(Table.PathOf("419001").City);
        Assert.Equal("410000", Table.PathOf("419001").Province.Code);
    }

    [Fact]
    public void PathOf_a_city_or_province_stops_at_it()
    {
        Assert.Equal(("440000", "440600", (string?)null), Codes(Table.PathOf("440600")));
        Assert.Equal(("440000", (string?)null, (string?)null), Codes(Table.PathOf("440000")));
    }

    [Fact]
    public void PathOf_an_unknown_code_throws_with_a_message_naming_the_code()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => Table.PathOf("440399"));

        Assert.Contains("'440399'", error.Message, StringComparison.Ordinal);
        Assert.Contains("six-digit", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("code\tname\tparent_code\n440000\t广东省\t\n440300\t深圳市\t449900\n", "line 3", "449900")]
    [InlineData("code\tname\tparent_code\n440000\t广东省\t\n440000\t广东省\t\n", "line 3", "twice")]
    [InlineData("code\tname\tparent_code\n4400\t广东省\t\n", "line 2", "six-digit")]
    [InlineData("code\tname\tparent_code\n440000\t广东省\n", "line 2", "tabs")]
    [InlineData("code\tname\tparent_code\n440300\t深圳市\t\n", "line 2", "needs a parent")]
    public void Read_rejects_a_malformed_table_naming_the_line(string tsv, string line, string problem)
    {
        var error = Assert.Throws<InvalidDataException>(() => DivisionTable.Read(new StringReader(tsv), "divisions.tsv"));

        Assert.Contains($"divisions.tsv {line}", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_national_level_is_found_by_code_but_never_by_name()
    {
        var table = DivisionTable.Default;

        Assert.Equal("全国", table.Find("100000")!.Name);
        Assert.Equal("全国", table.PathOf("100000").DisplayName);
        Assert.DoesNotContain(table.All, d => d.Code == "100000");
        Assert.Null(new RegionLookup(table).ByName("全国"));
    }

    private static (string, string?, string?) Codes(RegionPath path) => (path.Province.Code, path.City?.Code, path.District?.Code);
}
