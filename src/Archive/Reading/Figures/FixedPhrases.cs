namespace Archive.Reading.Figures;

/// <summary>
/// Idioms, slogans and policy terms that hold a number and a measure word but count nothing: 万家灯火, 最多跑一次,
/// 四个意识, 十年禁渔, 五位一体. A reader knows them as words; no rule about numbers would tell them apart.
/// </summary>
internal static class FixedPhrases
{
    private static readonly string[] Phrases =
    [
        // Idioms and sayings.
        "万家灯火", "千家万户", "千方百计", "千辛万苦", "万无一失", "千军万马", "三番五次", "两条腿", "车之两轮", "鸟之两翼",
        // Slogans of public service.
        "最多跑一次", "一次办", "一次不用跑", "一件事", "一张网", "一条街", "一张图", "一张蓝图", "一对一",
        // Political doctrines and policy terms.
        "两个维护", "两个确立", "两个毫不动摇", "两个结合", "四个意识", "四个自信", "三个务必", "三位一体", "四位一体",
        "五位一体", "十年禁渔", "九年义务教育", "一百年奋斗目标", "三次产业",
    ];

    /// <summary>Whether a fixed phrase covers any part of the span from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public static bool Cover(string text, int start, int end)
    {
        foreach (var phrase in Phrases)
        {
            var from = Math.Max(0, start - phrase.Length + 1);
            // Any occurrence that fits in this window overlaps the span.
            var window = Math.Min(text.Length, end + phrase.Length - 1) - from;
            if (text.IndexOf(phrase, from, window, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
