using Archive.Incremental;
using Archive.Tests.Support;

namespace Archive.Tests.Build;

public class OutputFolderTests
{
    [Fact]
    public void A_build_killed_between_its_two_renames_gets_its_previous_site_back()
    {
        using var temp = new TempFolder();
        temp.Write(".output.previous-4242/index.html", "old site");

        using (var output = new ReusingOutput(temp.Combine("output")))
        {
            Assert.Equal("old site", File.ReadAllText(temp.Combine("output", "index.html")));
        }

        Assert.False(Directory.Exists(temp.Combine(".output.previous-4242")));
    }

    [Fact]
    public void Half_written_staging_folders_of_killed_builds_are_removed_and_a_committed_site_wins_over_a_leftover_previous()
    {
        using var temp = new TempFolder();
        temp.Write("output/index.html", "new site");
        temp.Write(".output.previous-77/index.html", "old site");
        temp.Write(".output.staging-78/index.html", "half");

        using (var output = new ReusingOutput(temp.Combine("output")))
        {
            output.Write("index.html", "newest site");
            output.Commit();
        }

        Assert.Equal("newest site", File.ReadAllText(temp.Combine("output", "index.html")));
        Assert.Equal(["output"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_second_build_into_the_same_output_is_refused_while_the_first_runs()
    {
        using var temp = new TempFolder();
        using var first = new ReusingOutput(temp.Combine("output"));

        var error = Assert.Throws<IOException>(() => new ReusingOutput(temp.Combine("output")));
        Assert.Contains("another build is writing", error.Message);
    }

    [Fact]
    public void Compressed_copies_are_kept_only_when_they_save_a_quarter_and_a_file_written_twice_keeps_the_second()
    {
        using var temp = new TempFolder();
        var random = new byte[4096];
        new Random(7).NextBytes(random);
        var text = string.Concat(Enumerable.Repeat("推进依法行政，保障农民工工资支付。", 200));

        using (var output = new ReusingOutput(temp.Combine("output")))
        {
            output.Write("search/positions/0000.bin", random);
            output.Write("reports/a.html", "first");
            output.Write("reports/a.html", text);
            output.Commit();
        }

        Assert.Equal(random, File.ReadAllBytes(temp.Combine("output", "search", "positions", "0000.bin")));
        Assert.False(File.Exists(temp.Combine("output", "search", "positions", "0000.bin.br")));
        Assert.False(File.Exists(temp.Combine("output", "search", "positions", "0000.bin.gz")));
        Assert.Equal(text, File.ReadAllText(temp.Combine("output", "reports", "a.html")));
        using var brotli = new System.IO.Compression.BrotliStream(File.OpenRead(temp.Combine("output", "reports", "a.html.br")), System.IO.Compression.CompressionMode.Decompress);
        Assert.Equal(text, new StreamReader(brotli).ReadToEnd());
        using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(temp.Combine("output", "reports", "a.html.gz")), System.IO.Compression.CompressionMode.Decompress);
        Assert.Equal(text, new StreamReader(gzip).ReadToEnd());
    }

    [Fact]
    public void Paths_that_leave_the_output_folder_are_refused()
    {
        using var temp = new TempFolder();
        using var output = new ReusingOutput(temp.Combine("output"));

        Assert.Throws<InvalidOperationException>(() => output.Write("../escape.html", "x"));
        Assert.False(File.Exists(temp.Combine("escape.html")));
    }
}
