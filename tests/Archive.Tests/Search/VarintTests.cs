using Archive.Search.StaticIndex;

namespace Archive.Tests.Search;

public class VarintTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(16_383)]
    [InlineData(16_384)]
    [InlineData(2_097_151)]
    [InlineData(2_097_152)]
    [InlineData(268_435_455)]
    [InlineData(268_435_456)]
    [InlineData(int.MaxValue)]
    public void Size_is_the_number_of_bytes_written_and_a_value_reads_back(int value)
    {
        using var stream = new MemoryStream();
        Varint.Write(stream, value);
        var bytes = stream.ToArray();
        var at = 0;

        Assert.Equal(bytes.Length, Varint.Size(value));
        Assert.Equal(value, Varint.Get(bytes, ref at));
        Assert.Equal(bytes.Length, at);
    }
}
