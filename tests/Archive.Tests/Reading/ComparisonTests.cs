using Archive.Reading.Comparison;

namespace Archive.Tests.Reading;

/// <summary>
/// The comparison of two texts: the character edits of a changed paragraph are a shortest edit script that turns the
/// older text into the newer, and the paragraph alignment accounts for every paragraph of both, in order.
/// </summary>
public class ComparisonTests
{
    private const string Alphabet = "依法行政规范性文件审查办理案件年度报告１２3，。、的了和";

    [Fact]
    public void The_edits_of_random_strings_give_back_both_texts_and_are_as_few_as_the_longest_common_subsequence_allows()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 2000; trial++)
        {
            var older = RandomText(random, random.Next(0, 40));
            var newer = random.Next(3) == 0 ? RandomText(random, random.Next(0, 40)) : Mutate(random, older);

            var edits = TextDiff.Of(older, newer);

            Assert.Equal(older, string.Concat(edits.Where(e => e.Kind != EditKind.Insert).Select(e => e.Text)));
            Assert.Equal(newer, string.Concat(edits.Where(e => e.Kind != EditKind.Delete).Select(e => e.Text)));
            var changed = edits.Where(e => e.Kind != EditKind.Equal).Sum(e => e.Text.Length);
            Assert.Equal(older.Length + newer.Length - (2 * LongestCommonSubsequence(older, newer)), changed);
            // Runs alternate: no two neighbours of one kind, no empty run.
            Assert.All(edits, e => Assert.NotEmpty(e.Text));
            Assert.All(edits.Zip(edits.Skip(1)), p => Assert.NotEqual(p.First.Kind, p.Second.Kind));
        }
    }

    [Fact]
    public void A_long_paragraph_rewritten_whole_is_a_deletion_and_an_insertion()
    {
        var older = new string('甲', 1200);
        var newer = new string('乙', 1300);

        var edits = TextDiff.Of(older, newer);

        Assert.Equal([new Edit(EditKind.Delete, older), new Edit(EditKind.Insert, newer)], edits);
    }

    [Fact]
    public void Aligned_paragraphs_account_for_every_paragraph_of_both_texts_in_order_and_give_back_the_newer()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 300; trial++)
        {
            var older = Enumerable.Range(0, random.Next(0, 15)).Select(_ => RandomText(random, random.Next(8, 60))).ToList();
            var newer = new List<string>();
            foreach (var paragraph in older)
            {
                switch (random.Next(5))
                {
                    case 0: break;
                    case 1: newer.Add(Mutate(random, paragraph)); break;
                    case 2: newer.Add(RandomText(random, random.Next(8, 60))); newer.Add(paragraph); break;
                    default: newer.Add(paragraph); break;
                }
            }

            var aligned = ParagraphAlignment.Align(ComparableText.Of(older), ComparableText.Of(newer));

            Assert.Equal(Enumerable.Range(0, older.Count), aligned.Where(a => a.Older is not null).Select(a => a.Older!.Value));
            Assert.Equal(Enumerable.Range(0, newer.Count), aligned.Where(a => a.Newer is not null).Select(a => a.Newer!.Value));
            var rebuilt = aligned.Where(a => a.Change != ParagraphChange.Dropped).Select(a => a.Change switch
            {
                ParagraphChange.Unchanged => older[a.Older!.Value],
                ParagraphChange.Changed => string.Concat(a.Edits.Where(e => e.Kind != EditKind.Delete).Select(e => e.Text)),
                _ => newer[a.Newer!.Value],
            });
            Assert.Equal(newer, rebuilt);
            Assert.All(aligned.Where(a => a.Change == ParagraphChange.Unchanged), a => Assert.Equal(older[a.Older!.Value], newer[a.Newer!.Value]));
            // A paragraph kept as it was is found as unchanged, not as a new one beside a dropped one.
            Assert.Equal(newer.Count(p => older.Contains(p)), aligned.Count(a => a.Change == ParagraphChange.Unchanged));
        }
    }

    [Fact]
    public void Paragraphs_that_share_little_are_new_and_dropped_not_changed()
    {
        var aligned = ParagraphAlignment.Align(ComparableText.Of(["全年办理行政复议案件58件，依法纠正3件。"]), ComparableText.Of(["组织执法人员开展培训两次，覆盖全体人员。"]));

        Assert.Equal([ParagraphChange.Dropped, ParagraphChange.New], aligned.Select(a => a.Change));
    }

    private static string RandomText(Random random, int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => Alphabet[random.Next(Alphabet.Length)])]);

    // A few insertions, deletions and replacements.
    private static string Mutate(Random random, string text)
    {
        var chars = text.ToList();
        for (var edits = random.Next(1, 5); edits > 0; edits--)
        {
            var at = random.Next(chars.Count + 1);
            switch (random.Next(3))
            {
                case 0: chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                case 1 when at < chars.Count: chars.RemoveAt(at); break;
                case 2 when at < chars.Count: chars[at] = Alphabet[random.Next(Alphabet.Length)]; break;
            }
        }

        return new string([.. chars]);
    }

    private static int LongestCommonSubsequence(string a, string b)
    {
        var table = new int[a.Length + 1, b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                table[i, j] = a[i - 1] == b[j - 1] ? table[i - 1, j - 1] + 1 : Math.Max(table[i - 1, j], table[i, j - 1]);
            }
        }

        return table[a.Length, b.Length];
    }
}
