using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Archive.Core;
using Archive.Search.Contract;

namespace Archive.Search.Lucene;

/// <summary>
/// Builds the Lucene index `archive search` answers from: one document per report, in <see cref="ReportOrder"/>,
/// with the exact field (decides matches), the words field (SmartCn's words, for ranking) and the stored metadata
/// and blocks.
/// </summary>
public sealed class SearchIndexBuilder
{
    public const string FolderName = "lucene";
    public const string FingerprintFile = "input.sha256";
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    // The fields and analysis of the documents below; an index written with another schema is built anew.
    internal const string SchemaKey = "archive.schema";
    internal const string Schema = "5";

    private static readonly FieldType ExactType = Frozen(new FieldType
    {
        IsIndexed = true,
        IsTokenized = true,
        OmitNorms = true,
        IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS,
    });

    // Positions too: a query term SmartCn makes several words of is whole words where they stand in a row.
    private static readonly FieldType WordsType = ExactType;

    public static string IndexFolder(string cacheFolder) => Path.Combine(cacheFolder, FolderName);

    /// <summary>True when <paramref name="cacheFolder"/> holds an index (current or not).</summary>
    public static bool Exists(string cacheFolder) => System.IO.Directory.Exists(IndexFolder(cacheFolder));

    /// <summary>True when the index in <paramref name="cacheFolder"/> exists and was built from input/ as it is now.</summary>
    public static bool IsCurrent(string cacheFolder, string inputDirectory) => IsCurrentFor(cacheFolder, InputFingerprint.Of(inputDirectory));

    /// <summary>True when the index was built from input/ with this <see cref="InputFingerprint"/>.</summary>
    public static bool IsCurrentFor(string cacheFolder, string inputFingerprint)
    {
        var stamp = Path.Combine(IndexFolder(cacheFolder), FingerprintFile);
        return File.Exists(stamp) && File.ReadAllText(stamp) == inputFingerprint;
    }

    /// <summary>
    /// Brings the index in line with the corpus: a report whose indexed content is unchanged (same fingerprint) is
    /// left as it is, a changed or new one is (re)indexed, a removed one deleted. Lucene commits atomically, so a
    /// build that fails or is killed leaves the previous commit, and the index, usable.
    /// </summary>
    /// <param name="inputFingerprint">input/'s fingerprint when the caller has taken it already (a walk over every file).</param>
    public IndexUpdate Build(Corpus.Corpus corpus, string cacheFolder, string? inputFingerprint = null)
    {
        using var update = Begin(corpus, cacheFolder, inputFingerprint);
        Parallel.ForEach(update.Changed, report => update.Add(report, SearchableText.Of(report)));
        return update.Commit();
    }

