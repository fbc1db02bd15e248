using System.Security.Cryptography;
using System.Text;
using Archive.Core;

namespace Archive.Corpus;

/// <summary>
/// Where a report's text is. A corpus read from input/ keeps only each report's metadata in memory and parses the
/// text from its file again whenever a stage needs it (a page, the search index, a download): at 50,000 reports
/// the texts are a gigabyte and more as objects, while parsing one again takes well under a millisecond.
/// </summary>
public abstract class ReportText
{
    /// <summary>The text as a tree of sections and paragraphs; parsed anew on each call where it comes from a file.</summary>
    public abstract ReportBody Parse();

    /// <summary>A text already in memory (an import in progress, a test).</summary>
    public static ReportText Of(ReportBody body) => new InMemory(body);

    /// <summary>
    /// The text of the report file at <paramref name="path"/>, which must still have the SHA-256 it had when the
    /// corpus was read: a file edited during a build fails the build rather than mixing two versions of a report.
    /// </summary>
    public static ReportText InFile(string path, string display, string sha256) => new FromFile(path, display, sha256);

    private sealed class InMemory(ReportBody body) : ReportText
    {
        public override ReportBody Parse() => body;
    }

    private sealed class FromFile(string path, string display, string sha256) : ReportText
    {
        public override ReportBody Parse()
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputException(display, null, $"could not be read again during the build ({e.Message}); check the file and build again.");
            }

            if (!Convert.ToHexStringLower(SHA256.HashData(bytes)).Equals(sha256, StringComparison.Ordinal))
            {
                throw new InputException(display, null, "changed while the build was running; build again.");
            }

            return ReportFile.ParseBody(Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'));
        }
    }
}
