using Archive.Corpus;

namespace Archive.Reading.Comparison;

/// <summary>A heading or paragraph of a report, in reading order, with its anchor.</summary>
public sealed record ComparedBlock(string Anchor, string Text, bool IsHeading);

/// <summary>
/// A report against its bureau's report of an earlier year: the blocks of both (headings and paragraphs in reading
/// order), their alignment, and the counts a summary gives (新增、删除、改写 paragraphs, the share of the newer text
/// kept as it was).
/// </summary>
public sealed record YearComparison(IReadOnlyList<ComparedBlock> Older, IReadOnlyList<ComparedBlock> Newer, IReadOnlyList<AlignedParagraph> Paragraphs)
{
    public int NewCount => Paragraphs.Count(p => p.Change == ParagraphChange.New);

    public int DroppedCount => Paragraphs.Count(p => p.Change == ParagraphChange.Dropped);

    public int ChangedCount => Paragraphs.Count(p => p.Change == ParagraphChange.Changed);

    public int UnchangedCount => Paragraphs.Count(p => p.Change == ParagraphChange.Unchanged);

    /// <summary>The share of the newer text's characters that stand as they stood in the older, in whole percent (rounded down).</summary>
    public int UnchangedPercent
    {
        get
        {
            var total = Newer.Sum(b => (long)b.Text.Length);
            var kept = Paragraphs.Sum(p => p.Change switch
            {
                ParagraphChange.Unchanged => (long)Newer[p.Newer!.Value].Text.Length,
                ParagraphChange.Changed => p.Edits.Where(e => e.Kind == EditKind.Equal).Sum(e => (long)e.Text.Length),
                _ => 0,
            });
            return total == 0 ? 100 : (int)(kept * 100 / total);
        }
    }

    public static YearComparison Of(ReportBody older, ReportBody newer) => Of(ComparableText.Of(older), ComparableText.Of(newer));

    public static YearComparison Of(ComparableText older, ComparableText newer) =>
        new(older.Blocks, newer.Blocks, ParagraphAlignment.Align(older, newer));

    /// <summary>The headings and paragraphs of <paramref name="body"/> in reading order.</summary>
    public static IReadOnlyList<ComparedBlock> BlocksOf(ReportBody body)
    {
        var blocks = body.Preamble.Select(p => new ComparedBlock(p.Anchor, p.Text, false)).ToList();
        void Add(Section section)
        {
            blocks.Add(new ComparedBlock(section.Anchor, section.Heading, true));
            blocks.AddRange(section.Paragraphs.Select(p => new ComparedBlock(p.Anchor, p.Text, false)));
            foreach (var child in section.Children)
            {
                Add(child);
            }
        }

        foreach (var section in body.Sections)
        {
            Add(section);
        }

        return blocks;
    }
}
