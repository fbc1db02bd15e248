using Archive.Reading.Figures;

namespace Archive.Tests.Reading;

public class ChineseNumberTests
{
    [Theory]
    [InlineData("58", 58)]
    [InlineData("１２３", 123)]
    [InlineData("1,234", 1234)]
    [InlineData("１，４１８，２７９，０００", 1418279000)]
    [InlineData("３．５", 3.5)]
    [InlineData("23.66465万", 236646.5)]
    [InlineData("1.2万", 12000)]
    [InlineData("134.9万亿", 134900000000000)]
    [InlineData("3.7亿", 370000000)]
    [InlineData("3万余", 30000)]
    [InlineData("3400多万", 34000000)]
    [InlineData("80余", 80)]
    [InlineData("十余万", 100000)]
    [InlineData("两千余", 2000)]
    [InlineData("一百零五", 105)]
    [InlineData("十", 10)]
    [InlineData("十四", 14)]
    [InlineData("二十一", 21)]
    [InlineData("三千四百万", 34000000)]
    [InlineData("一亿三千万", 130000000)]
    [InlineData("三万亿", 3000000000000)]
    [InlineData("千", 1000)]
    [InlineData("上万", 10000)]
    [InlineData("三億二千三百八十萬九千六百八十四", 323809684)]
    [InlineData("十二點四", 12.4)]
    [InlineData("二点零五", 2.05)]
    public void Reads_digits_numerals_and_magnitudes_as_one_value(string written, decimal expected)
    {
        Assert.True(ChineseNumber.TryParse(written, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("二〇二四")]
    [InlineData("三四")]
    [InlineData("十四五")]
    [InlineData("零")]
    [InlineData("十百")]
    [InlineData("1,23")]
    public void Refuses_what_is_not_one_number(string written)
    {
        Assert.False(ChineseNumber.TryParse(written, out _));
    }

    [Fact]
    public void A_clause_comma_or_a_half_width_dot_after_full_width_digits_is_not_part_of_the_number()
    {
        Assert.Equal(4, ChineseNumber.Read("1200,调解率", 0)!.Value.Length);
        Assert.Equal(1, ChineseNumber.Read("3．10种", 0)!.Value.Length);
        Assert.Equal(3, ChineseNumber.Read("1.2.3", 0)!.Value.Length);
    }

    [Fact]
    public void Scaled_values_carry_no_trailing_zeros()
    {
        Assert.Equal("133000", ChineseNumber.Read("13.3万辆", 0)!.Value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
