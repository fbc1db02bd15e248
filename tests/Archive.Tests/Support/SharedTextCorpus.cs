namespace Archive.Tests.Support;

/// <summary>
/// Reports written to share text: 罗湖's 2021 report (luohu-2021); 河东's (hedong-2021), which copies seven of its
/// ten paragraphs as its p1–p7 (four exactly, three with a figure added or a character changed every forty); 吴兴's
/// (wuxing-2021), which copies its p9 as p2; and 罗湖's own 2022 report (luohu-2022), which repeats its p10 (a bureau
/// repeating itself is not shared text). Every other paragraph is random text of the reports' vocabulary, shared
/// with nothing.
/// </summary>
public static class SharedTextCorpus
{
    private const string Characters = "依法行政规范性文件审查办理案件年度报告工作推进建设完善制度加强监督落实责任服务群众执法人员培训组织开展法治政府部门机关单位社会经济发展改革创新管理体系能力水平提升明显成效取得全面深化综合治理保障权益维护稳定安全环境生态";

    public static string Write(TempFolder temp)
    {
        var random = new Random(41);
        var luohu = Enumerable.Range(0, 10).Select(_ => Paragraph(random)).ToList();
        var hedong = luohu.Take(4).Concat(luohu.Skip(4).Take(3).Select((p, i) => i == 0 ? "全年办理案件37件，" + p : Edit(p, i))).Concat(Enumerable.Range(0, 3).Select(_ => Paragraph(random))).ToList();
        var wuxing = new[] { Paragraph(random), luohu[8] }.Concat(Enumerable.Range(0, 8).Select(_ => Paragraph(random))).ToList();
        var luohuNext = new[] { luohu[9] }.Concat(Enumerable.Range(0, 9).Select(_ => Paragraph(random))).ToList();
        var input = SampleInput.Create(
            temp,
            ("luohu-2021.md", SampleInput.Report("luohu-2021", "440303-hrss", "2021", "2022-03-01", string.Join('\n', luohu))),
            ("hedong-2021.md", SampleInput.Report("hedong-2021", "120102-hrss", "2021", "2022-03-01", string.Join('\n', hedong))),
            ("wuxing-2021.md", SampleInput.Report("wuxing-2021", "330502-hrss", "2021", "2022-03-01", string.Join('\n', wuxing))),
            ("luohu-2022.md", SampleInput.Report("luohu-2022", "440303-hrss", "2022", "2023-03-01", string.Join('\n', luohuNext))));
        temp.Write("input/bureaus.yml", SampleInput.Bureaus + """

            - id: 330502-hrss
              name: "湖州市吴兴区人力资源和社会保障局"
              aliases: []
              division: "330502"
              kind: "人力资源和社会保障"
            """);
        return input;
    }

    private static string Paragraph(Random random) =>
        new string([.. Enumerable.Range(0, random.Next(60, 140)).Select(_ => Characters[random.Next(Characters.Length)])]) + "。";

    // A figure written into it (the second), or a character replaced about every forty: a near copy, still.
    private static string Edit(string text, int which)
    {
        if (which == 2)
        {
            return text.Insert(text.Length / 2, "共58件");
        }

        var chars = text.ToCharArray();
        for (var at = 25; at < chars.Length - 1; at += 41)
        {
            chars[at] = chars[at] == '法' ? '治' : '法';
        }

        return new string(chars);
    }
}
