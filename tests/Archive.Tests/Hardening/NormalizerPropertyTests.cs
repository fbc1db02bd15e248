using FsCheck.Xunit;
using Archive.Search.Contract;

namespace Archive.Tests.Hardening;

/// <summary>The search normalizer on any string: it never throws, is idempotent, and maps back into the original in order.</summary>
public class NormalizerPropertyTests
{
    private const int Cases = 500;

    [Property(MaxTest = Cases, Arbitrary = [typeof(FuzzInputs)])]
    public void Normalizing_twice_gives_what_normalizing_once_gives(string text)
    {
        var once = TextNormalizer.NormalizeToString(text);

        Assert.Equal(once, TextNormalizer.NormalizeToString(once));
    }

    [Property(MaxTest = Cases, Arbitrary = [typeof(FuzzInputs)])]
    public void Every_kept_code_point_comes_from_a_later_place_in_the_original_than_the_one_before(string text)
    {
        var normalized = TextNormalizer.Normalize(text);

        var previous = -1;
        for (var i = 0; i < normalized.Length; i++)
        {
            var offset = normalized.SourceOffset(i);
            Assert.InRange(offset, previous + 1, text.Length - 1);
            previous = offset;
        }

        Assert.Equal(normalized.Length, normalized.Text.EnumerateRunes().Count());
        Assert.Equal(text.Length, normalized.SourceOffset(normalized.Length));
        var (start, end) = normalized.SourceSpan(0, normalized.Length);
        Assert.InRange(start, 0, text.Length);
        Assert.InRange(end, start, text.Length);
    }

    [Property(MaxTest = Cases, Arbitrary = [typeof(FuzzInputs)])]
    public void Width_folding_keeps_every_offset(string text)
    {
        Assert.Equal(text.Length, TextNormalizer.FoldWidth(text).Length);
    }
}
