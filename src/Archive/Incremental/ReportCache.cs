using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Archive.Core;
using Archive.Corpus;

namespace Archive.Incremental;

/// <summary>
/// The metadata of every report file read by the last build, by file, with the size and write time the file had and
/// the SHA-256 of its bytes: a file that still has that size and write time is not read, hashed nor parsed again (at
/// 50,000 reports, reading input/ took 6 s; a rebuild after one change must take a few). The same for the originals'
/// SHA-256, which each build checks against the one their report records (at 50,000 reports, 730 MB of originals
/// read and hashed took 2 of the 2.6 s a rebuild after one change spent reading input/). Kept in the cache folder;
/// a cache written by another build of the program is ignored, since parsing may have changed.
/// </summary>
public sealed class ReportCache : IKnownReports
{
    private const string Header = "archive-report-cache 5";

    // The metadata digests of the reports a read made, by report object (a report changed with `with` is another one).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Report, StrongBox<ContentHash>> Digests = [];

    private readonly string _path;
    private readonly Dictionary<string, Entry> _loaded;
    private readonly ConcurrentDictionary<string, Entry> _current = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OriginalEntry> _loadedOriginals;
    private readonly ConcurrentDictionary<string, OriginalEntry> _currentOriginals = new(StringComparer.Ordinal);
    private int _misses;

    private readonly bool _saveAside;

    private ReportCache(string path, Dictionary<string, Entry> loaded, Dictionary<string, OriginalEntry> loadedOriginals, bool saveAside)
    {
        _path = path;
        _saveAside = saveAside;
        _loaded = loaded;
        _loadedOriginals = loadedOriginals;
    }

    /// <summary>Where the cache of the reports of <paramref name="inputFolder"/> lives in <paramref name="cacheFolder"/>.</summary>
    public static string PathFor(string cacheFolder, string inputFolder) => CacheFile.PathFor(cacheFolder, "reports", inputFolder, ".bin");

    /// <summary>The cache at <paramref name="path"/>; empty when it is missing, unreadable or of another program.</summary>
    /// <param name="saveAside">Whether <see cref="Save"/> writes on another thread (<see cref="Saved"/>), for an owner
    /// that goes on with other work and waits for it before it ends.</param>
    public static ReportCache Open(string path, bool saveAside = false)
    {
        var loaded = CacheFile.Read(path, [Header, ProgramIdentity.Current], reader =>
        {
            var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
            for (var count = reader.ReadInt32(); count > 0; count--)
            {
                var file = reader.ReadString();
                var (size, writeTicks, report) = (reader.ReadInt64(), reader.ReadInt64(), ReadReport(reader));
                entries[file] = new Entry(size, writeTicks, report, reader.ReadHash());
            }

            var originals = new Dictionary<string, OriginalEntry>(StringComparer.Ordinal);
            for (var count = reader.ReadInt32(); count > 0; count--)
            {
                var file = reader.ReadString();
                originals[file] = new OriginalEntry(reader.ReadInt64(), reader.ReadInt64(), reader.ReadString());
            }

            return Tuple.Create(entries, originals);
        });
        return new(path, loaded?.Item1 ?? new(StringComparer.Ordinal), loaded?.Item2 ?? new(StringComparer.Ordinal), saveAside);
    }

    public Report? Find(string file, long size, long writeTicks, Func<Report, Report> attach)
    {
        if (_loaded.TryGetValue(file, out var entry) && entry.Size == size && entry.WriteTicks == writeTicks)
        {
            _current[file] = entry;
            var found = attach(entry.Report);
            Remember(found, entry.MetadataDigest);
            return found;
        }

        Interlocked.Increment(ref _misses);
        return null;
    }

    /// <summary>Remembers a report read from its file, and its metadata digest (<see cref="Remember"/>).</summary>
    public void Add(string file, long size, long writeTicks, Report report)
    {
        var digest = MetadataDigest(report);
        _current[file] = new Entry(size, writeTicks, report, digest);
        Remember(report, digest);
    }

    /// <summary>
    /// Remembers the metadata digest of <paramref name="report"/> (the final object a read hands out), so that
    /// <see cref="MetadataDigest"/> answers without serializing it again (at 50,000 reports, half a second a build).
    /// </summary>
    private static void Remember(Report report, ContentHash metadataDigest)
    {
        if (!metadataDigest.IsNone)
        {
            Digests.AddOrUpdate(report, new StrongBox<ContentHash>(metadataDigest));
        }
    }

    public string? KnownOriginalHash(string path, long size, long writeTicks)
    {
        if (_loadedOriginals.TryGetValue(path, out var entry) && entry.Size == size && entry.WriteTicks == writeTicks)
        {
            _currentOriginals[path] = entry;
            return entry.Sha256;
        }

        Interlocked.Increment(ref _misses);
        return null;
    }

    public void OriginalHashed(string path, long size, long writeTicks, string sha256) =>
        _currentOriginals[path] = new OriginalEntry(size, writeTicks, sha256);

