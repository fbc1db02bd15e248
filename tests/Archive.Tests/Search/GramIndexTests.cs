using Archive.Search.StaticIndex;

namespace Archive.Tests.Search;

/// <summary>
/// Gram counting runs over ranges of documents side by side, and sorts the postings into buckets: however many
/// ranges and buckets there are, the keys, their numbers, document frequencies, postings and positions must be those
/// of one pass over all documents into one bucket.
/// </summary>
[Collection(SearchCorporaCollection.Name)]
public sealed class GramIndexTests(SearchCorpora corpora)
{
    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 1)]
    [InlineData(7, 1)]
    [InlineData(1, 13)]
    [InlineData(3, 64)]
    public void CountingInRangesGivesTheIndexOfOnePass(int parts, int buckets)
    {
        var texts = corpora.Imported.NormalizedTexts;
        var (oneGrams, onePostings, oneSpill) = Count(texts, 1, 1);
        var (grams, postings, spill) = Count(texts, parts, buckets);
        using (oneSpill)
        using (onePostings)
        using (spill)
        using (postings)
        {
            Assert.True(oneGrams.Count > 1_000, $"only {oneGrams.Count} grams: the corpus does not exercise the levels");
            Assert.Equal(oneGrams.Count, grams.Count);
            var longest = 0;
            for (var gram = 0; gram < grams.Count; gram++)
            {
                Assert.Equal(oneGrams.TextOf(gram), grams.TextOf(gram));
                Assert.Equal(oneGrams.DocumentFrequency(gram), grams.DocumentFrequency(gram));
                Assert.Equal(onePostings.Postings(gram), postings.Postings(gram));
                Assert.Equal(onePostings.Positions(gram), postings.Positions(gram));
                longest += grams.LevelOf(gram) == GramIndex.MaxGram ? 1 : 0;
            }

            Assert.True(longest > 0, "no gram of the longest level: positions were not compared");
        }
    }

    [Fact]
    public void MoreRangesThanDocumentsStillCountEveryDocument()
    {
        string[] texts = ["依法行政依法行政", "依法行政", "行政复议"];
        var (oneGrams, onePostings, oneSpill) = Count(texts, 1);
        var (grams, postings, spill) = Count(texts, 8);
        using (oneSpill)
        using (onePostings)
        using (spill)
        using (postings)
        {
            Assert.Equal(oneGrams.Count, grams.Count);
            var key = Enumerable.Range(0, grams.Count).Single(g => grams.TextOf(g) == "行政");
            Assert.Equal(3, grams.DocumentFrequency(key));
            Assert.Equal(onePostings.Postings(key), postings.Postings(key));
        }
    }

    [Fact]
    public void KeyHashesAndLengthsMadeAlongPrefixesAreThoseOfTheKeyStrings()
    {
        // 𠀀 (U+20000) is two UTF-16 units and four UTF-8 bytes: both sums must count it so.
        string[] texts = ["依法行政𠀀ＡＢ行政", "依法行政𠀀", "行政𠀀复议"];
        var (grams, postings, spill) = Count(texts, 1);
        using (spill)
        using (postings)
        {
            var (hashes, lengths) = grams.Hashes();
            Assert.Contains(Enumerable.Range(0, grams.Count), g => grams.TextOf(g).Contains('\uD840'));
            for (var gram = 0; gram < grams.Count; gram++)
            {
                var key = grams.TextOf(gram);
                Assert.Equal(BucketHash.Of(key), hashes[gram]);
                Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(key), lengths[gram]);
            }
        }
    }

    private static (GramIndex Grams, GramPostings Postings, SpillFile Spill) Count(IReadOnlyList<string> texts, int parts, int buckets = 0)
    {
        var spill = new SpillFile();
        for (var doc = 0; doc < texts.Count; doc++)
        {
            spill.Append(doc, texts[doc].EnumerateRunes().Select(r => r.Value).ToArray().AsSpan());
        }

        var postings = new GramPostings();
        var grams = GramIndex.Build(spill, texts.Count, GramIndex.MinDocFrequency(texts.Count), postings, parts, buckets);
        return (grams, postings, spill);
    }
}
