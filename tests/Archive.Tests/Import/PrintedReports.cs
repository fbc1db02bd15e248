using Archive.Tests.Search;
using Archive.Corpus;
using Archive.Import;

namespace Archive.Tests.Import;

/// <summary>
/// The printed fixtures (Fixtures/printed, made from the seeds by make.py there) imported as a user imports them, each
/// into an input/ of its own, beside the seed's .txt imported the same way, and how alike their texts are.
/// </summary>
internal static class PrintedReports
{
    public static string Printed(string name) => Path.Combine(ImportFixtures.Folder("printed"), name);

    public static string SeedName(string number) => Path.GetFileNameWithoutExtension(ImportFixtures.Seed(number));

    /// <summary>Imports one file into a fresh input/ and reads back the report file it wrote, with its text.</summary>
    public static (Report Report, string Text) ImportFile(string file, ImportOptions? options = null)
    {
        var input = Directory.CreateTempSubdirectory("archive-printed-").FullName;
        try
        {
            var imported = new Importer(input, options).Import([file]).Single();
            var path = Path.Combine(input, "reports", Path.GetFileName(imported.ReportPath));
            var content = File.ReadAllText(path);
            var (report, problems) = ReportFile.Parse(path, content);
            Assert.True(report is not null, string.Join("; ", problems));
            return (report!, report!.ReadBody().PlainText);
        }
        finally
        {
            Directory.Delete(input, recursive: true);
        }
    }

    /// <summary>
    /// The share of <paramref name="expected"/>'s characters that <paramref name="actual"/> has in the same order (the
    /// longest common subsequence), both normalized as search normalizes them (FORMAT.md §1: widths and case folded,
    /// only letters and digits): a misread character costs one, a dropped or added one costs one.
    /// </summary>
    public static double CharacterAccuracy(string expected, string actual)
    {
        var a = SpecSearch.Normalize(expected).EnumerateRunes().Select(r => r.Value).ToArray();
        var b = SpecSearch.Normalize(actual).EnumerateRunes().Select(r => r.Value).ToArray();
        if (a.Length == 0)
        {
            return b.Length == 0 ? 1 : 0;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        // Extra characters in the actual text count against it as well: divide by the longer of the two.
        return (double)previous[b.Length] / Math.Max(a.Length, b.Length);
    }
}
