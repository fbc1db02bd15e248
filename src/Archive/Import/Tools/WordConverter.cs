using Archive.Core;

namespace Archive.Import.Tools;

/// <summary>
/// Converts Word 97–2003 (.doc) and WPS (.wps) documents to .docx with LibreOffice headless (Debian:
/// libreoffice-writer-nogui), so the .docx reader reads them. Each conversion gets its own LibreOffice profile, so
/// conversions never wait on each other or on a LibreOffice the user has open.
/// </summary>
public static class WordConverter
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    // Word 97–2003 and WPS documents are OLE compound files; LibreOffice would take anything else for plain text.
    private static readonly byte[] CompoundFileSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static byte[] ToDocx(string path, byte[] bytes, string file)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (!bytes.AsSpan().StartsWith(CompoundFileSignature))
        {
            throw new InputException(file, null, $"the file is not a Word 97–2003 or WPS document, though it is named {extension}; check what it is (a .docx renamed? a web page?), give it its right extension and import it again.");
        }

        var soffice = ExternalTool.Find("soffice")
            ?? throw new InputException(file, null, $"reading a {extension} file needs LibreOffice, which is not installed; install the Debian package libreoffice-writer-nogui (apt-get install libreoffice-writer-nogui), or save the report as .docx in Word or WPS, and import again.");
        var folder = Directory.CreateTempSubdirectory("archive-word-");
        try
        {
            // A copy under a plain name: LibreOffice names its output after the input, and some names trip it up.
            var source = Path.Combine(folder.FullName, "report" + extension);
            File.Copy(path, source);
            var profile = new Uri(Path.Combine(folder.FullName, "profile")).AbsoluteUri;
            var run = ExternalTool.Run(
                soffice, [$"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "docx:MS Word 2007 XML", "--outdir", folder.FullName, source],
                Limit, file, $"converting the {extension} file with LibreOffice", "open it in Word or WPS, save it as .docx and import that.");
            var docx = Path.Combine(folder.FullName, "report.docx");
            if (run.Exit != 0 || !File.Exists(docx) || new FileInfo(docx).Length == 0)
            {
                throw new InputException(file, null, $"LibreOffice could not open the {extension} file (it may be damaged, password-protected or not a Word document); open it in Word or WPS, save it as .docx and import that.");
            }

            return File.ReadAllBytes(docx);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
