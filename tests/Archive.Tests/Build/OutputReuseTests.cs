using Archive.Incremental;
using Archive.Tests.Support;
using System.IO.Compression;
using Archive.Core;
using Archive.Output;

namespace Archive.Tests.Build;

/// <summary>A rebuild links unchanged files of the previous output instead of writing and compressing them again.</summary>
public sealed class OutputReuseTests
{
    private static readonly string Page = string.Concat(Enumerable.Repeat("<p>推进依法行政，保障农民工工资支付。</p>\n", 40));

    private static int Build(TempFolder temp, params (string Path, string Text)[] files)
    {
        using var output = new ReusingOutput(temp.Combine("output"), temp.Combine("cache", "output.tsv"));
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

    private static readonly ContentHash InputsA = ContentHash.Of("inputs a"u8);
    private static readonly ContentHash SourceA = ContentHash.Of("source a"u8);

    // One keyed file; returns the files reused, and what was asked for.
    private static (int Reused, bool KeyAsked, bool Made) BuildKeyed(TempFolder temp, ContentHash inputsDigest, ContentHash sourceDigest)
    {
        var (keyAsked, made) = (false, false);
        using var output = new ReusingOutput(temp.Combine("output"), temp.Combine("cache", "output.tsv"));
        output.Write("a.html", inputsDigest, () =>
        {
            keyAsked = true;
            return sourceDigest;
        }, () =>
        {
            made = true;
            return System.Text.Encoding.UTF8.GetBytes(Page);
        });
        output.Commit();
        return (output.ReusedCount, keyAsked, made);
    }

    [Fact]
    public void A_file_whose_inputs_key_is_unchanged_is_kept_without_computing_its_source_key()
    {
        using var temp = new TempFolder();
        Assert.Equal((0, true, true), BuildKeyed(temp, InputsA, SourceA));

        Assert.Equal((3, false, false), BuildKeyed(temp, InputsA, SourceA));
        Assert.Equal(Page, File.ReadAllText(temp.Combine("output", "a.html")));
    }

    [Fact]
    public void Other_inputs_fall_back_to_the_source_key_and_a_file_edited_by_hand_is_made_again_whatever_its_keys()
    {
        using var temp = new TempFolder();
        BuildKeyed(temp, InputsA, SourceA);

        // Other inputs, same view: the source key keeps the file, and the new inputs key is remembered.
        var otherInputs = ContentHash.Of("inputs b"u8);
        Assert.Equal((3, true, false), BuildKeyed(temp, otherInputs, SourceA));
        Assert.Equal((3, false, false), BuildKeyed(temp, otherInputs, SourceA));

        File.WriteAllText(temp.Combine("output", "a.html"), "edited by hand");
        Assert.Equal((0, true, true), BuildKeyed(temp, otherInputs, SourceA));
        Assert.Equal(Page, File.ReadAllText(temp.Combine("output", "a.html")));
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
    public void A_file_named_like_a_compressed_copy_is_kept_and_checked_as_a_file_of_its_own()
    {
        // An original download that is itself gzip, beside a page: the listing must not take it for a copy of "data".
        using var temp = new TempFolder();
        var archive = Page + "archive";
        Build(temp, ("data.gz", archive), ("a.html", Page));

        Assert.Equal(4, Build(temp, ("data.gz", archive), ("a.html", Page)));

        File.WriteAllText(temp.Combine("output", "data.gz"), "edited by hand");
        Assert.Equal(3, Build(temp, ("data.gz", archive), ("a.html", Page)));
        Assert.Equal(archive, File.ReadAllText(temp.Combine("output", "data.gz")));
    }

    [Fact]
    public void A_compressed_copy_deleted_from_output_is_noticed_and_written_again()
    {
        using var temp = new TempFolder();
        Build(temp, ("a.html", Page), ("b.html", Page + "b"));
        File.Delete(temp.Combine("output", "a.html.br"));

        var reused = Build(temp, ("a.html", Page), ("b.html", Page + "b"));

        Assert.Equal(3, reused);
        Assert.True(File.Exists(temp.Combine("output", "a.html.br")));
    }

    [Fact]
    public void A_reused_file_is_never_written_through_so_the_live_site_stays_intact_while_a_build_fails()
    {
        using var temp = new TempFolder();
        Build(temp, ("a.html", Page));
        using (var output = new ReusingOutput(temp.Combine("output"), temp.Combine("cache", "output.tsv")))
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

    [Fact]
    public void A_rebuild_touches_only_changed_files_and_deletes_what_the_new_site_no_longer_has()
    {
        using var temp = new TempFolder();
        Build(temp, ("a.html", Page), ("b.html", Page), ("gone/c.html", Page));
        var untouched = File.GetLastWriteTimeUtc(temp.Combine("output", "a.html"));
        var compressed = new FileInfo(temp.Combine("output", "a.html.br")).Length;

        var reused = Build(temp, ("a.html", Page), ("b.html", "now too small to compress"));

        Assert.Equal(3, reused);
        Assert.Equal(untouched, File.GetLastWriteTimeUtc(temp.Combine("output", "a.html")));
        Assert.Equal(compressed, new FileInfo(temp.Combine("output", "a.html.br")).Length);
        Assert.Equal("now too small to compress", File.ReadAllText(temp.Combine("output", "b.html")));
        // The old compressed copies would serve the old page to every browser that takes brotli or gzip.
        Assert.False(File.Exists(temp.Combine("output", "b.html.br")));
        Assert.False(File.Exists(temp.Combine("output", "b.html.gz")));
        Assert.False(Directory.Exists(temp.Combine("output", "gone")));
        Assert.Equal(["cache", "output"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_rebuild_killed_while_moving_files_in_is_finished_by_the_next_build_from_its_journal()
    {
        using var temp = new TempFolder();
        Build(temp, ("a.html", Page), ("b.html", Page), ("c.html", Page));
        var manifest = temp.Combine("cache", "output.tsv");

        // What a rebuild that changes a.html and drops c.html leaves when killed after moving a.html in: the journal,
        // the rest of its staging folder, and the manifest of the new site waiting beside the old one.
        temp.Write(".output.staging-999/b.html", "b, rebuilt");
        File.WriteAllText(temp.Combine("output", "a.html"), "a, rebuilt");
        File.Copy(manifest, OutputJournal.NextManifest(manifest));
        File.WriteAllText(OutputJournal.PathFor(temp.Combine("output")), $"archive-output-journal 1\n{temp.Combine(".output.staging-999")}\n{manifest}\nM\ta.html\nM\tb.html\nD\tc.html\nD\tc.html.gz\nD\tc.html.br\n");

        using (new ReusingOutput(temp.Combine("output"), manifest))
        {
            Assert.Equal("a, rebuilt", File.ReadAllText(temp.Combine("output", "a.html")));
            Assert.Equal("b, rebuilt", File.ReadAllText(temp.Combine("output", "b.html")));
            Assert.False(File.Exists(temp.Combine("output", "c.html")));
            Assert.False(File.Exists(temp.Combine("output", "c.html.br")));
            Assert.False(File.Exists(OutputJournal.NextManifest(manifest)));
        }

        Assert.Equal(["cache", "output"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_failed_rebuild_leaves_the_live_site_and_its_manifest_as_they_were()
    {
        using var temp = new TempFolder();
        Build(temp, ("a.html", Page), ("b.html", Page));
        var manifest = File.ReadAllText(temp.Combine("cache", "output.tsv"));

        using (var output = new ReusingOutput(temp.Combine("output"), temp.Combine("cache", "output.tsv")))
        {
            Assert.True(output.InPlace);
            output.Write("a.html", "changed, but the build fails before it commits");
        }

        Assert.Equal(Page, File.ReadAllText(temp.Combine("output", "a.html")));
        Assert.Equal(manifest, File.ReadAllText(temp.Combine("cache", "output.tsv")));
        Assert.Equal(6, Build(temp, ("a.html", Page), ("b.html", Page)));
    }
}
