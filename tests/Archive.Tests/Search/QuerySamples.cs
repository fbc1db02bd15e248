namespace Archive.Tests.Search;

/// <summary>Queries drawn with a fixed seed from a corpus's normalized texts, plus the terms people search for.</summary>
internal static class QuerySamples
{
    public static readonly string[] Named =
    [
        "民工", "欠薪", "调解率", "云仲裁", "双随机一公开", "谁执法谁普法", "年以来", "双随机、一公开", "\"谁执法、谁普法\"",
        "020", "2020", "wto", "ＷＴＯ", "〇", "𠀀", "农民工 -欠薪", "民工 OR 云仲裁", "-民工", "欠薪 调解率 OR 仲裁", "，。",
    ];

    /// <summary>Substrings of 2–8 code points (and some single code points and long runs), then multi-term queries built from them.</summary>
    public static List<string> Draw(IReadOnlyList<string> texts, int substrings, int seed = 20240601)
    {
        var random = new Random(seed);
        var terms = new List<string>();
        for (var i = 0; i < substrings; i++)
        {
            terms.Add(Substring(texts, random, random.Next(2, 9)));
        }

        for (var i = 0; i < substrings / 10; i++)
        {
            terms.Add(Substring(texts, random, 1));
            // Longer than the static index's overlap, so verification has to read whole documents.
            terms.Add(Substring(texts, random, random.Next(60, 200)));
            // Two pieces from anywhere: mostly found nowhere, which tests precision.
            terms.Add(Substring(texts, random, random.Next(1, 4)) + Substring(texts, random, random.Next(1, 4)));
        }

        var queries = new List<string>(Named);
        queries.AddRange(terms);
        for (var i = 0; i < substrings / 10; i++)
        {
            string Pick() => terms[random.Next(terms.Count)];
            queries.Add(random.Next(4) switch
            {
                0 => $"{Pick()} {Pick()}",
                1 => $"{Pick()} OR {Pick()}",
                2 => $"{Pick()} -{Pick()}",
                _ => $"-{Pick()}",
            });
        }

        return queries;
    }

    private static string Substring(IReadOnlyList<string> texts, Random random, int length)
    {
        var text = texts[random.Next(texts.Count)];
        var runes = text.EnumerateRunes().Select(r => r.ToString()).ToList();
        length = Math.Min(length, runes.Count);
        return string.Concat(runes.Skip(random.Next(runes.Count - length + 1)).Take(length));
    }
}
