using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Archive.Core;
using Archive.Corpus;

namespace Archive.Import;

/// <summary>
/// The engine of 'archive import': reads raw reports (text in any encoding, .docx, .html, JSON Lines), cleans
/// them, infers their metadata and writes each as input/reports/&lt;id&gt;.md with its original kept byte for byte
/// in input/originals/. Either every source is read, or nothing is written and every problem is reported.
/// </summary>
public sealed class Importer(string inputDirectory, ImportOptions? options = null)
{
    private const string UndatedMarker = "undated";

    private readonly MetadataInference _inference = new();

    public IReadOnlyList<ImportedReport> Import(IEnumerable<string> paths) => Import(ReadAll(paths, options ?? ImportOptions.Default));

    /// <summary>Imports reports already read (by <see cref="RawReportReader"/>, or collected by 'archive fetch').</summary>
    public IReadOnlyList<ImportedReport> Import(IReadOnlyList<RawReport> raws)
    {
        var registryPath = Path.Combine(inputDirectory, BureauRegistry.FileName);
        var problems = new List<InputProblem>();
        var bureaus = new BureauResolver(BureauRegistry.Read(registryPath, "input/" + BureauRegistry.FileName, problems).ToList());
        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }

        var reportsFolder = Path.Combine(inputDirectory, CorpusReader.ReportsFolder);
        var originalsFolder = Path.Combine(inputDirectory, CorpusReader.OriginalsFolder);
        Directory.CreateDirectory(reportsFolder);
        Directory.CreateDirectory(originalsFolder);
        var taken = Directory.EnumerateFiles(reportsFolder, "*" + ReportFile.Extension)
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        // Every text is cleaned before anything is written, so one that is nothing but page chrome stops the whole
        // import (a report file without text would be refused by build) and input/ stays as it was.
        var cleaned = raws.Select(raw => (Raw: raw, Text: Clean(raw))).ToList();
        var chromeOnly = cleaned
            .Where(c => !c.Text.Kept.Any(line => line.Trim().Length > 0))
            .Select(c => new InputProblem(c.Raw.SourcePath, null, $"holds no report text, only web-page chrome ({c.Text.Removed.Count} line(s)); check it is the right file."))
            .ToList();
        if (chromeOnly.Count > 0)
        {
            throw new InputException(chromeOnly);
        }

        var imported = cleaned.Select(c => Write(c.Raw, c.Text, bureaus, taken, reportsFolder, originalsFolder)).ToList();
        if (bureaus.Changed)
        {
            File.WriteAllText(registryPath, BureauRegistry.Format(bureaus.Bureaus), new UTF8Encoding(false));
        }

