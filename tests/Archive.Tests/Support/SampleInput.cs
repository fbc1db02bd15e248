namespace Archive.Tests.Support;

/// <summary>Small hand-written input/ folders for tests that need a corpus without importing one.</summary>
public static class SampleInput
{
    public const string Bureaus = """
        - id: 440303-hrss
          name: "深圳市罗湖区人力资源局"
          aliases: ["罗湖区人力资源局"]
          division: "440303"
          kind: "人力资源和社会保障"
        - id: 120102-hrss
          name: "天津市河东区人力资源和社会保障局"
          aliases: []
          division: "120102"
          kind: "人力资源和社会保障"
        """;

    public static string Report(string id, string bureau = "440303-hrss", string year = "2020", string published = "2021-03-01", string body = DefaultBody) => $"""
        ---
        id: {id}
        title: "{bureau} {year}年法治政府建设年度报告"
        bureau: {bureau}
        year: {year}
        published: {published}
        reviewed: true
        ---
        {body}
        """;

    public const string DefaultBody = """
        我局认真开展了年度法治政府建设工作。
        一、主要举措和成效
        （一）加强组织领导
        1.领导干部带头学习。坚持将法律法规纳入学习内容。
        对拖欠农民工工资案件，坚持发现一起、依法处理一起。
        二、存在的不足
        宣传形式有待创新。
        """;

    /// <summary>Writes bureaus.yml and the given reports (file name → content) into a new input folder.</summary>
    public static string Create(TempFolder temp, params (string File, string Content)[] reports)
    {
        temp.Write("input/bureaus.yml", Bureaus);
        foreach (var (file, content) in reports)
        {
            temp.Write($"input/reports/{file}", content);
        }

        return temp.Combine("input");
    }
}
