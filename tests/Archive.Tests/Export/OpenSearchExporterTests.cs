using Archive.Tests.Support;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Archive.Core;
using Archive.Corpus;
using Archive.Export;

namespace Archive.Tests.Export;

public class OpenSearchExporterTests
{
    [Fact]
    public void Every_report_of_the_shipped_input_is_one_action_and_document_pair_in_id_order()
    {
        using var temp = new TempFolder();
        var corpus = new CorpusReader().ReadValid(RepoPaths.Input);

        var summary = new OpenSearchExporter().Export(RepoPaths.Input, temp.Combine("export"));

        var export = BulkExport.Read(temp.Combine("export"));
        Assert.Equal(corpus.Reports.Select(r => r.Id), export.Documents.Select(d => d.GetProperty("id").GetString()));
        Assert.Equal(corpus.Reports.Count, summary.Reports);
        Assert.Equal(["bulk-0001.ndjson"], export.Files);
        Assert.Equal(export.Files, summary.BulkFiles);
        foreach (var (action, document, _) in export.Pairs)
        {
            var index = Assert.Single(action.EnumerateObject());
            Assert.Equal("index", index.Name);
            Assert.Equal(["_index", "_id"], index.Value.EnumerateObject().Select(p => p.Name));
            Assert.Equal(OpenSearchExporter.DefaultIndex, index.Value.GetProperty("_index").GetString());
            Assert.Equal(document.GetProperty("id").GetString(), index.Value.GetProperty("_id").GetString());
        }
    }

    [Fact]
    public void Documents_hold_the_full_text_so_a_phrase_is_in_exactly_the_reports_whose_files_contain_it()
    {
        using var temp = new TempFolder();
        const string phrase = "拖欠农民工工资";
        new OpenSearchExporter().Export(RepoPaths.Input, temp.Combine("export"));
        var export = BulkExport.Read(temp.Combine("export"));

        // The oracle is the raw report files, not the corpus reader the exporter uses.
        var expected = Directory.EnumerateFiles(Path.Combine(RepoPaths.Input, "reports"), "*.md")
            .Select(File.ReadAllText)
            .Where(text => text[text.IndexOf("\n---", 3, StringComparison.Ordinal)..].Contains(phrase, StringComparison.Ordinal))
            .Select(text => Regex.Match(text, "^id: \"?([^\"\\n]+)\"?$", RegexOptions.Multiline).Groups[1].Value)
            .Order(StringComparer.Ordinal)
            .ToList();
        var found = export.Documents
            .Where(d => d.GetProperty("body").GetString()!.Contains(phrase, StringComparison.Ordinal))
            .Select(d => d.GetProperty("id").GetString()!)
            .ToList();

        Assert.InRange(expected.Count, 1, export.Pairs.Count - 1);
        Assert.Equal(expected, found);
        foreach (var report in new CorpusReader().ReadValid(RepoPaths.Input).Reports)
        {
            var document = export.Document(report.Id);
            Assert.Equal(report.ReadBody().PlainText, document.GetProperty("body").GetString());
            Assert.Equal(report.Title, document.GetProperty("title").GetString());
            Assert.Equal(report.ReadBody().AllSections.Select(s => s.Heading), document.GetProperty("headings").EnumerateArray().Select(h => h.GetString()));
        }
    }

    [Fact]
    public void Metadata_gives_the_region_path_as_codes_and_names_and_leaves_out_what_is_unknown()
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(temp,
            ("a.md", SampleInput.Report("luohu-2020", published: "2021-05-02")),
            ("b.md", SampleInput.Report("hedong-2021", bureau: "120102-hrss", year: "2021", published: "unknown")));
        temp.Write("input/site.yml", "url: https://reports.example.org/\nbase_path: /archive/\n");

        new OpenSearchExporter().Export(input, temp.Combine("export"));

