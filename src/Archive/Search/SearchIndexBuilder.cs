using System.Globalization;
using Archive.Corpus;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Archive.Search;

/// <summary>
/// Builds the Lucene index `archive search` answers from: one document per report, in <see cref="ReportOrder"/>,
/// with the exact field (decides matches) and the stored metadata and blocks.
/// </summary>
public sealed class SearchIndexBuilder
{
    public const string FolderName = "lucene";
    public const string FingerprintFile = "input.sha256";
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private static readonly FieldType ExactType = Frozen(new FieldType
    {
        IsIndexed = true,
        IsTokenized = true,
        OmitNorms = true,
        IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS,
    });

    public static string IndexFolder(string cacheFolder) => Path.Combine(cacheFolder, FolderName);

    /// <summary>True when the index in <paramref name="cacheFolder"/> exists and was built from input/ as it is now.</summary>
    public static bool IsCurrent(string cacheFolder, string inputDirectory)
    {
        var stamp = Path.Combine(IndexFolder(cacheFolder), FingerprintFile);
        return File.Exists(stamp) && File.ReadAllText(stamp) == InputFingerprint.Of(inputDirectory);
    }

    /// <summary>Writes the index beside the old one and swaps it in, so a failed build leaves the old index usable.</summary>
    public void Build(Corpus.Corpus corpus, string cacheFolder)
    {
        var fingerprint = InputFingerprint.Of(corpus.InputDirectory);
        var target = Path.GetFullPath(IndexFolder(cacheFolder));
        var staging = target + $".staging-{Environment.ProcessId}";

        // Staging folders of killed builds are half-written: remove those whose process is gone (`archive search`
        // may be building its own beside a running build).
        var cache = System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        foreach (var stale in System.IO.Directory.EnumerateDirectories(cache.FullName, Path.GetFileName(target) + ".staging-*"))
        {
            var owner = stale[(stale.LastIndexOf('-') + 1)..];
            if (owner == Environment.ProcessId.ToString(CultureInfo.InvariantCulture) || !IsRunning(owner))
            {
                System.IO.Directory.Delete(stale, recursive: true);
            }
        }

        // Analysis is the cost: IndexWriter takes documents from several threads at once, and a large buffer keeps
        // the number of segments (and merges) small. Document ids are not relied on to follow report order.
        using (var directory = FSDirectory.Open(staging))
        using (var analyzer = new SearchAnalyzer())
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(Version, analyzer) { OpenMode = OpenMode.CREATE, RAMBufferSizeMB = 256 }))
        {
            Parallel.ForEach(ReportOrder.Sort(corpus), report => writer.AddDocument(DocumentOf(report, corpus.BureauOf(report))));
            writer.Commit();
        }

        File.WriteAllText(Path.Combine(staging, FingerprintFile), fingerprint);
        if (System.IO.Directory.Exists(target))
        {
            System.IO.Directory.Delete(target, recursive: true);
        }

        System.IO.Directory.Move(staging, target);
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

    private static Document DocumentOf(Report report, Bureau bureau)
    {
        var text = SearchableText.Of(report);
        var joined = text.Joined;
        var document = new Document
        {
            new StringField(SearchFields.Id, report.Id, Field.Store.YES),
            new StoredField(SearchFields.Title, report.Title),
            new StringField(SearchFields.Bureau, bureau.Id, Field.Store.YES),
            new StoredField(SearchFields.BureauName, bureau.Name),
            new StringField(SearchFields.Year, report.Year.ToString(CultureInfo.InvariantCulture), Field.Store.YES),
            new StoredField(SearchFields.Published, report.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ""),
            new StoredField(SearchFields.Length, text.Normalized.Length),
            new Field(SearchFields.Exact, joined, ExactType),
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
