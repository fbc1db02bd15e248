namespace Archive.Reading.KeyTerms;

/// <summary>
/// Words that are never key terms whatever their frequency: function words (pronouns, conjunctions, prepositions,
/// adverbs, the ordinals that number a report's points) and numerals. In a large archive most of them are in more than
/// half the reports and drop out as boilerplate anyway; this list keeps them out of small archives and of reports
/// that happen to lean on one of them.
/// </summary>
internal static class StopWords
{
    private const string Numerals = "〇零一二三四五六七八九十百千万亿两几第";

    private static readonly HashSet<string> Listed = new(
        """
        我们 你们 他们 它们 她们 咱们 自己 大家 本人 这个 那个 这些 那些 这样 那样 这种 那种 这里 那里 这次 此外 其中 其他
        其它 其余 之一 之间 之后 之前 之中 以后 以前 以来 以上 以下 以及 及其 并且 而且 或者 还是 因为 所以 因此 但是 然而
        如果 虽然 只要 只有 不仅 同时 通过 进行 关于 对于 根据 按照 为了 由于 已经 正在 没有 不断 继续 各种 各项 有关 相关
        方面 等等 可以 能够 应当 应该 需要 不能 还要 就是 也是 都是 并不 不是 而是 怎么 什么 如何 为何 怎样 哪些 这么 那么
        多少 今年 去年 明年 目前 当前 现在 今后 将来 过去 一是 二是 三是 四是 五是 六是 七是 八是 九是 十是 首先 其次 再次
        最后 一个 一些 一批 一步 一起 一定 一直 一样 所有 每个 任何 有些 许多 很多 较多 更加 非常 十分 比较 特别 主要 其实
        即使 既然 而言 来说 看来 之所以 由此 从而 进而 对此 为此 据此 此次 本次 有所 有的 的话 如下 如上 上述 下述 以便
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);

    public static bool Contains(string word) => Listed.Contains(word) || word.All(c => Numerals.Contains(c));
}
