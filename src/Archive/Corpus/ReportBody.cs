namespace Archive.Corpus;

/// <summary>A paragraph of report text with the anchor a reader can cite it by.</summary>
public sealed record Paragraph(string Anchor, string Text);

/// <summary>A numbered section (一、 → （一） → 1.) with its own paragraphs and subsections.</summary>
public sealed record Section(
    string Anchor,
    int Level,
    string Heading,
    IReadOnlyList<Paragraph> Paragraphs,
    IReadOnlyList<Section> Children);

/// <summary>A report's text as a tree: paragraphs before the first heading, then the sections.</summary>
public sealed record ReportBody(IReadOnlyList<Paragraph> Preamble, IReadOnlyList<Section> Sections)
{
    /// <summary>Every paragraph in reading order, headings excluded.</summary>
    public IEnumerable<Paragraph> AllParagraphs => Preamble.Concat(Sections.SelectMany(ParagraphsOf));

    /// <summary>Every section in reading order, depth first.</summary>
    public IEnumerable<Section> AllSections => Sections.SelectMany(SectionsOf);

    /// <summary>The body as plain text, one line per heading or paragraph, as a reader sees it.</summary>
    public string PlainText => string.Join('\n', Preamble.Select(p => p.Text).Concat(Sections.SelectMany(LinesOf)));

    private static IEnumerable<Paragraph> ParagraphsOf(Section section) =>
        section.Paragraphs.Concat(section.Children.SelectMany(ParagraphsOf));

    private static IEnumerable<Section> SectionsOf(Section section) =>
        section.Children.SelectMany(SectionsOf).Prepend(section);

    private static IEnumerable<string> LinesOf(Section section) =>
        section.Paragraphs.Select(p => p.Text).Concat(section.Children.SelectMany(LinesOf)).Prepend(section.Heading);
}
