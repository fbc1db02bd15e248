using Archive.Search.Contract;
using Archive.Search.StaticIndex;

namespace Archive.Tests.Search;

public sealed class ChunkerTests
{
    private static TextBlock Block(int i, string text) => new($"p{i}", text);

    [Fact]
    public void ChunkClosesAfterTheBlockThatReachesTheTargetLength()
    {
        var blocks = Enumerable.Range(0, 5).Select(i => Block(i, new string('字', 400))).ToList();

        var chunks = Chunker.Split(0, blocks, overlap: 64);

        Assert.Equal([3, 2], chunks.Select(c => c.Blocks.Count));
    }

    [Fact]
    public void TailHoldsTheNextOverlapMinusOneKeptCodePointsAndEndsRightAfterTheLast()
    {
        var blocks = new List<TextBlock> { Block(0, new string('字', 1000)), Block(1, "、ab"), Block(2, "，cd。ef") };

        var chunks = Chunker.Split(0, blocks, overlap: 5);

        Assert.Equal("、ab\n，cd", chunks[0].Tail);
        Assert.Equal("", chunks[^1].Tail);
    }

    [Fact]
    public void TailOfPunctuationOnlyTextIsEmpty()
    {
        var blocks = new List<TextBlock> { Block(0, new string('字', 1000)), Block(1, "。。。") };

        Assert.Equal("", Chunker.Split(0, blocks, overlap: 64)[0].Tail);
    }

    [Fact]
    public void LongBlockIsOneChunk()
    {
        var chunks = Chunker.Split(3, [Block(0, new string('字', 5000))], overlap: 64);

        Assert.Equal(3, Assert.Single(chunks).Doc);
    }
}