    /// <summary>
    /// Done when what <see cref="Save"/> started is written (at once when there was nothing to write, or it was
    /// written before <see cref="Save"/> returned); an owner that saves aside waits for it before it ends.
    /// </summary>
    public Task Saved { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Saves what this read found, unless it is what the cache already held; opened to save aside, on another thread
    /// (<see cref="Saved"/>): at 50,000 reports the file is 41 MB, and a build's every other stage waits for its read.
    /// </summary>
    public void Save()
    {
        if (_misses == 0 && _current.Count == _loaded.Count && _currentOriginals.Count == _loadedOriginals.Count)
        {
            return;
        }

        if (_saveAside)
        {
            Saved = Task.Run(Write);
        }
        else
        {
            Write();
        }
    }

    private void Write() =>
        CacheFile.Write(_path, [Header, ProgramIdentity.Current], writer =>
        {
            writer.Write(_current.Count);
            foreach (var (file, entry) in _current.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                writer.Write(file);
                writer.Write(entry.Size);
                writer.Write(entry.WriteTicks);
                WriteReport(writer, entry.Report);
                writer.WriteHash(entry.MetadataDigest);
            }

            writer.Write(_currentOriginals.Count);
            foreach (var (file, entry) in _currentOriginals.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                writer.Write(file);
                writer.Write(entry.Size);
                writer.Write(entry.WriteTicks);
                writer.Write(entry.Sha256);
            }
        });

    /// <summary>
    /// A digest of everything the cache keeps of a report but its file's hash: all of its metadata (the cache's own
    /// round trip is tested field by field, so a field added to <see cref="Report"/> is in both or the tests fail).
    /// </summary>
    public static ContentHash MetadataDigest(Report report)
    {
        if (Digests.TryGetValue(report, out var known))
        {
            return known.Value;
        }

        using var bytes = new MemoryStream(1024);
        using (var writer = new BinaryWriter(bytes, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            WriteMetadata(writer, report);
        }

        return ContentHash.Of(bytes.GetBuffer().AsSpan(0, (int)bytes.Length));
    }

    private static void WriteReport(BinaryWriter writer, Report report)
    {
        WriteMetadata(writer, report);
        writer.Write(report.SourceHash);
    }

    private static void WriteMetadata(BinaryWriter writer, Report report)
    {
        writer.Write(report.Id);
        writer.Write(report.Title);
        writer.Write(report.BureauId);
        writer.Write(report.Year);
        writer.Write(report.Published?.DayNumber ?? -1);
        Optional(writer, report.SourceUrl);
        writer.Write(report.Original is not null);
        if (report.Original is { } original)
        {
            writer.Write(original.Path);
            writer.Write(original.Sha256);
            Optional(writer, original.Encoding);
            writer.Write(original.Ocr is not null);
            if (original.Ocr is { } ocr)
            {
                writer.Write(ocr.Engine);
                writer.Write(ocr.Pages.Count);
                foreach (var page in ocr.Pages)
                {
                    writer.Write(page.Page);
                    writer.Write(page.Confidence);
                }
            }

            writer.Write(original.Fetched is not null);
            if (original.Fetched is { } fetched)
            {
                writer.Write(fetched.Url);
                writer.Write(fetched.At.UtcTicks);
                writer.Write(fetched.Warc);
                writer.Write(fetched.RecordId);
            }
        }

        writer.Write(report.RemovedChrome.Count);
        foreach (var line in report.RemovedChrome)
        {
            writer.Write(line);
        }

        writer.Write(report.Inferences.Count);
        foreach (var inference in report.Inferences)
        {
            writer.Write(inference.Field);
            Optional(writer, inference.Value);
            writer.Write((int)inference.Confidence);
            writer.Write(inference.Reason);
        }

        writer.Write(report.Reviewed);
        writer.Write(report.SourceFile);
    }

    private static Report ReadReport(BinaryReader reader)
    {
        var id = reader.ReadString();
        var title = reader.ReadString();
        var bureau = reader.ReadString();
        var year = reader.ReadInt32();
        var day = reader.ReadInt32();
        var source = Optional(reader);
        var original = reader.ReadBoolean() ? new ReportOriginal(reader.ReadString(), reader.ReadString(), Optional(reader)) { Ocr = ReadOcr(reader), Fetched = ReadFetched(reader) } : null;
        var removed = new string[reader.ReadInt32()];
        for (var i = 0; i < removed.Length; i++)
        {
            removed[i] = reader.ReadString();
        }

        var inferences = new Inference[reader.ReadInt32()];
        for (var i = 0; i < inferences.Length; i++)
        {
            inferences[i] = new Inference(reader.ReadString(), Optional(reader), (Confidence)reader.ReadInt32(), reader.ReadString());
        }

        var reviewed = reader.ReadBoolean();
        var sourceFile = reader.ReadString();
        var hash = reader.ReadString();
        // The text is attached by the reader, which knows where the file is.
        return new Report(id, title, bureau, year, day < 0 ? null : DateOnly.FromDayNumber(day), source, original, ReportText.Of(new ReportBody([], [])), removed, inferences, reviewed, sourceFile)
        {
            SourceHash = hash,
        };
    }

    private static FetchRecord? ReadFetched(BinaryReader reader) =>
        reader.ReadBoolean() ? new FetchRecord(reader.ReadString(), new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero), reader.ReadString(), reader.ReadString()) : null;

    private static OcrReading? ReadOcr(BinaryReader reader)
    {
        if (!reader.ReadBoolean())
        {
            return null;
        }

        var engine = reader.ReadString();
        var pages = new OcrPageConfidence[reader.ReadInt32()];
        for (var i = 0; i < pages.Length; i++)
        {
            pages[i] = new OcrPageConfidence(reader.ReadInt32(), reader.ReadDouble());
        }

        return new OcrReading(engine, pages);
    }

    private static void Optional(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    private static string? Optional(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    private sealed record Entry(long Size, long WriteTicks, Report Report, ContentHash MetadataDigest);

    private sealed record OriginalEntry(long Size, long WriteTicks, string Sha256);
}
