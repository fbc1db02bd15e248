using System.Security.Cryptography;
using System.Text;
using Archive.Core;
using Archive.Corpus;
using Archive.Import;

namespace Archive.Collect;

/// <summary>
/// Imports collected reports through the same readers and inference as 'archive import', each with its fetch record
/// and the address of the page that publishes it. A document already imported with the same bytes from the same
/// address is left alone, so running the collector again imports only what is new or changed.
/// </summary>
public sealed class CollectedImport(string inputDirectory, ImportOptions options)
{
    /// <summary>
    /// What importing did: the reports written, the collected ones already in input/, and the ones the readers refused
    /// (each naming its address and why; the others are imported all the same).
    /// </summary>
    public sealed record Outcome(IReadOnlyList<ImportedReport> Imported, IReadOnlyList<string> AlreadyImported, IReadOnlyList<InputProblem> Refused);

    public Outcome Import(IReadOnlyList<CollectedReport> reports)
    {
        var known = KnownOriginals();
        var fresh = new List<CollectedReport>();
        var already = new List<string>();
        foreach (var report in reports)
        {
            var sha = Convert.ToHexStringLower(SHA256.HashData(report.Document.Payload));
            if (known.TryGetValue((report.Document.Final.AbsoluteUri, sha), out var reportPath))
            {
                already.Add($"{report.Document.Final}: already imported as {reportPath}");
            }
            else
            {
                fresh.Add(report);
            }
        }

        if (fresh.Count == 0)
        {
            return new Outcome([], already, []);
        }

        var folder = Directory.CreateTempSubdirectory("archive-fetch-");
        try
        {
            var raws = new List<RawReport>();
            var refused = new List<InputProblem>();
            foreach (var (report, n) in fresh.Select((r, n) => (r, n)))
            {
                try
                {
                    raws.Add(Read(report, Path.Combine(folder.FullName, n.ToString(System.Globalization.CultureInfo.InvariantCulture))));
                }
                catch (InputException e)
                {
                    // The problem names the temporary file the reader was given; the user knows the document by its address.
                    refused.AddRange(e.Problems.Select(p => p with { File = report.Document.Final.AbsoluteUri }));
                }
            }

            return new Outcome(ImportEach(raws, refused), already, refused);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // The importer writes all or nothing; a page it refuses (nothing but chrome) is named and the others imported.
    // A problem that is not one document's (bureaus.yml) still stops the whole import.
    private IReadOnlyList<ImportedReport> ImportEach(List<RawReport> raws, List<InputProblem> refused)
    {
        var importer = new Importer(inputDirectory, options);
        try
        {
            return raws.Count == 0 ? [] : importer.Import(raws);
        }
        catch (InputException e) when (e.Problems.All(p => raws.Any(r => r.SourcePath == p.File)))
        {
            refused.AddRange(e.Problems);
            var rest = raws.Where(r => !e.Problems.Any(p => p.File == r.SourcePath)).ToList();
            return rest.Count == 0 ? [] : importer.Import(rest);
        }
    }

    // The readers take files: each document is written under the name its address gives it, so that inference sees
    // the same file name a person saving it would have (a year or a title in it counts as evidence).
    private RawReport Read(CollectedReport report, string folder)
    {
        var document = report.Document;
        var extension = DocumentKind.ExtensionOf(document.ContentType, document.Final, document.Payload)
            ?? throw new InputException(document.Final.AbsoluteUri, null, $"the response is {document.ContentType ?? "of no stated type"}, not a page or document the importers read (.html, .pdf, .doc, .docx, .wps, .txt).");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileNameOf(document.Final, extension));
        File.WriteAllBytes(path, document.Payload);
        var raw = RawReportReader.Read(path, options, TextDecoder.CharsetOf(document.ContentType))[0];
        // What the reader found is what a saved copy of the same bytes gives; the collector adds only the address,
        // which a saved attachment cannot know (the page linking it is the address a reader is sent to).
        return raw with { SourcePath = document.Final.AbsoluteUri, Hints = raw.Hints with { SourceUrl = report.Hints.SourceUrl }, Fetched = document.Record };
    }

    private static string FileNameOf(Uri address, string extension)
    {
        var segment = Uri.UnescapeDataString(address.Segments[^1]).Trim('/');
        var stem = Path.GetFileNameWithoutExtension(segment);
        var safe = new StringBuilder();
        foreach (var c in stem)
        {
            safe.Append(Path.GetInvalidFileNameChars().Contains(c) || char.IsControl(c) ? '_' : c);
        }

        return (safe.Length == 0 ? "index" : safe.ToString()) + extension;
    }

    // Every report in input/ that was fetched, by the address and SHA-256 of its original.
    private Dictionary<(string Url, string Sha256), string> KnownOriginals()
    {
        var known = new Dictionary<(string, string), string>();
        var folder = Path.Combine(inputDirectory, CorpusReader.ReportsFolder);
        if (!Directory.Exists(folder))
        {
            return known;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*" + ReportFile.Extension))
        {
            var display = $"input/{CorpusReader.ReportsFolder}/{Path.GetFileName(file)}";
            if (ReportFile.Parse(display, File.ReadAllText(file)).Report is { Original: { Fetched: { } fetched } original })
            {
                known[(fetched.Url, original.Sha256)] = display;
            }
        }

        return known;
    }
}
