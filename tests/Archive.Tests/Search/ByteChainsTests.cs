using Archive.Search.StaticIndex;

namespace Archive.Tests.Search;

/// <summary>
/// The gram counter keeps every gram's postings of a level in byte chains: whatever the order in which thousands of
/// sequences grow, each must read back exactly as appended, across slices and pages.
/// </summary>
public sealed class ByteChainsTests
{
    [Fact]
    public void InterleavedSequencesReadBackAsAppended()
    {
        var random = new Random(7);
        var chains = new ByteChains();
        var expected = new List<byte>[3_000];
        for (var i = 0; i < expected.Length; i++)
        {
            expected[i] = [];
        }

        // A few sequences grow to tens of KB (dozens of slices), most stay short; in all, several 1 MB pages.
        for (var step = 0; step < 1_200_000; step++)
        {
            var chain = random.Next(10) == 0 ? random.Next(5) : random.Next(expected.Length);
            var value = random.Next(10) == 0 ? random.Next() : random.Next(300);
            chains.AddVarint(chain, value);
            var bytes = new byte[5];
            expected[chain].AddRange(bytes[..Varint.Put(bytes, 0, value)]);
        }

        Assert.Contains(expected, list => list.Count > 40_000);
        Assert.True(expected.Sum(list => list.Count) > 2 << 20, "the sequences fill fewer than three pages");
        for (var chain = 0; chain < expected.Length; chain++)
        {
            Assert.Equal(expected[chain].Count, chains.Length(chain));
            var read = new byte[chains.Length(chain)];
            chains.CopyTo(chain, read);
            Assert.Equal(expected[chain], read);
        }

        Assert.Equal(0, chains.Length(expected.Length + 10));
    }

    [Fact]
    public void ClearedChainsStartAfresh()
    {
        var chains = new ByteChains();
        chains.AddVarint(4, 1_000_000);
        chains.Clear();
        Assert.Equal(0, chains.Length(4));
        chains.AddVarint(4, 5);
        var read = new byte[1];
        chains.CopyTo(4, read);
        Assert.Equal([5], read);
    }
}
