using System.Text.RegularExpressions;

namespace Archive.Corpus;

/// <summary>
/// Turns report text (one paragraph per line) into a section tree using the numbering of Chinese official
/// documents: 一、 opens a level-1 section, （一） a level-2 one, 1. a level-3 one.
/// </summary>
public static partial class BodyParser
{
    // A numbered heading often runs into its paragraph ("1.领导干部带头学习。坚持将…"); past this length the
    // first sentence is taken as the heading and the rest stays its paragraph, so the table of contents stays short.
    private const int MaxHeadingLength = 40;

    public static ReportBody Parse(IEnumerable<string> lines)
    {
        var builder = new TreeBuilder();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var level = HeadingLevel(line);
            if (level == 0)
            {
                builder.AddParagraph(line);
                continue;
            }

            var (heading, remainder) = SplitRunIn(line);
            builder.OpenSection(level, heading);
            if (remainder.Length > 0)
            {
                builder.AddParagraph(remainder);
            }
        }

        return builder.Build();
    }

    /// <summary>1, 2 or 3 for a numbered heading line, 0 for a paragraph.</summary>
    public static int HeadingLevel(string line)
    {
        if (LevelOne().IsMatch(line))
        {
            return 1;
        }

        if (LevelTwo().IsMatch(line))
        {
            return 2;
        }

        return LevelThree().IsMatch(line) ? 3 : 0;
    }

    private static (string Heading, string Remainder) SplitRunIn(string line)
    {
        if (line.Length <= MaxHeadingLength)
        {
            return (line, "");
        }

        var stop = line.IndexOfAny(['。', '；', ';']);
        return stop > 0 && stop < line.Length - 1
            ? (line[..(stop + 1)], line[(stop + 1)..])
            : (line, "");
    }

    [GeneratedRegex(@"^[一二三四五六七八九十]{1,3}[、，,]")]
    private static partial Regex LevelOne();

    [GeneratedRegex(@"^[（(][一二三四五六七八九十]{1,3}[）)]")]
    private static partial Regex LevelTwo();

    // "2.5万人" is a number, not a heading: the numeral must not be followed by another digit.
    [GeneratedRegex(@"^[0-9０-９]{1,2}[.．、](?![0-9０-９])")]
    private static partial Regex LevelThree();

    private sealed class TreeBuilder
    {
        private readonly List<Paragraph> _preamble = [];
        private readonly List<Node> _roots = [];
        private readonly Stack<Node> _open = new();
        private int _paragraphs;

        public void AddParagraph(string text)
        {
            var paragraph = new Paragraph($"p{++_paragraphs}", text);
            if (_open.TryPeek(out var node))
            {
                node.Paragraphs.Add(paragraph);
            }
            else
            {
                _preamble.Add(paragraph);
            }
        }

        public void OpenSection(int level, string heading)
        {
            while (_open.TryPeek(out var top) && top.Level >= level)
            {
                _open.Pop();
            }

            var siblings = _open.TryPeek(out var parent) ? parent.Children : _roots;
            var anchor = (parent is null ? "s" : parent.Anchor + "-") + (siblings.Count + 1);
            var node = new Node(anchor, level, heading);
            siblings.Add(node);
            _open.Push(node);
        }

        public ReportBody Build() => new(_preamble, _roots.Select(n => n.ToSection()).ToList());
    }

    private sealed record Node(string Anchor, int Level, string Heading)
    {
        public List<Paragraph> Paragraphs { get; } = [];

        public List<Node> Children { get; } = [];

        public Section ToSection() =>
            new(Anchor, Level, Heading, Paragraphs, Children.Select(c => c.ToSection()).ToList());
    }
}
