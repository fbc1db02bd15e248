using Xunit.Abstractions;
using Archive.Corpus;
using UglyToad.PdfPig;
using static Archive.Tests.Import.PrintedReports;

namespace Archive.Tests.Import;

/// <summary>
/// A report printed to PDF, saved as Word 97, scanned, or printed with a broken text layer imports to the text and
/// metadata its .txt imports to: exactly (print and Word), or to 97% of its characters and flagged as read by OCR.
/// </summary>
public sealed class PrintedReportsTests(ITestOutputHelper output)
{
    public static TheoryData<string> Seeds() => new(["000", "001", "002", "003", "004"]);

    public static TheoryData<string> Scanned() => new(["000", "001"]);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_printed_seed_imports_to_the_text_and_metadata_of_its_txt_with_page_numbers_and_running_heads_removed(string seed)
    {
        var name = SeedName(seed);
        var (txt, txtText) = ImportFile(ImportFixtures.Seed(seed));
        var (pdf, pdfText) = ImportFile(Printed(name + ".pdf"));

        var accuracy = CharacterAccuracy(txtText, pdfText);
        output.WriteLine($"{name}.pdf: {accuracy:P2} of the .txt import's characters");
        Assert.True(accuracy >= 0.995, $"{accuracy:P2}");
        AssertSameMetadata(txt, pdf);
        Assert.Null(pdf.Original!.Ocr);
        using var document = PdfDocument.Open(Printed(name + ".pdf"));
        for (var page = 1; page <= document.NumberOfPages; page++)
        {
            Assert.Contains($"— {page} —", pdf.RemovedChrome);
        }

        Assert.Equal(document.NumberOfPages, pdf.RemovedChrome.Count(line => line == "法治政府建设年度报告"));
        Assert.DoesNotContain("法治政府建设年度报告", pdfText.Split('\n'));
    }

    [Theory]
    [InlineData("2025年宁夏政府工作报告")]
    [InlineData("2025年海南省政府工作报告")]
    public void A_provincial_report_printed_from_word_imports_to_the_text_and_metadata_of_its_docx(string name)
    {
        var (docx, docxText) = ImportFile(Path.Combine(ImportFixtures.Folder("provincial"), name + ".docx"));
        var (pdf, pdfText) = ImportFile(Printed("provincial-" + name + ".pdf"));

        var accuracy = CharacterAccuracy(docxText, pdfText);
        output.WriteLine($"provincial-{name}.pdf: {accuracy:P2} of the .docx import's characters");
        Assert.True(accuracy >= 0.995, $"{accuracy:P2}");
        Assert.Equal((docx.BureauId, docx.Year), (pdf.BureauId, pdf.Year));
    }

