using System.IO.Compression;
using Archive.Build;
using Archive.Tests.Support;

namespace Archive.Tests.Build;

/// <summary>A rebuild links unchanged files of the previous output instead of writing and compressing them again.</summary>
public sealed class OutputReuseTests
{
    private static readonly string Page = string.Concat(Enumerable.Repeat("<p>推进依法行政，保障农民工工资支付。</p>\n", 40));

    private static int Build(TempFolder temp, params (string Path, string Text)[] files)
    {
        using var output = new OutputFolder(temp.Combine("output"), temp.Combine("cache", "output.tsv"));
        foreach (var (path, text) in files)
        {
            output.Write(path, text);
        }

        output.Commit();
        return output.ReusedCount;
    }

    private static string Gunzip(string path)
    {
        using var stream = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [Fact]
    public void Unchanged_files_and_their_compressed_copies_are_taken_from_the_previous_build_and_outlive_it()
    {
        using var temp = new TempFolder();
        Build(temp, ("a.html", Page), ("b.html", Page + "b"), ("tiny.txt", "x"));

        var reused = Build(temp, ("a.html", Page), ("b.html", Page + "changed"), ("tiny.txt", "x"));

        Assert.Equal(4, reused); // a.html with .gz and .br, and tiny.txt (too small to compress)
        Assert.Equal(Page, File.ReadAllText(temp.Combine("output", "a.html")));
        Assert.Equal(Page, Gunzip(temp.Combine("output", "a.html.gz")));
        Assert.Equal(Page + "changed", File.ReadAllText(temp.Combine("output", "b.html")));
        Assert.Equal(Page + "changed", Gunzip(temp.Combine("output", "b.html.gz")));
        Assert.Equal(["output"], Directory.EnumerateDirectories(temp.Path).Select(Path.GetFileName).Where(n => n != "cache"));
    }

    [Fact]
    public void A_file_edited_in_output_by_hand_is_written_again_not_trusted()
    {
        using var temp = new TempFolder();
        Build(temp, ("a.html", Page));
        File.WriteAllText(temp.Combine("output", "a.html"), "edited by hand");

        var reused = Build(temp, ("a.html", Page));

        Assert.Equal(0, reused);
        Assert.Equal(Page, File.ReadAllText(temp.Combine("output", "a.html")));
    }

    [Fact]
    public void A_reused_file_is_never_written_through_so_the_live_site_stays_intact_while_a_build_fails()
    {
        using var temp = new TempFolder();
        Build(temp, ("a.html", Page));
        using (var output = new OutputFolder(temp.Combine("output"), temp.Combine("cache", "output.tsv")))
        {
            output.Write("a.html", Page);
            output.Write("a.html", "a second write of the same path in a failing build");
        }

        Assert.Equal(Page, File.ReadAllText(temp.Combine("output", "a.html")));
        Assert.Equal(Page, Gunzip(temp.Combine("output", "a.html.gz")));
    }

    [Fact]
    public void A_missing_or_damaged_manifest_means_every_file_is_written()
    {
        using var temp = new TempFolder();
        Build(temp, ("a.html", Page));
        File.WriteAllText(temp.Combine("cache", "output.tsv"), "archive-output-manifest 1\tsomewhere else\n");

        Assert.Equal(0, Build(temp, ("a.html", Page)));
        File.WriteAllText(temp.Combine("cache", "output.tsv"), "garbage\nmore garbage");
        Assert.Equal(0, Build(temp, ("a.html", Page)));
        Assert.Equal(3, Build(temp, ("a.html", Page)));
    }
}
