using System.Security.Cryptography;
using System.Text;
using YamlDotNet.RepresentationModel;
using Archive.Core;

namespace Archive.Corpus;

/// <summary>
/// Reads input/ (site.yml, bureaus.yml, reports/, originals/) into a <see cref="Corpus"/> and finds every
/// problem in one pass, so a user can fix them all at once. Nothing is dropped silently: a file in reports/
/// that cannot be read is a problem, never skipped.
/// </summary>
public sealed class CorpusReader
{
    public const string ReportsFolder = "reports";
    public const string OriginalsFolder = "originals";
    public const string SettingsFile = "site.yml";

    /// <summary>A report is a few to a few hundred KB of text; anything far larger is a mistake (a PDF, a database dump).</summary>
    public const long MaxReportBytes = 20 * 1024 * 1024;

    /// <param name="cache">What the last build read, by file: files unchanged since are not read again (null: read every file).</param>
    public (Corpus Corpus, IReadOnlyList<InputProblem> Problems) Read(string inputDirectory, IKnownReports? cache = null) => Read(inputDirectory, () => cache);

    /// <param name="openCache">Opens what the last build read (see the other overload), while settings and bureaus are read.</param>
    /// <param name="listing">input/ as just listed (<see cref="InputListing"/>): its files and their sizes and write
    /// times are taken from it instead of being asked for again; null: input/ is listed here.</param>
    public (Corpus Corpus, IReadOnlyList<InputProblem> Problems) Read(string inputDirectory, Func<IKnownReports?> openCache, InputListing? listing = null)
    {
        var problems = new List<InputProblem>();
        if (!Directory.Exists(inputDirectory))
        {
            problems.Add(new InputProblem(inputDirectory, null, "the input folder does not exist; run from the archive's folder or pass --input."));
            return (new Corpus(SiteSettings.Default, [], [], inputDirectory), problems);
        }

        // At 50,000 reports the bureaus (5,000 entries of YAML) and the report cache (41 MB) each take half a second,
        // and the reports need neither until they are checked: all three side by side.
        var registryProblems = new List<InputProblem>();
        var registry = Task.Run(() =>
        {
            var settings = ReadSettings(inputDirectory, registryProblems);
            var bureaus = BureauRegistry.Read(Path.Combine(inputDirectory, BureauRegistry.FileName), Display(BureauRegistry.FileName), registryProblems);
            return (settings, bureaus, DeadlineRules.Read(inputDirectory, registryProblems), SavedSearches.Read(inputDirectory, bureaus, registryProblems));
        });
        var cache = openCache();

        var reports = new List<Report>();
        var firstFileOfId = new Dictionary<string, string>(StringComparer.Ordinal);
        // Reading and parsing are per file and the bulk of the work: on every core, results kept in file order.
        var listingProblems = new List<InputProblem>();
        var parsed = ReportFiles(inputDirectory, listingProblems, listing).ToList().AsParallel().AsOrdered().Select(path =>
        {
            var display = Display(Path.GetRelativePath(inputDirectory, path));
            var fileProblems = new List<InputProblem>();
            // Taken before reading: a file changed while it is read is read again by the next build.
            var (size, written) = StampOf(path, listing) ?? default;
            if (cache?.Find(display, size, written, known => known with { Text = ReportText.InFile(path, display, known.SourceHash) }) is { } found)
            {
                return (display, Report: (Report?)found, fileProblems, OriginalProblem: OriginalProblem(inputDirectory, found, cache, listing));
            }

            var read = ReadText(path, display, fileProblems);
            if (read is not var (text, hash))
            {
                return (display, Report: (Report?)null, fileProblems, OriginalProblem: null);
            }

            var (report, parseProblems) = ReportFile.Parse(display, text);
            fileProblems.AddRange(parseProblems);
            if (report is null)
            {
                return (display, Report: null, fileProblems, OriginalProblem: null);
            }

            report = report with { SourceHash = hash, Text = ReportText.InFile(path, display, hash) };
            cache?.Add(display, size, written, report);
            return (display, Report: (Report?)report, fileProblems, OriginalProblem: OriginalProblem(inputDirectory, report, cache, listing));
        }).ToList();
        cache?.Save();

        // Problems in the order a reader of them expects: settings and bureaus first, then the reports in file order.
        var (settings, bureaus, deadlines, savedSearches) = registry.GetAwaiter().GetResult();
        problems.AddRange(registryProblems);
        problems.AddRange(listingProblems);
        var bureauIds = bureaus.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (display, report, fileProblems, originalProblem) in parsed)
        {
            problems.AddRange(fileProblems);
            if (report is null)
            {
                continue;
            }

            if (firstFileOfId.TryGetValue(report.Id, out var other))
            {
                problems.Add(new InputProblem(display, 2, $"id '{report.Id}' is also used by {other}; every report needs its own id."));
                continue;
            }

            firstFileOfId[report.Id] = display;
            if (!bureauIds.Contains(report.BureauId))
            {
                problems.Add(new InputProblem(display, 4, $"bureau '{report.BureauId}' is not in input/{BureauRegistry.FileName}; add it there (id, name, division, kind) or use one of its ids."));
                continue;
            }

            if (originalProblem is not null)
            {
                problems.Add(new InputProblem(display, null, originalProblem));
            }

            reports.Add(report);
        }

