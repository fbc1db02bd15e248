using Archive.Tests.Support;
using System.Text;

namespace Archive.Tests.Hardening;

/// <summary>
/// Raw files given to 'archive import': every UTF-16 form is read, and what cannot be a report is refused with the
/// file named and what to do, a non-zero exit and input/ left exactly as it was (import writes all or nothing).
/// </summary>
public class BadImportSourcesTests
{
    private static readonly string Seed = File.ReadAllText(Path.Combine(RepoPaths.Fixtures, "seeds", "000_6c1e8e7a459a068c.txt"));

    public static TheoryData<string, string> Utf16Forms() => new()
    {
        { "utf-16le with BOM", "utf-16le" },
        { "utf-16be with BOM", "utf-16be" },
        { "utf-16le without BOM", "utf-16le" },
        { "utf-16be without BOM", "utf-16be" },
    };

    public static TheoryData<string> Refused() => new(["invalid UTF-8", "binary", "empty", "only whitespace", "a 50 MB text", "a 30 MB text"]);

    [Theory]
    [MemberData(nameof(Utf16Forms))]
    public void Utf16_is_read_and_says_which_byte_order_it_used(string form, string encoding)
    {
        using var temp = new TempFolder();
        var bigEndian = form.StartsWith("utf-16be", StringComparison.Ordinal);
        var unicode = new UnicodeEncoding(bigEndian, byteOrderMark: false);
        byte[] bytes = form.Contains("without", StringComparison.Ordinal)
            ? unicode.GetBytes(Seed)
            : [.. new UnicodeEncoding(bigEndian, byteOrderMark: true).GetPreamble(), .. unicode.GetBytes(Seed)];
        var raw = temp.Write("raw/罗湖 报告.txt", bytes);

        var run = ArchiveProcess.Run(temp.Path, "import", "--input", temp.Combine("input"), raw);

        Assert.Equal(0, run.Exit);
        Assert.Contains($"(read as {encoding})", run.Stdout);
        var report = File.ReadAllText(temp.Combine("input", "reports", "440303-hrss-2020.md"));
        Assert.Contains("主要举措和成效", report);
        Assert.Equal(bytes, File.ReadAllBytes(temp.Combine("input", "originals", "440303-hrss-2020.txt")));
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void What_cannot_be_a_report_is_refused_naming_the_file_and_input_stays_as_it_was(string name)
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(temp, ("a.md", SampleInput.Report("a-2020")));
        var before = FolderHashes.Of(input);
        var (file, says, advice) = WriteRaw(temp, name);

        var run = ArchiveProcess.Run(temp.Path, "import", "--input", input, file);

        Assert.Equal(1, run.Exit);
        var message = Assert.Single(run.Stderr.Split('\n'), l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.StartsWith($"error: {file}: ", message);
        Assert.Contains(says, message);
        Assert.Contains(advice, message);
        Assert.DoesNotContain("   at ", run.Output);
        Assert.True(FolderHashes.Same(before, FolderHashes.Of(input)), FolderHashes.Difference(before, FolderHashes.Of(input)));
    }

    private static (string File, string Says, string Advice) WriteRaw(TempFolder temp, string name)
    {
        var utf8 = new UTF8Encoding(false);
        switch (name)
        {
            case "invalid UTF-8":
                var text = utf8.GetBytes(Seed);
                return (temp.Write("raw/bad.txt", [.. text[..300], 0xFF, 0xFE, 0xC0, 0xC1, .. text[300..]]), "could not tell the encoding", "save it as UTF-8 and import it again");
            case "binary":
                var random = new Random(5);
                var bytes = new byte[4096];
                random.NextBytes(bytes);
                return (temp.Write("raw/scan.txt", bytes), "is binary, not text", "save the report as .txt (UTF-8), .docx or .html");
            case "empty":
                return (temp.Write("raw/empty.txt", ""), "is empty", "export the report's text again");
            case "only whitespace":
                return (temp.Write("raw/blank.txt", " \r\n\t\n\u3000\u3000\n  "), "holds only blank space", "export the report's text again");
            case "a 50 MB text":
                return (WriteLarge(temp, "raw/huge.txt", BadReportFile.FiftyMegabytes + 1), "is 50 MB, far larger than any report", "check it is the right file");
            case "a 30 MB text":
                // Larger than 'archive build' accepts for one report, smaller than a JSON Lines collection may be.
                return (WriteLarge(temp, "raw/large.txt", 30 * 1024 * 1024), "is 30 MB, far larger than any report", "check it is the right file");
            default:
                throw new ArgumentException(name);
        }
    }

    private static string WriteLarge(TempFolder temp, string relative, long bytes)
    {
        var path = temp.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        var paragraph = string.Concat(Enumerable.Repeat(Seed.Split('\n').MaxBy(l => l.Length)!.Trim(), 8)) + "\n";
        for (long written = 0; written < bytes; written += Encoding.UTF8.GetByteCount(paragraph))
        {
            file.Write(paragraph);
        }

        return path;
    }
}