    [Theory]
    [InlineData("002")]
    [InlineData("004")]
    public void A_word_97_document_imports_through_libreoffice_to_the_text_and_metadata_of_its_txt(string seed)
    {
        var name = SeedName(seed);
        var (txt, txtText) = ImportFile(ImportFixtures.Seed(seed));
        var (doc, docText) = ImportFile(Printed(name + ".doc"));

        Assert.Equal(txtText, docText);
        AssertSameMetadata(txt, doc);
        Assert.EndsWith(".doc", doc.Original!.Path, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Printed(name + ".doc")))), doc.Original.Sha256);
    }

    [Theory]
    [MemberData(nameof(Scanned))]
    public void A_scanned_seed_is_read_by_ocr_to_97_percent_of_its_characters_and_its_front_matter_says_so(string seed)
    {
        var name = SeedName(seed);
        var (txt, txtText) = ImportFile(ImportFixtures.Seed(seed));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (scan, scanText) = ImportFile(Printed(name + ".scan.pdf"));
        var seconds = clock.Elapsed.TotalSeconds;

        var accuracy = CharacterAccuracy(txtText, scanText);
        var ocr = scan.Original!.Ocr;
        Assert.NotNull(ocr);
        output.WriteLine($"{name}.scan.pdf: {accuracy:P2} of the characters, {ocr.Pages.Count} pages in {seconds:F1} s, confidence {string.Join(", ", ocr.Pages.Select(p => p.Confidence))}");
        Assert.True(accuracy >= 0.97, $"{accuracy:P2}");
        using var document = PdfDocument.Open(Printed(name + ".scan.pdf"));
        Assert.Equal(Enumerable.Range(1, document.NumberOfPages), ocr.Pages.Select(p => p.Page));
        Assert.All(ocr.Pages, p => Assert.InRange(p.Confidence, 50, 100));
        Assert.StartsWith("tesseract 5", ocr.Engine, StringComparison.Ordinal);
        Assert.Contains("chi_sim", ocr.Engine);
        Assert.False(scan.Reviewed);
        Assert.Equal((txt.BureauId, txt.Year), (scan.BureauId, scan.Year));
        Assert.Contains(scan.RemovedChrome, line => line.Contains('2', StringComparison.Ordinal) && line.Length <= 6);
    }

    [Fact]
    public void A_pdf_with_some_scanned_pages_reads_its_text_page_as_text_and_only_the_others_by_ocr()
    {
        var name = SeedName("001");
        var (_, txtText) = ImportFile(ImportFixtures.Seed("001"));
        var (mixed, mixedText) = ImportFile(Printed(name + ".mixed.pdf"));

        using var document = PdfDocument.Open(Printed(name + ".mixed.pdf"));
        Assert.Equal(Enumerable.Range(2, document.NumberOfPages - 1), mixed.Original!.Ocr!.Pages.Select(p => p.Page));
        Assert.True(CharacterAccuracy(txtText, mixedText) >= 0.97);
        // The first page came from its text layer: its opening lines are exactly the .txt's.
        Assert.StartsWith(string.Join('\n', txtText.Split('\n').Take(3)), mixedText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_whose_text_layer_is_garbled_is_read_by_ocr_and_never_imported_as_nonsense()
    {
        var name = SeedName("001");
        var (_, txtText) = ImportFile(ImportFixtures.Seed("001"));
        var (garbled, garbledText) = ImportFile(Printed(name + ".garbled.pdf"));

        Assert.Equal(5, garbled.Original!.Ocr!.Pages.Count);
        Assert.DoesNotContain(garbledText.EnumerateRunes(), r => r.Value is >= 0xE000 and <= 0xF8FF);
        Assert.True(CharacterAccuracy(txtText, garbledText) >= 0.97);
    }

    [Fact]
    public void A_scanned_page_image_is_read_by_ocr_and_everything_read_is_in_the_report()
    {
        var name = SeedName("000");
        var (_, txtText) = ImportFile(ImportFixtures.Seed("000"));
        var (image, imageText) = ImportFile(Printed(name + ".page1.png"));

        Assert.Equal([1], image.Original!.Ocr!.Pages.Select(p => p.Page));
        Assert.EndsWith(".png", image.Original.Path, StringComparison.Ordinal);
        // One page of the report: its characters are found, in order, at the start of the report's text.
        var page = SpecSearchLength(imageText);
        Assert.True(page > 300, $"read only {page} characters");
        Assert.True(CharacterAccuracy(PrefixOf(txtText, page), imageText) >= 0.95);
    }

    [Fact]
    public void Archive_check_lists_a_report_read_by_ocr_for_review_with_its_confidence()
    {
        using var temp = new Support.TempFolder();
        var input = temp.Combine("input");
        var imported = Support.ArchiveProcess.Run(temp.Path, "import", "--input", input, Printed(SeedName("000") + ".page1.png"));
        Assert.True(imported.Exit == 0, imported.Output);
        Assert.Contains("read 1 page(s) by OCR (tesseract 5", imported.Stdout);

        var check = Support.ArchiveProcess.Run(temp.Path, "check", "--input", input, "--theme", Support.RepoPaths.Theme);

        Assert.Matches(@"review: .*\.md: text read by OCR \(tesseract 5[^)]*\(chi_sim\)\) from 1 page\(s\) of originals/.*\.png, mean confidence \d+\.\d", check.Stdout);
        Assert.Contains("1 read by OCR to compare with their originals", check.Stdout);
    }

    private static int SpecSearchLength(string text) => Archive.Tests.Search.SpecSearch.Normalize(text).Length;

    // The shortest start of the text that holds this many normalized characters.
    private static string PrefixOf(string text, int normalized)
    {
        for (var end = normalized; end <= text.Length; end++)
        {
            if (SpecSearchLength(text[..end]) >= normalized)
            {
                return text[..end];
            }
        }

        return text;
    }

    private static void AssertSameMetadata(Report expected, Report actual) =>
        Assert.Equal(
            (expected.Title, expected.BureauId, expected.Year, expected.Published, expected.SourceUrl),
            (actual.Title, actual.BureauId, actual.Year, actual.Published, actual.SourceUrl));
}
