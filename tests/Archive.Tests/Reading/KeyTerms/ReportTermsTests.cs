using Archive.Reading.KeyTerms;
using Archive.Tests.Support;

namespace Archive.Tests.Reading.KeyTerms;

/// <summary>What a report contributes (issue 20, part 4): words by longest match, and a byte form a cache can keep.</summary>
public class ReportTermsTests
{
    [Fact]
    public void Words_of_two_or_more_characters_are_counted_by_longest_match_over_SmartCns_dictionary()
    {
        var terms = ReportTerms.Of("拖欠农民工工资的问题，农民工工资。ＷＴＯ 2020年");

        Assert.Equal(2, terms.CountOf("农民工"));
        Assert.Equal(2, terms.CountOf("工资"));
        Assert.Equal(0, terms.CountOf("民工"));
        Assert.Equal(0, terms.CountOf("的"));
        Assert.Equal(1, terms.CountOf("拖欠"));
        Assert.All(terms.Words, w => Assert.True(w.Word.Length >= 2));
        Assert.Equal(terms.Words.Select(w => w.Word).Order(StringComparer.Ordinal), terms.Words.Select(w => w.Word));
    }

    [Fact]
    public void The_byte_form_gives_back_the_same_counts_and_the_same_bytes()
    {
        var text = FixtureReports.Paragraphs(new Random(1), 30);
        var terms = ReportTerms.Of(text);

        var bytes = terms.ToBytes();
        var back = ReportTerms.FromBytes(bytes);

        Assert.NotNull(back);
        Assert.True(terms.Count > 200);
        Assert.Equal(terms.Words, back.Words);
        Assert.Equal(bytes, back.ToBytes());
        Assert.Equal(bytes, ReportTerms.Of(text).ToBytes());
        Assert.Equal([(byte)'K', (byte)'T', ReportTerms.Version], bytes[..3]);
    }

    [Fact]
    public void Bytes_of_another_version_are_left_to_be_made_again_and_damaged_bytes_are_refused()
    {
        var bytes = ReportTerms.Of(FixtureReports.Paragraphs(new Random(2), 5)).ToBytes();
        var otherVersion = (byte[])bytes.Clone();
        otherVersion[2]++;
        var otherDictionary = (byte[])bytes.Clone();
        otherDictionary[3] ^= 1;

        Assert.Null(ReportTerms.FromBytes(otherVersion));
        Assert.Null(ReportTerms.FromBytes(otherDictionary));
        Assert.Throws<FormatException>(() => ReportTerms.FromBytes(bytes[..^1]));
        Assert.Throws<FormatException>(() => ReportTerms.FromBytes([.. bytes, 0]));
        Assert.Throws<FormatException>(() => ReportTerms.FromBytes([0, 0, .. bytes[2..]]));
        Assert.Throws<FormatException>(() => ReportTerms.FromBytes([]));
    }
}
