using Archive.Tests.Support;
using Archive.Corpus;
using Archive.Search.Contract;
using Archive.Search.Lucene;

namespace Archive.Tests.Search;

/// <summary>The Lucene index is updated, not rebuilt: only changed reports are analysed again, and it answers as a fresh one would.</summary>
public sealed class SearchIndexUpdateTests
{
    private static Archive.Corpus.Corpus Read(string input) => new CorpusReader().ReadValid(input);

    private static HashSet<string> Found(string cache, string term)
    {
        using var engine = SearchEngine.Open(cache);
        return engine.Search(SearchQuery.Parse(term), new SearchOptions { Limit = 100 }).Results.Select(r => r.Id).ToHashSet();
    }

    [Fact]
    public void A_second_build_of_the_same_corpus_indexes_nothing_again()
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(temp, ("a.md", SampleInput.Report("a")), ("b.md", SampleInput.Report("b", year: "2021")));
        var cache = temp.Combine("cache");

        var first = new SearchIndexBuilder().Build(Read(input), cache);
        var second = new SearchIndexBuilder().Build(Read(input), cache);

        Assert.Equal(new IndexUpdate(2, 0, 0), first);
        Assert.Equal(new IndexUpdate(0, 0, 2), second);
        Assert.Equal(["a", "b"], Found(cache, "农民工").Order());
    }

    [Fact]
    public void A_changed_report_is_indexed_again_and_a_removed_one_is_gone()
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(temp,
            ("a.md", SampleInput.Report("a")), ("b.md", SampleInput.Report("b", year: "2021")), ("c.md", SampleInput.Report("c", year: "2022")));
        var cache = temp.Combine("cache");
        new SearchIndexBuilder().Build(Read(input), cache);

        temp.Write("input/reports/b.md", SampleInput.Report("b", year: "2021", body: "我局推进云仲裁平台建设。"));
        File.Delete(temp.Combine("input/reports/c.md"));
        var update = new SearchIndexBuilder().Build(Read(input), cache);

        Assert.Equal(new IndexUpdate(1, 1, 1), update);
        Assert.Equal(["b"], Found(cache, "云仲裁"));
        Assert.Equal(["a"], Found(cache, "农民工"));
        Assert.True(SearchIndexBuilder.IsCurrent(cache, input));
    }

    [Fact]
    public void A_changed_bureau_name_reindexes_its_reports()
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(temp, ("a.md", SampleInput.Report("a")), ("b.md", SampleInput.Report("b", bureau: "120102-hrss")));
        var cache = temp.Combine("cache");
        new SearchIndexBuilder().Build(Read(input), cache);

        temp.Write("input/bureaus.yml", SampleInput.Bureaus.Replace("深圳市罗湖区人力资源局", "深圳市罗湖区人力资源和社会保障局", StringComparison.Ordinal));
        var update = new SearchIndexBuilder().Build(Read(input), cache);

        Assert.Equal(new IndexUpdate(1, 0, 1), update);
        using var engine = SearchEngine.Open(cache);
        var result = engine.Search(SearchQuery.Parse("农民工"), new SearchOptions { Bureau = "440303-hrss" }).Results.Single();
        Assert.Equal("深圳市罗湖区人力资源和社会保障局", result.BureauName);
    }

    [Fact]
    public void A_damaged_index_is_written_anew()
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(temp, ("a.md", SampleInput.Report("a")));
        var cache = temp.Combine("cache");
        new SearchIndexBuilder().Build(Read(input), cache);
        foreach (var file in Directory.EnumerateFiles(SearchIndexBuilder.IndexFolder(cache), "*.cfs"))
        {
            File.WriteAllBytes(file, new byte[64]);
        }

        var update = new SearchIndexBuilder().Build(Read(input), cache);

        Assert.Equal(1, update.Indexed);
        Assert.Equal(["a"], Found(cache, "农民工"));
    }
}
