using Archive.Search.StaticIndex;

namespace Archive.Tests.Search;

/// <summary>The export's temporary records on disk: read back as written, rewritten shorter in place, never grown.</summary>
public sealed class SpillFileTests
{
    [Fact]
    public void Records_read_back_as_written_and_rewritten_in_place_no_longer_than_they_were()
    {
        using var spill = new SpillFile();
        spill.Append(0, new[] { 1, 2, 3, -1 }.AsSpan());
        spill.Append(1, new byte[] { 9, 8, 7 });
        spill.Append(5000, new[] { 42 }.AsSpan());

        spill.Rewrite(0, new[] { 7, 6 }.AsSpan());

        var ints = new int[8];
        Assert.Equal(2, spill.Read(0, ints.AsSpan()));
        Assert.Equal([7, 6], ints[..2]);
        Assert.Equal(new byte[] { 9, 8, 7 }, spill.Read(1));
        Assert.Equal(1, spill.Read(5000, ints.AsSpan()));
        Assert.Equal(42, ints[0]);
        Assert.Equal(0, spill.LengthOf(4999));
        Assert.Empty(spill.Read(4999));
        Assert.Throws<InvalidOperationException>(() => spill.Rewrite(1, new byte[4]));
    }

    [Fact]
    public void Records_never_written_read_as_empty_and_stay_empty_when_rewritten_empty_even_past_the_last_written()
    {
        using var spill = new SpillFile();
        spill.Append(3, [1, 2, 3]);

        spill.Rewrite(1, ReadOnlySpan<int>.Empty);
        spill.Rewrite(5000, ReadOnlySpan<int>.Empty);

        Assert.Equal(0, spill.LengthOf(5000));
        Assert.Equal(0, spill.Read(5000, new int[4]));
        Assert.Throws<InvalidOperationException>(() => spill.Rewrite(6000, [7]));
        var buffer = new int[3];
        Assert.Equal(3, spill.Read(3, buffer));
        Assert.Equal([1, 2, 3], buffer);
    }

    [Fact]
    public void The_file_is_gone_when_the_spill_is_disposed()
    {
        string path;
        using (var spill = new SpillFile())
        {
            spill.Append(0, new byte[] { 1 });
            path = spill.FilePath;
            Assert.True(File.Exists(path));
        }

        Assert.False(File.Exists(path));
    }
}
