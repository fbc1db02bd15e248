using Archive.Tests.Hardening;
using Archive.Tests.Support;
using System.Diagnostics;
using System.IO.Compression;
using static Archive.Tests.Import.PrintedReports;

namespace Archive.Tests.Import;

/// <summary>
/// 'archive import' of PDF, Word and scan files that cannot be read as they are: each is refused with a message that
/// names the file and says what to do, a non-zero exit, and input/ exactly as it was. A 500-page PDF is not bad: it
/// imports, saying how far it has got.
/// </summary>
public sealed class BadPrintedFilesTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public BadPrintedFilesTests()
    {
        // An input/ with a report in it already, which no refused import may touch.
        var input = _temp.Combine("input");
        Directory.CreateDirectory(input);
        File.Copy(Path.Combine(RepoPaths.Input, "bureaus.yml"), Path.Combine(input, "bureaus.yml"));
        Assert.Equal(0, ArchiveProcess.Run(_temp.Path, "import", "--input", input, ImportFixtures.Seed("002")).Exit);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void An_encrypted_pdf_is_refused_saying_to_save_it_without_a_password() =>
        AssertRefused(Printed(SeedName("002") + ".encrypted.pdf"), "the PDF is encrypted; open it with its password");

    [Fact]
    public void A_truncated_pdf_is_refused_saying_to_download_it_again()
    {
        var whole = File.ReadAllBytes(Printed(SeedName("002") + ".pdf"));
        AssertRefused(_temp.Write("truncated.pdf", whole[..(whole.Length / 2)]), "the file is not a readable PDF");
    }

    [Fact]
    public void A_corrupt_pdf_is_refused_saying_to_download_it_again()
    {
        var bytes = "%PDF-1.7\n"u8.ToArray().Concat(Enumerable.Range(0, 20000).Select(i => (byte)(i * 7919 % 251))).ToArray();
        AssertRefused(_temp.Write("corrupt.pdf", bytes), "the file is not a readable PDF");
    }

    [Fact]
    public void A_scan_without_tesseract_installed_is_refused_naming_the_packages_to_install()
    {
        // Nothing on PATH: no tesseract, no pdftoppm. The CLI itself runs through the dotnet host, found by full path.
        AssertRefused(Printed(SeedName("001") + ".scan.pdf"), "install the Debian package tesseract-ocr tesseract-ocr-chi-sim", environment: new Dictionary<string, string> { ["PATH"] = _temp.Combine("empty-path") });
    }

    [Fact]
    public void Ocr_that_runs_past_its_time_limit_is_stopped_and_refused()
    {
        AssertRefused(Printed(SeedName("001") + ".scan.pdf"), "ran past its limit of 1 s and was stopped", extra: ["--ocr-seconds", "1"]);
    }

    [Fact]
    public void A_docx_that_unpacks_to_hundreds_of_megabytes_is_refused_as_a_zip_bomb()
    {
        var bomb = _temp.Combine("bomb.docx");
        using (var zip = ZipFile.Open(bomb, ZipArchiveMode.Create))
        {
            using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                types.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            }

            // 300 MB of spaces deflate to some 300 KB.
            using var document = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var spaces = new byte[1 << 20];
            Array.Fill(spaces, (byte)' ');
            for (var i = 0; i < 300; i++)
            {
                document.Write(spaces);
            }
        }

        Assert.True(new FileInfo(bomb).Length < 2 * 1024 * 1024);
        AssertRefused(bomb, "a zip bomb");
    }

    [Fact]
    public void A_doc_that_libreoffice_cannot_open_is_refused_saying_to_save_it_as_docx()
    {
        // The OLE signature of a Word 97 file, then nothing a compound file has.
        byte[] signature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        AssertRefused(_temp.Write("damaged.doc", [.. signature, .. Enumerable.Range(0, 4096).Select(i => (byte)(i * 31 % 256))]), "LibreOffice could not open the .doc file");
    }

    [Fact]
    public void A_file_named_doc_that_is_not_a_word_document_is_refused_saying_what_to_check() =>
        AssertRefused(_temp.Write("page.doc", "<html><body>报告</body></html>"), "is not a Word 97–2003 or WPS document");

    [Fact]
    public void An_ofd_file_is_refused_by_name_saying_to_print_it_to_pdf() =>
        AssertRefused(_temp.Write("report.ofd", [0x50, 0x4B, 0x03, 0x04]), "does not support .ofd files (OFD");

    [Fact]
    public void A_500_page_pdf_imports_and_reports_its_progress()
    {
        // 100 copies of a five-page printed seed, joined by poppler's pdfunite.
        var seed = Printed(SeedName("002") + ".pdf");
        var big = _temp.Combine("big.pdf");
        var unite = Process.Start(new ProcessStartInfo("pdfunite", [.. Enumerable.Repeat(seed, 100), big]) { RedirectStandardError = true })!;
        unite.WaitForExit();
        Assert.Equal(0, unite.ExitCode);

        var input = _temp.Combine("input");
        var run = ArchiveProcess.Run(_temp.Path, "import", "--input", input, big);

        Assert.True(run.Exit == 0, run.Output);
        Assert.Contains("reading big.pdf: page 250 of 500", run.Stderr);
        Assert.Contains("reading big.pdf: page 500 of 500", run.Stderr);
        Assert.Equal(2, Directory.EnumerateFiles(Path.Combine(input, "reports")).Count());
    }

    private void AssertRefused(string file, string message, IReadOnlyDictionary<string, string>? environment = null, string[]? extra = null)
    {
        var input = _temp.Combine("input");
        var before = FolderHashes.Of(input);

        var run = ArchiveProcess.Run(_temp.Path, environment ?? new Dictionary<string, string>(), ["import", "--input", input, .. extra ?? [], file]);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"{file}: ", run.Stderr);
        Assert.Contains(message, run.Stderr);
        Assert.Contains("nothing was imported; input/ is as it was.", run.Stderr);
        Assert.DoesNotContain("   at ", run.Output);
        Assert.True(FolderHashes.Same(before, FolderHashes.Of(input)), FolderHashes.Difference(before, FolderHashes.Of(input)));
    }
}