        // Order is part of the output: sort so the same input always gives the same site.
        reports.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return (new Corpus(settings, bureaus, reports, inputDirectory) { Deadlines = deadlines, SavedSearches = savedSearches }, problems);
    }

    /// <summary>Reads input/ and throws an <see cref="InputException"/> listing every problem if there are any.</summary>
    public Corpus ReadValid(string inputDirectory, IKnownReports? cache = null) => ReadValid(inputDirectory, () => cache);

    /// <summary>As <see cref="ReadValid(string, IKnownReports?)"/>, opening the cache while settings and bureaus are read.</summary>
    public Corpus ReadValid(string inputDirectory, Func<IKnownReports?> openCache, InputListing? listing = null)
    {
        var (corpus, problems) = Read(inputDirectory, openCache, listing);
        return problems.Count > 0 ? throw new InputException(problems) : corpus;
    }

    private static string Display(string relative) => "input/" + relative.Replace('\\', '/');

    private static IEnumerable<string> ReportFiles(string inputDirectory, List<InputProblem> problems, InputListing? listing)
    {
        var folder = Path.Combine(inputDirectory, ReportsFolder);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var under = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        var files = (listing is null ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories) : listing.Paths.Where(p => p.StartsWith(under, StringComparison.Ordinal)))
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var stray in files.Where(f => !f.EndsWith(ReportFile.Extension, StringComparison.Ordinal)))
        {
            problems.Add(new InputProblem(Display(Path.GetRelativePath(inputDirectory, stray)), null,
                $"only {ReportFile.Extension} report files belong in input/{ReportsFolder}/; bring raw files in with 'archive import', or move this one out."));
        }

        return files.Where(f => f.EndsWith(ReportFile.Extension, StringComparison.Ordinal));
    }

    /// <summary>The file's text and the SHA-256 of its bytes, or null (with a problem) when it is not UTF-8 text.</summary>
    private static (string Text, string Hash)? ReadText(string path, string display, List<InputProblem> problems)
    {
        var size = new FileInfo(path).Length;
        if (size > MaxReportBytes)
        {
            problems.Add(new InputProblem(display, null, $"the file is {size / (1024 * 1024)} MB, far larger than any report; check it is the right file."));
            return null;
        }

        var bytes = File.ReadAllBytes(path);
        if (IsUtf16(bytes))
        {
            problems.Add(new InputProblem(display, null, "the file is UTF-16, not UTF-8; run 'archive import' on it, which converts it, or save it as UTF-8."));
            return null;
        }

        if (bytes.AsSpan().IndexOf((byte)0) >= 0)
        {
            problems.Add(new InputProblem(display, null, "the file is binary, not text; bring documents in with 'archive import', which reads .docx, .html and text in any encoding."));
            return null;
        }

        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return (text.TrimStart('\uFEFF'), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
        catch (DecoderFallbackException e)
        {
            var line = 1 + bytes.AsSpan(0, Math.Min(e.Index, bytes.Length)).Count((byte)'\n');
            problems.Add(new InputProblem(display, line, "the file is not UTF-8; run 'archive import' on it, which detects GBK/GB18030 and UTF-16 and converts."));
            return null;
        }
    }

    // A byte order mark, or text whose zero bytes are mostly in one half of each byte pair (the high byte of ASCII
    // '-', ':' and line breaks) with a line break in that byte order: binary data keeps to neither.
    private static bool IsUtf16(byte[] bytes)
    {
        if (bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            return true;
        }

        if (bytes.Length % 2 != 0)
        {
            return false;
        }

        int highFirst = 0, highSecond = 0;
        bool bigEndianBreak = false, littleEndianBreak = false;
        for (var i = 0; i < bytes.Length; i += 2)
        {
            highFirst += bytes[i] == 0 ? 1 : 0;
            highSecond += bytes[i + 1] == 0 ? 1 : 0;
            bigEndianBreak |= bytes[i] == 0 && bytes[i + 1] == '\n';
            littleEndianBreak |= bytes[i] == '\n' && bytes[i + 1] == 0;
        }

        return (bigEndianBreak && highFirst > 4 * highSecond) || (littleEndianBreak && highSecond > 4 * highFirst);
    }

    /// <summary>
    /// What is wrong with the report's original file, if anything: missing, or not the bytes its SHA-256 recorded.
    /// An original that still has the size and write time it had when the last read hashed it is not read again.
    /// </summary>
    private static string? OriginalProblem(string inputDirectory, Report report, IKnownReports? cache, InputListing? listing)
    {
        if (report.Original is not { } original)
        {
            return null;
        }

        var path = Path.Combine(inputDirectory, original.Path);
        if (StampOf(path, listing) is not var (size, written))
        {
            return $"original file input/{original.Path} is missing; restore it or remove the 'original:' block.";
        }

        var sha = cache?.KnownOriginalHash(original.Path, size, written);
        if (sha is null)
        {
            sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
            cache?.OriginalHashed(original.Path, size, written, sha);
        }

        return sha == original.Sha256
            ? null
            : $"original file input/{original.Path} has sha256 {sha}, not the {original.Sha256} recorded; the original must never change.";
    }

    // A file's size and write time: as listed when the listing has it (a path outside input/ it does not), else asked
    // for; null when there is no such file.
    private static FileStamp? StampOf(string path, InputListing? listing)
    {
        if (listing?.StampOf(Path.GetFullPath(path)) is { } listed)
        {
            return listed;
        }

        var info = new FileInfo(path);
        return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc.Ticks) : null;
    }

    /// <summary>input/site.yml alone, for a verb that needs the site's settings and not its reports.</summary>
    public static SiteSettings Settings(string inputDirectory)
    {
        var problems = new List<InputProblem>();
        var settings = ReadSettings(inputDirectory, problems);
        return problems.Count > 0 ? throw new InputException(problems) : settings;
    }

    private static SiteSettings ReadSettings(string inputDirectory, List<InputProblem> problems)
    {
        var path = Path.Combine(inputDirectory, SettingsFile);
        if (!File.Exists(path))
        {
            return SiteSettings.Default;
        }

        var display = Display(SettingsFile);
        if (YamlFile.Load(path, display, problems) is not YamlMappingNode map)
        {
            return SiteSettings.Default;
        }

        var defaults = SiteSettings.Default;
        var basePath = YamlFile.Scalar(map, "base_path") ?? defaults.BasePath;
        if (!basePath.StartsWith('/'))
        {
            problems.Add(new InputProblem(display, null, $"base_path '{basePath}' must start with '/', e.g. / or /reports/."));
        }

        var url = YamlFile.Scalar(map, "url") ?? defaults.SiteUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            problems.Add(new InputProblem(display, null, $"url '{url}' must be the site's absolute address, e.g. https://reports.example.org/."));
        }

        var precompressText = YamlFile.Scalar(map, "precompress");
        var precompress = precompressText is null ? defaults.Precompress : PrecompressNames.Parse(precompressText);
        if (precompress is null)
        {
            problems.Add(new InputProblem(display, null, $"precompress '{precompressText}' must be {PrecompressNames.Allowed}: both for nginx, Apache or Caddy, none for CDNs and Pages hosts, which compress on their own."));
        }

        return new SiteSettings(
            YamlFile.Scalar(map, "title") ?? defaults.Title,
            YamlFile.Scalar(map, "description") ?? defaults.Description,
            basePath,
            url,
            YamlFile.Scalar(map, "publisher") ?? defaults.Publisher)
        {
            Precompress = precompress ?? defaults.Precompress,
        };
    }
}