        var export = BulkExport.Read(temp.Combine("export"));
        var luohu = export.Document("luohu-2020");
        Assert.Equal("440303-hrss", luohu.GetProperty("bureau_id").GetString());
        Assert.Equal("深圳市罗湖区人力资源局", luohu.GetProperty("bureau").GetString());
        Assert.Equal(["罗湖区人力资源局"], luohu.GetProperty("bureau_aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("广东省 深圳市 罗湖区", luohu.GetProperty("region").GetString());
        Assert.Equal(["440000", "440300", "440303"], luohu.GetProperty("region_codes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["广东省", "深圳市", "罗湖区"], luohu.GetProperty("region_names").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("440000", luohu.GetProperty("province_code").GetString());
        Assert.Equal("440300", luohu.GetProperty("city_code").GetString());
        Assert.Equal("440303", luohu.GetProperty("district_code").GetString());
        Assert.Equal(JsonValueKind.Number, luohu.GetProperty("year").ValueKind);
        Assert.Equal(2020, luohu.GetProperty("year").GetInt32());
        Assert.Equal("2021-05-02", luohu.GetProperty("published").GetString());
        Assert.True(luohu.GetProperty("late").GetBoolean());
        Assert.Equal("https://reports.example.org/archive/reports/luohu-2020.html", luohu.GetProperty("url").GetString());

        // A municipality's district has no city level, and an unknown date is absent, not null or "unknown".
        var hedong = export.Document("hedong-2021");
        Assert.Equal(["120000", "120102"], hedong.GetProperty("region_codes").EnumerateArray().Select(c => c.GetString()));
        Assert.False(hedong.TryGetProperty("city_code", out _));
        Assert.False(hedong.TryGetProperty("published", out _));
        Assert.False(hedong.TryGetProperty("late", out _));
        Assert.False(hedong.TryGetProperty("source_url", out _));
    }

    [Fact]
    public void Line_and_paragraph_separators_and_control_characters_are_escaped_and_chinese_is_not()
    {
        using var temp = new TempFolder();
        const string tricky = "第一段\u2028续\u2029完\u0001\u0085 𠮷 \"引号\" \\ </script>";
        var input = SampleInput.Create(temp, ("a.md", SampleInput.Report("a-2020", body: "拖欠工资" + tricky)));

        new OpenSearchExporter().Export(input, temp.Combine("export"));

        var bytes = File.ReadAllBytes(temp.Combine("export", "bulk-0001.ndjson"));
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Equal(2, text.Count(c => c == '\n'));
        foreach (var character in "\u2028\u2029\u0001\u0085")
        {
            Assert.DoesNotContain(character, text);
        }

        Assert.Contains("拖欠工资第一段", text);
        var export = BulkExport.Read(temp.Combine("export"));
        Assert.Equal("拖欠工资" + tricky, export.Document("a-2020").GetProperty("body").GetString());
    }

    [Fact]
    public void Files_are_split_under_the_size_limit_without_splitting_a_report_or_losing_one()
    {
        using var temp = new TempFolder();
        var reports = Enumerable.Range(1, 7).Select(i => ($"r{i}.md", SampleInput.Report($"r-{i}", year: (2013 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToArray();
        var input = SampleInput.Create(temp, reports);
        new OpenSearchExporter().Export(input, temp.Combine("whole"));
        var whole = File.ReadAllBytes(temp.Combine("whole", "bulk-0001.ndjson"));
        var pair = whole.Length / 7;

        var summary = new OpenSearchExporter(maxFileBytes: 2 * pair + pair / 2).Export(input, temp.Combine("split"));

        var split = BulkExport.Read(temp.Combine("split"));
        Assert.Equal(["bulk-0001.ndjson", "bulk-0002.ndjson", "bulk-0003.ndjson", "bulk-0004.ndjson"], split.Files);
        Assert.Empty(summary.OversizedReports);
        Assert.Equal([2, 2, 2, 1], split.Pairs.GroupBy(p => p.File).Select(g => g.Count()));
        Assert.All(split.Files, f => Assert.InRange(new FileInfo(temp.Combine("split", f)).Length, 1, 2 * pair + pair / 2));
        Assert.Equal(whole, split.Files.SelectMany(f => File.ReadAllBytes(temp.Combine("split", f))).ToArray());
        Assert.Equal(whole.LongLength, summary.BulkBytes);
        Assert.Contains("for file in bulk-0001.ndjson bulk-0002.ndjson bulk-0003.ndjson bulk-0004.ndjson; do", File.ReadAllText(temp.Combine("split", "load.sh")));
    }

    [Fact]
    public void A_report_larger_than_the_limit_gets_a_file_of_its_own_and_is_reported()
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(temp,
            ("a.md", SampleInput.Report("a-2020")),
            ("b.md", SampleInput.Report("b-2020", body: string.Concat(Enumerable.Repeat("拖欠农民工工资的案件依法处理。\n", 40)))),
            ("c.md", SampleInput.Report("c-2020")));

        var summary = new OpenSearchExporter(maxFileBytes: 1500).Export(input, temp.Combine("export"));

        var export = BulkExport.Read(temp.Combine("export"));
        Assert.Equal(["b-2020"], summary.OversizedReports);
        Assert.Equal(["a-2020", "b-2020", "c-2020"], export.Documents.Select(d => d.GetProperty("id").GetString()));
        Assert.Equal(3, export.Files.Count);
        Assert.True(new FileInfo(temp.Combine("export", "bulk-0002.ndjson")).Length > 1500);
    }

    [Fact]
    public void Two_exports_of_the_same_input_are_byte_identical()
    {
        using var temp = new TempFolder();
        new OpenSearchExporter(maxFileBytes: 30_000).Export(RepoPaths.Input, temp.Combine("one"));
        new OpenSearchExporter(maxFileBytes: 30_000).Export(RepoPaths.Input, temp.Combine("two"));

        var one = Snapshot(temp.Combine("one"));
        var two = Snapshot(temp.Combine("two"));
        Assert.True(one.Count > 5, "the shipped input should need several 30 KB bulk files");
        Assert.Equal(one.Keys, two.Keys);
        Assert.All(one, file => Assert.Equal(file.Value, two[file.Key]));
    }

    [Fact]
    public void The_index_name_is_used_in_every_action_and_in_load_sh()
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(temp, ("a.md", SampleInput.Report("a-2020")), ("b.md", SampleInput.Report("b-2021", year: "2021")));

        new OpenSearchExporter().Export(input, temp.Combine("export"), "reports.v2");

        var export = BulkExport.Read(temp.Combine("export"));
        Assert.All(export.Pairs, p => Assert.Equal("reports.v2", p.Action.GetProperty("index").GetProperty("_index").GetString()));
        Assert.Contains("index=reports.v2\n", File.ReadAllText(temp.Combine("export", "load.sh")));
        Assert.Contains("/reports.v2'", File.ReadAllText(temp.Combine("export", "README.md")));
    }

    [Theory]
    [InlineData("Archive")]
    [InlineData("")]
    [InlineData("-reports")]
    [InlineData("_reports")]
    [InlineData(".reports")]
    [InlineData("..")]
    [InlineData("a b")]
    [InlineData("a/b")]
    [InlineData("a*b")]
    [InlineData("a:b")]
    [InlineData("a,b")]
    [InlineData("报告")]
    public void An_index_name_the_cluster_would_refuse_is_an_input_error_before_anything_is_written(string name)
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(temp, ("a.md", SampleInput.Report("a-2020")));

        var error = Assert.Throws<InputException>(() => new OpenSearchExporter().Export(input, temp.Combine("export"), name));

        Assert.Equal("--index", Assert.Single(error.Problems).File);
        Assert.Equal(["input"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Index_names_up_to_255_bytes_of_allowed_characters_pass()
    {
        IndexName.Check("archive-reports");
        IndexName.Check("reports_2024.v1");
        IndexName.Check(new string('a', 255));
        Assert.Throws<InputException>(() => IndexName.Check(new string('a', 256)));
    }

    [Fact]
    public void A_non_empty_folder_is_refused_without_force_and_left_as_it_was()
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(temp, ("a.md", SampleInput.Report("a-2020")));
        temp.Write("export/notes.txt", "mine");

        var error = Assert.Throws<InputException>(() => new OpenSearchExporter().Export(input, temp.Combine("export")));

        Assert.Contains("pass --force", error.Message);
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(temp.Combine("export")).Select(Path.GetFileName));
        Assert.Equal(["export", "input"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Force_replaces_an_earlier_export_as_a_whole_but_never_a_folder_with_other_files()
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(temp, ("a.md", SampleInput.Report("a-2020")), ("b.md", SampleInput.Report("b-2021", year: "2021")));
        var folder = temp.Combine("export");
        new OpenSearchExporter(maxFileBytes: 1).Export(input, folder);
        Assert.True(File.Exists(Path.Combine(folder, "bulk-0002.ndjson")));

        new OpenSearchExporter().Export(input, folder, force: true);

        Assert.Equal(["README.md", "bulk-0001.ndjson", "load.sh", "mapping-smartcn.json", "mapping.json"],
            Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        File.WriteAllText(Path.Combine(folder, "bureaus.yml"), "- id: x");
        var error = Assert.Throws<InputException>(() => new OpenSearchExporter().Export(input, folder, force: true));
        Assert.Contains("holds bureaus.yml, which an export does not write", error.Message);
        Assert.True(File.Exists(Path.Combine(folder, "bulk-0001.ndjson")));
        Assert.Equal(["export", "input"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Invalid_input_leaves_the_earlier_export_and_no_staging_folder_behind()
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(temp, ("a.md", SampleInput.Report("a-2020")));
        var folder = temp.Combine("export");
        new OpenSearchExporter().Export(input, folder);
        var before = Snapshot(folder);

        temp.Write("input/reports/b.md", SampleInput.Report("b-2020", year: "20x0"));
        var error = Assert.Throws<InputException>(() => new OpenSearchExporter().Export(input, folder, force: true));

        Assert.Contains(error.Problems, p => p.File == "input/reports/b.md");
        var after = Snapshot(folder);
        Assert.Equal(before.Keys, after.Keys);
        Assert.All(before, file => Assert.Equal(file.Value, after[file.Key]));
        Assert.Equal(["export", "input"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void An_export_killed_before_its_commit_leaves_nothing_and_one_killed_between_the_renames_is_put_back()
    {
        // No process has a pid this high (Linux caps pids at 2^22), so these folders are from exports that died.
        using var temp = new TempFolder();
        var input = SampleInput.Create(temp, ("a.md", SampleInput.Report("a-2020")));
        temp.Write(".export.export-2000000000/bulk-0001.ndjson", "half written");
        temp.Write(".export.previous-2000000001/mapping.json", "{}");

        var error = Assert.Throws<InputException>(() => new OpenSearchExporter().Export(input, temp.Combine("export")));

        Assert.Contains("pass --force", error.Message);
        Assert.Equal("{}", File.ReadAllText(temp.Combine("export", "mapping.json")));
        Assert.Equal(["export", "input"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void An_archive_without_reports_exports_the_mapping_and_no_bulk_file()
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(temp);

        var summary = new OpenSearchExporter().Export(input, temp.Combine("export"));

        Assert.Equal(0, summary.Reports);
        Assert.Empty(summary.BulkFiles);
        Assert.True(File.Exists(temp.Combine("export", "mapping.json")));
        Assert.Empty(Directory.EnumerateFiles(temp.Combine("export"), "bulk-*"));
    }

    private static Dictionary<string, byte[]> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
}