    /// <summary>
    /// Starts bringing the index in line with the corpus (see <see cref="Build"/>): removed reports and the old
    /// documents of changed ones are deleted; the caller adds the texts of <see cref="LuceneUpdate.Changed"/> and
    /// commits.
    /// </summary>
    public LuceneUpdate Begin(Corpus.Corpus corpus, string cacheFolder, string? inputFingerprint = null)
    {
        var fingerprint = inputFingerprint ?? InputFingerprint.Of(corpus.InputDirectory);
        var target = Path.GetFullPath(IndexFolder(cacheFolder));
        RemoveStaleStaging(target);
        System.IO.Directory.CreateDirectory(target);
        var reports = ReportOrder.Sort(corpus).Select(r => new IndexedSource(r, corpus.BureauOf(r))).ToList();
        var directory = FSDirectory.Open(target);
        try
        {
            var indexed = IndexedFingerprints(directory);
            var analyzer = new PerFieldAnalyzerWrapper(new SearchAnalyzer(), new Dictionary<string, Analyzer> { [SearchFields.Words] = new WordAnalyzer() });
            var config = new IndexWriterConfig(Version, analyzer)
            {
                OpenMode = indexed is null ? OpenMode.CREATE : OpenMode.APPEND,
                RAMBufferSizeMB = 256,
            };
            var writer = new IndexWriter(directory, config);
            indexed ??= [];
            var wanted = reports.Select(r => r.Report.Id).ToHashSet(StringComparer.Ordinal);
            var removed = 0;
            foreach (var id in indexed.Keys.Where(id => !wanted.Contains(id)))
            {
                writer.DeleteDocuments(new Term(SearchFields.Id, id));
                removed++;
            }

            // Fingerprinting every report costs a hash over its text; analysing it costs forty times more.
            var changed = reports.AsParallel().AsOrdered()
                .Where(r => !indexed.TryGetValue(r.Report.Id, out var old) || old != r.Fingerprint)
                .ToList();
            foreach (var report in changed.Where(r => indexed.ContainsKey(r.Report.Id)))
            {
                writer.DeleteDocuments(new Term(SearchFields.Id, report.Report.Id));
            }

            return new LuceneUpdate(directory, writer, changed, removed, reports.Count - changed.Count, Path.Combine(target, FingerprintFile), fingerprint);
        }
        catch (LockObtainFailedException)
        {
            directory.Dispose();
            throw new InputException(target, null, "another archive process is writing this search index; wait for it to finish and run this again.");
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Deletes the index and builds it from nothing (for an index that cannot be read).</summary>
    public IndexUpdate Rebuild(Corpus.Corpus corpus, string cacheFolder)
    {
        var target = Path.GetFullPath(IndexFolder(cacheFolder));
        if (System.IO.Directory.Exists(target))
        {
            System.IO.Directory.Delete(target, recursive: true);
        }

        return Build(corpus, cacheFolder);
    }

    /// <summary>Each indexed report's fingerprint by id, or null when there is no index or it has another schema.</summary>
    private static Dictionary<string, string>? IndexedFingerprints(FSDirectory directory)
    {
        if (!DirectoryReader.IndexExists(directory))
        {
            return null;
        }

        try
        {
            return ReadFingerprints(directory);
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            // A damaged index (a killed process, a bad disk; Lucene.NET reports a truncated file as an argument out of
            // range): nothing in it can be trusted, so it is deleted and written anew.
            foreach (var file in directory.ListAll())
            {
                directory.DeleteFile(file);
            }

            return null;
        }
    }

    private static Dictionary<string, string>? ReadFingerprints(FSDirectory directory)
    {
        using var reader = DirectoryReader.Open(directory);
        if (!reader.IndexCommit.UserData.TryGetValue(SchemaKey, out var schema) || schema != Schema)
        {
            return null;
        }

        // Doc values, not stored fields: stored fields are compressed in blocks with the reports' text, so reading an
        // id from them decompresses the whole archive.
        var liveDocs = MultiFields.GetLiveDocs(reader);
        var ids = MultiDocValues.GetBinaryValues(reader, SearchFields.Id);
        var digests = MultiDocValues.GetBinaryValues(reader, SearchFields.Fingerprint);
        var fingerprints = new Dictionary<string, string>(reader.NumDocs, StringComparer.Ordinal);
        if (ids is null || digests is null)
        {
            return reader.NumDocs == 0 ? fingerprints : null;
        }

        var value = new BytesRef();
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            if (liveDocs is null || liveDocs.Get(doc))
            {
                ids.Get(doc, value);
                var id = value.Utf8ToString();
                digests.Get(doc, value);
                fingerprints[id] = value.Utf8ToString();
            }
        }

        return fingerprints;
    }

    // Staging folders of builds before indexes were updated in place, or of killed ones: remove those whose process
    // is gone (`archive search` may be running beside a build).
    private static void RemoveStaleStaging(string target)
    {
        var cache = System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        foreach (var stale in System.IO.Directory.EnumerateDirectories(cache.FullName, Path.GetFileName(target) + ".staging-*"))
        {
            var owner = stale[(stale.LastIndexOf('-') + 1)..];
            if (!IsRunning(owner))
            {
                System.IO.Directory.Delete(stale, recursive: true);
            }
        }
    }

    private static bool IsRunning(string processId)
    {
        if (!int.TryParse(processId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(id);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    internal static Document DocumentOf(IndexedSource source, SearchableText text)
    {
        var (report, bureau) = (source.Report, source.Bureau);
        var document = new Document
        {
            new StringField(SearchFields.Id, report.Id, Field.Store.YES),
            new BinaryDocValuesField(SearchFields.Id, new BytesRef(report.Id)),
            new BinaryDocValuesField(SearchFields.Fingerprint, new BytesRef(source.Fingerprint)),
            new StoredField(SearchFields.Title, report.Title),
            new StringField(SearchFields.Bureau, bureau.Id, Field.Store.YES),
            new StoredField(SearchFields.BureauName, bureau.Name),
            new StringField(SearchFields.Year, report.Year.ToString(CultureInfo.InvariantCulture), Field.Store.YES),
            new StoredField(SearchFields.Published, report.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ""),
            new StoredField(SearchFields.Length, text.Normalized.Length),
            new Field(SearchFields.Exact, text.Joined, ExactType),
            new Field(SearchFields.Words, text.Joined, WordsType),
        };
        foreach (var division in ReportOrder.RegionOf(bureau).Divisions)
        {
            document.Add(new StringField(SearchFields.Region, division.Code, Field.Store.YES));
        }

        foreach (var block in text.Blocks)
        {
            document.Add(new StoredField(SearchFields.Anchors, block.Anchor));
            document.Add(new StoredField(SearchFields.Blocks, block.Text));
        }

        return document;
    }

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }
}
