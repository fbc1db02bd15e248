using Archive.Corpus;

namespace Archive.Search.Contract;

/// <summary>
/// What search sees of a report (FORMAT.md §2): the title, then preamble paragraphs, headings and paragraphs in
/// reading order, each a block with its anchor. Normalization drops the line breaks between blocks, so a match may
/// span blocks.
/// </summary>
public sealed class SearchableText
{
    private NormalizedText? _normalized;
    private int[]? _blockStarts;

    public SearchableText(IReadOnlyList<TextBlock> blocks)
    {
        Blocks = blocks;
    }

    public IReadOnlyList<TextBlock> Blocks { get; }

    /// <summary>The blocks joined by line breaks, as FORMAT.md defines the searchable text.</summary>
    public string Joined => string.Join('\n', Blocks.Select(b => b.Text));

    /// <summary>The normalized searchable text with offsets into <see cref="Joined"/>.</summary>
    public NormalizedText Normalized => _normalized ??= TextNormalizer.Normalize(Joined);

    public static SearchableText Of(Report report) => Of(report, report.ReadBody());

    /// <summary>The searchable text of <paramref name="report"/>, whose text <paramref name="body"/> was read already.</summary>
    public static SearchableText Of(Report report, ReportBody body)
    {
        var blocks = new List<TextBlock> { new(TextBlock.TitleAnchor, report.Title) };
        foreach (var paragraph in body.Preamble)
        {
            blocks.Add(new TextBlock(paragraph.Anchor, paragraph.Text));
        }

        foreach (var section in body.Sections)
        {
            AddSection(section, blocks);
        }

        return new SearchableText(blocks);
    }

    /// <summary>The block a position in <see cref="Joined"/> falls in, and that block's start in <see cref="Joined"/>.</summary>
    public (int Block, int BlockStart) BlockAt(int joinedOffset)
    {
        _blockStarts ??= BlockStarts();
        var found = Array.BinarySearch(_blockStarts, joinedOffset);
        var block = found >= 0 ? found : ~found - 1;
        return (block, _blockStarts[block]);
    }

    /// <summary>Where block <paramref name="block"/> starts in <see cref="Joined"/>.</summary>
    public int BlockStartOf(int block) => (_blockStarts ??= BlockStarts())[block];

    private int[] BlockStarts()
    {
        var starts = new int[Blocks.Count];
        var at = 0;
        for (var i = 0; i < starts.Length; i++)
        {
            starts[i] = at;
            at += Blocks[i].Text.Length + 1;
        }

        return starts;
    }

    private static void AddSection(Section section, List<TextBlock> blocks)
    {
        blocks.Add(new TextBlock(section.Anchor, section.Heading));
        foreach (var paragraph in section.Paragraphs)
        {
            blocks.Add(new TextBlock(paragraph.Anchor, paragraph.Text));
        }

        foreach (var child in section.Children)
        {
            AddSection(child, blocks);
        }
    }
}
