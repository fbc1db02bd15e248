using Archive.Corpus;

namespace Archive.Reading.Figures;

/// <summary>A key figure of a report with the anchor of the paragraph it stands in, by which a reader cites it.</summary>
public sealed record KeyFigure(string Anchor, Figure Figure)
{
    /// <summary>The figures of every paragraph of <paramref name="body"/>, in reading order (headings hold none).</summary>
    public static IReadOnlyList<KeyFigure> AllOf(ReportBody body)
    {
        var figures = new List<KeyFigure>();
        foreach (var paragraph in body.AllParagraphs)
        {
            foreach (var figure in FigureExtractor.Extract(paragraph.Text))
            {
                figures.Add(new KeyFigure(paragraph.Anchor, figure));
            }
        }

        return figures;
    }
}
