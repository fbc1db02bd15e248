using System.Text.RegularExpressions;
using Archive.Corpus;

namespace Archive.Import;

/// <summary>
/// Joins lines that a scrape or a wiki link broke in the middle of a sentence ("佛山市…局2020年" + "法治政府建设
/// 年度报告"). A numbered heading, a date or a signature is never joined to its neighbour, except a run-in
/// heading ("1.配强劳动" + "纠纷调解队伍。…") in a list whose other items all run into their paragraphs.
/// </summary>
public static partial class LineJoiner
{
    private const string Closing = "。！？；：:;!?…”’」』）)》〉】]";
    private const string Opening = "。，、；：！？）」』》〉”’)]】,.;:!?";

    public static IReadOnlyList<string> Join(IReadOnlyList<string> lines)
    {
        var text = lines.Select(l => l.Trim()).Where(l => !ChromeStripper.IsBlank(l)).ToList();
        var runInLevels = RunInLevels(text);
        var joined = new List<string>();
        foreach (var line in text)
        {
            if (joined.Count > 0 && Continues(joined[^1], line, runInLevels))
            {
                joined[^1] += line;
            }
            else
            {
                joined.Add(line);
            }
        }

        return joined;
    }

    private static bool Continues(string previous, string next, HashSet<int> runInLevels)
    {
        if (IsDate(previous) || IsDate(next) || BodyParser.HeadingLevel(next) > 0 || Signature().IsMatch(next))
        {
            return false;
        }

        // A line that starts with closing punctuation ("。会议充分肯定…") is the rest of the line before it.
        if (Opening.Contains(next[0], StringComparison.Ordinal))
        {
            return true;
        }

        if (Closing.Contains(previous[^1], StringComparison.Ordinal))
        {
            return false;
        }

        var level = BodyParser.HeadingLevel(previous);
        if (level > 0)
        {
            return runInLevels.Contains(level) && !previous.Contains('。', StringComparison.Ordinal);
        }

        // Without closing punctuation a line is either a title, a signature or a broken sentence; prose
        // punctuation inside it or a dangling phrase ("2020年", "关于") says it is a broken sentence.
        return ProsePunctuation().IsMatch(previous) || DanglingEnd().IsMatch(previous) || next.Length <= 2;
    }

    private static bool IsDate(string line) => DateLine().IsMatch(line);

    // The heading levels whose headings, where they run on, all carry their paragraph on the same line.
    private static HashSet<int> RunInLevels(List<string> lines)
    {
        var levels = new HashSet<int>();
        foreach (var group in lines.Where(l => BodyParser.HeadingLevel(l) > 0).GroupBy(BodyParser.HeadingLevel))
        {
            var headings = group.ToList();
            var runIn = headings.Count(h => h.IndexOf('。', StringComparison.Ordinal) is var stop && stop > 0 && stop < h.Length - 1);
            if (headings.Count >= 3 && runIn >= headings.Count - 1)
            {
                levels.Add(group.Key);
            }
        }

        return levels;
    }

    [GeneratedRegex("[，、；,]")]
    private static partial Regex ProsePunctuation();

    [GeneratedRegex(@"([0-9０-９]{2,4}年|[0-9０-９]{1,2}月|[《“‘（(「『【]|[的和与及或在对于把将从向为])$")]
    private static partial Regex DanglingEnd();

    // A body's name alone on a line closes a report as its signature.
    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}（）()]{2,30}(局|厅|委员会|委|办公室|政府|院|部|中心|办)$")]
    private static partial Regex Signature();

    [GeneratedRegex(@"^(——)?\s*([0-9０-９]{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[0-9０-９一二三四五六七八九十]{1,2}\s*月\s*([0-9０-９一二三四五六七八九十]{1,3}\s*日)?")]
    private static partial Regex DateLine();
}
