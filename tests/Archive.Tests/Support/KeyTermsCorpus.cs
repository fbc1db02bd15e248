namespace Archive.Tests.Support;

/// <summary>
/// A corpus for key terms and similar reports: 24 generated reports of three bureaus (ids {bureau}-{year}-{n}), into two
/// of which, of different bureaus, the same sentences of words no other report uses are planted: 岩画, 玛瑙 and 琥珀,
/// three times each. They are then key terms of both reports, and each report is the other's most similar. Into three
/// reports of the first one's bureau 鸵鸟 is planted three times each: a key term of that bureau.
/// </summary>
public static class KeyTermsCorpus
{
    public const string First = "120102-hrss-2015-4";
    public const string FirstBureau = "120102-hrss";
    public const string Second = "330502-hrss-2015-5";
    public const string OfBureau = "鸵鸟";
    public static readonly string[] Planted = ["岩画", "玛瑙", "琥珀"];

    public static string Write(TempFolder temp)
    {
        var input = FixtureReports.WriteCorpus(temp.Combine("input"), 24, seed: 21, ["440303-hrss", "120102-hrss", "330502-hrss"], 3, 6);
        var sentences = string.Concat(Planted.Select(w => $"今年新建{w}展示中心一处，{w}产业稳步发展，{w}保护纳入执法检查。\n"));
        File.AppendAllText(Path.Combine(input, "reports", "r0004.md"), sentences);
        File.AppendAllText(Path.Combine(input, "reports", "r0005.md"), sentences);
        foreach (var n in new[] { 1, 4, 7 })
        {
            File.AppendAllText(Path.Combine(input, "reports", $"r{n:D4}.md"), $"我局走访{OfBureau}养殖户，{OfBureau}养殖纳入普法，{OfBureau}产业依法经营。\n");
        }
        return input;
    }
}
