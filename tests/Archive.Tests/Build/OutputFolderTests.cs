using Archive.Build;
using Archive.Tests.Support;

namespace Archive.Tests.Build;

public class OutputFolderTests
{
    [Fact]
    public void A_build_killed_between_its_two_renames_gets_its_previous_site_back()
    {
        using var temp = new TempFolder();
        temp.Write(".output.previous-4242/index.html", "old site");

        using (var output = new OutputFolder(temp.Combine("output")))
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

        using (var output = new OutputFolder(temp.Combine("output")))
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
        using var first = new OutputFolder(temp.Combine("output"));

        var error = Assert.Throws<IOException>(() => new OutputFolder(temp.Combine("output")));
        Assert.Contains("another build is writing", error.Message);
    }

    [Fact]
    public void Paths_that_leave_the_output_folder_are_refused()
    {
        using var temp = new TempFolder();
        using var output = new OutputFolder(temp.Combine("output"));

        Assert.Throws<InvalidOperationException>(() => output.Write("../escape.html", "x"));
        Assert.False(File.Exists(temp.Combine("escape.html")));
    }
}