        return imported;
    }

    private static List<RawReport> ReadAll(IEnumerable<string> paths, ImportOptions options)
    {
        var raws = new List<RawReport>();
        var problems = new List<InputProblem>();
        foreach (var file in SourceFiles(paths, problems))
        {
            try
            {
                raws.AddRange(RawReportReader.Read(file, options));
            }
            catch (InputException e)
            {
                problems.AddRange(e.Problems);
            }
        }

        return problems.Count > 0 ? throw new InputException(problems) : raws;
    }

    private static IEnumerable<string> SourceFiles(IEnumerable<string> paths, List<InputProblem> problems)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => !Path.GetFileName(f).StartsWith('.'))
                    .Order(StringComparer.Ordinal))
                {
                    yield return file;
                }
            }
            else if (File.Exists(path))
            {
                yield return path;
            }
            else
            {
                problems.Add(new InputProblem(path, null, "no such file or folder; check the path."));
            }
        }
    }

    /// <summary>What import infers a raw report's metadata from: its lines cleaned as import cleans them.</summary>
    public static ReportEvidence EvidenceOf(RawReport raw)
    {
        var (kept, removed, _) = Clean(raw);
        return new ReportEvidence(kept, removed, raw.Name, raw.Hints);
    }

    // Chrome goes before joining so a share button never joins a sentence, and again after, because wiki licence
    // notices only become recognisable once their broken lines are joined.
    private static (IReadOnlyList<string> Kept, List<string> Removed, int JoinedLines) Clean(RawReport raw)
    {
        var first = ChromeStripper.Strip(raw.Lines);
        var joined = LineJoiner.Join(first.Kept);
        var second = ChromeStripper.Strip(joined);
        return (second.Kept, raw.Removed.Concat(first.Removed).Concat(second.Removed).ToList(), first.Kept.Count - joined.Count);
    }

    private ImportedReport Write(RawReport raw, (IReadOnlyList<string> Kept, List<string> Removed, int JoinedLines) cleaned, BureauResolver bureaus, HashSet<string> taken, string reportsFolder, string originalsFolder)
    {
        var (kept, removed, joinedLines) = cleaned;

        var metadata = _inference.Infer(new ReportEvidence(kept, removed, raw.Name, raw.Hints));
        var notes = new List<string>();
        var (bureau, bureauNote) = bureaus.Resolve(metadata);
        if (bureauNote is not null)
        {
            notes.Add(bureauNote);
        }

        var year = metadata.YearValue;
        var id = NewId(bureau.Id, year, taken);
        var originalPath = $"{CorpusReader.OriginalsFolder}/{id}{raw.OriginalExtension}";
        WriteWhole(Path.Combine(originalsFolder, id + raw.OriginalExtension), raw.OriginalBytes);
        var sha = Convert.ToHexStringLower(SHA256.HashData(raw.OriginalBytes));

        var reportPath = $"input/{CorpusReader.ReportsFolder}/{id}{ReportFile.Extension}";
        var title = metadata.Title.Value ?? $"未命名报告（{raw.Name}）";
        var report = new Report(
            id, title, bureau.Id, year ?? 0, metadata.PublishedValue, metadata.SourceUrl,
            new ReportOriginal(originalPath, sha, raw.Encoding) { Ocr = raw.Ocr, Fetched = raw.Fetched }, ReportText.Of(BodyParser.Parse(kept)), removed, metadata.All, false, reportPath);
        var text = ReportFile.Format(report, string.Join('\n', kept));
        if (year is null)
        {
            // The front matter needs a year and none is known: write 'unknown' so the file is flagged, not dated wrongly.
            text = text.Replace("\nyear: 0\n", "\nyear: " + ReportFile.Unknown + "\n", StringComparison.Ordinal);
            notes.Add("the year it covers is unknown; write it in the front matter before building");
        }

        WriteWhole(Path.Combine(reportsFolder, id + ReportFile.Extension), new UTF8Encoding(false).GetBytes(text));
        if (removed.Count > 0)
        {
            notes.Add($"removed {removed.Count} page-chrome or page-furniture line(s)");
        }

        if (raw.Ocr is { } ocr)
        {
            notes.Add($"read {ocr.Pages.Count} page(s) by OCR ({ocr.Engine}), mean confidence {ocr.Pages.Average(p => p.Confidence):0.0}; compare the text with the original before setting 'reviewed: true'");
        }

        if (joinedLines > 0)
        {
            notes.Add($"joined {joinedLines} broken line(s)");
        }

        notes.AddRange(metadata.All.Where(i => !i.IsCertain).Select(i => $"{i.Field}: {i.Value ?? ReportFile.Unknown} ({i.Confidence.ToString().ToLowerInvariant()}: {i.Reason})"));
        return new ImportedReport(raw.SourcePath, reportPath, report, raw.Encoding, notes);
    }

    // A report file appears whole or not at all: an import stopped halfway leaves no truncated file for build to read.
    private static void WriteWhole(string path, byte[] bytes)
    {
        var partial = path + ".partial";
        File.WriteAllBytes(partial, bytes);
        File.Move(partial, path, overwrite: true);
    }

    private static string NewId(string bureauId, int? year, HashSet<string> taken)
    {
        string id;
        if (year is int covered)
        {
            id = $"{bureauId}-{covered.ToString(CultureInfo.InvariantCulture)}";
            for (var n = 2; taken.Contains(id); n++)
            {
                id = $"{bureauId}-{covered.ToString(CultureInfo.InvariantCulture)}-{n.ToString(CultureInfo.InvariantCulture)}";
            }
        }
        else
        {
            var n = 1;
            do
            {
                id = $"{bureauId}-{UndatedMarker}-{n++.ToString(CultureInfo.InvariantCulture)}";
            }
            while (taken.Contains(id));
        }

        taken.Add(id);
        return id;
    }
}
