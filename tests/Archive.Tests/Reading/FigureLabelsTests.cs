using System.Globalization;
using Archive.Reading.Figures;
using Xunit.Abstractions;

namespace Archive.Tests.Reading;

/// <summary>
/// The measurement of the issue: the extractor against the figures labelled by hand in Fixtures/figures, over every
/// paragraph of the regions labelled exhaustively. A figure matches a label when both are in the same paragraph, their
/// spans overlap and they have the same value and unit; each label and each figure matches at most once.
/// </summary>
public class FigureLabelsTests(ITestOutputHelper output)
{
    private const double RequiredPrecision = 0.95;
    private const double RequiredRecall = 0.90;

    [Fact]
    public void The_paragraphs_are_split_as_the_labels_were_made()
    {
        // README.md lists how the labelled Shanghai paragraphs begin; a different split would shift every label.
        string[] readme =
        [
            "一年来，全市经济社会发展总体平稳", "加快国际经济中心建设，产业体系现", "加快国际金融中心建设，金融“四个", "加快国际贸易中心建设，链接全球能",
            "加快国际航运中心建设，航运枢纽功", "加快国际科技创新中心建设，创新策", "浦东引领区加快打造。深入开展浦东", "自贸试验区及临港新片区建设持续深",
            "长三角一体化发展等区域合作深入推", "重点领域改革协同发力。加快实施国",
        ];
        var shanghai = FigureLabels.Paragraphs.Where(p => p.Source == FigureLabels.Shanghai).ToList();

        Assert.Equal(readme.Length, shanghai.Count);
        Assert.All(readme.Zip(shanghai), pair => Assert.StartsWith("\u2003\u2003" + pair.First, pair.Second.Text, StringComparison.Ordinal));
        Assert.Equal(15, FigureLabels.Paragraphs.Count(p => p.Source == FigureLabels.National && p.Text.Length > 0) - 1);
    }

    [Fact]
    public void Every_label_lies_in_a_paragraph_that_is_measured()
    {
        var outside = FigureLabels.Labels.Where(label => ParagraphOf(label) is null).Select(l => $"{l.Source}: {l.Context}").ToList();

        Assert.True(FigureLabels.Labels.Count >= 200, $"only {FigureLabels.Labels.Count} labels");
        Assert.Empty(outside);
    }

    [Fact]
    public void Extracted_figures_match_the_labels_with_the_required_precision_and_recall()
    {
        var figures = new List<(LabelledParagraph Paragraph, Figure Figure)>();
        foreach (var paragraph in FigureLabels.Paragraphs)
        {
            figures.AddRange(FigureExtractor.Extract(paragraph.Text).Select(f => (paragraph, f)));
        }

        var matchedFigures = new HashSet<int>();
        var misses = new List<FigureLabel>();
        foreach (var label in FigureLabels.Labels)
        {
            var match = Enumerable.Range(0, figures.Count)
                .Where(i => !matchedFigures.Contains(i) && Matches(figures[i].Paragraph, figures[i].Figure, label))
                .Select(i => (int?)i).FirstOrDefault();
            if (match is { } found)
            {
                matchedFigures.Add(found);
            }
            else
            {
                misses.Add(label);
            }
        }

        var precision = (double)matchedFigures.Count / figures.Count;
        var recall = (double)(FigureLabels.Labels.Count - misses.Count) / FigureLabels.Labels.Count;
        Report(figures, matchedFigures, misses, precision, recall);

        Assert.True(precision >= RequiredPrecision, $"precision {precision:P1} < {RequiredPrecision:P0}");
        Assert.True(recall >= RequiredRecall, $"recall {recall:P1} < {RequiredRecall:P0}");
    }

    private static bool Matches(LabelledParagraph paragraph, Figure figure, FigureLabel label)
    {
        var start = paragraph.Start + figure.Start;
        return label.Source == paragraph.Source && label.Start >= paragraph.Start && label.End <= paragraph.End
            && start < label.End && label.Start < start + figure.Length
            && figure.Value == label.Value && figure.Unit == label.Unit;
    }

    private static LabelledParagraph? ParagraphOf(FigureLabel label) =>
        FigureLabels.Paragraphs.FirstOrDefault(p => p.Source == label.Source && label.Start >= p.Start && label.End <= p.End);

    private void Report(List<(LabelledParagraph Paragraph, Figure Figure)> figures, HashSet<int> matched, List<FigureLabel> misses, double precision, double recall)
    {
        output.WriteLine($"labels {FigureLabels.Labels.Count}, figures {figures.Count}, matched {matched.Count}: precision {precision:P1}, recall {recall:P1}");
        output.WriteLine(string.Empty);
        output.WriteLine("figures (✓ matches a label, ✗ false positive):");
        for (var i = 0; i < figures.Count; i++)
        {
            var (paragraph, figure) = figures[i];
            output.WriteLine($"{(matched.Contains(i) ? "✓" : "✗")} {paragraph.Source} p{paragraph.Index}: {Describe(figure)}  ‹{Around(paragraph.Text, figure.Start, figure.End)}›");
        }

        output.WriteLine(string.Empty);
        output.WriteLine($"misses ({misses.Count}):");
        foreach (var label in misses)
        {
            var paragraph = ParagraphOf(label)!;
            var near = figures.Where(f => f.Paragraph == paragraph && paragraph.Start + f.Figure.Start < label.End && label.Start < paragraph.Start + f.Figure.End)
                .Select(f => Describe(f.Figure));
            output.WriteLine($"  {label.Source} p{paragraph.Index}: {label.Text} = {Value(label.Value)} {label.Unit}  ‹{label.Context}›  overlapping: [{string.Join("; ", near)}]");
        }

        output.WriteLine(string.Empty);
        output.WriteLine($"false positives ({figures.Count - matched.Count}):");
        for (var i = 0; i < figures.Count; i++)
        {
            if (!matched.Contains(i))
            {
                var (paragraph, figure) = figures[i];
                output.WriteLine($"  {paragraph.Source} p{paragraph.Index}: {Describe(figure)}  ‹{Around(paragraph.Text, figure.Start, figure.End)}›");
            }
        }
    }

    private static string Describe(Figure f) => $"{f.Text} = {Value(f.Value)} {f.Unit} · {f.Measure}";

    private static string Value(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Around(string text, int start, int end)
    {
        var from = Math.Max(0, start - 12);
        var to = Math.Min(text.Length, end + 6);
        return text[from..to];
    }
}
