using Lucene.Net.Index;
using Lucene.Net.Store;
using Archive.Corpus;
using Archive.Search.Contract;

namespace Archive.Search.Lucene;

/// <summary>
/// An update of the Lucene index in progress (<see cref="SearchIndexBuilder.Begin"/>): removed reports and the old
/// documents of changed ones are deleted already; the texts of <see cref="Changed"/> are added, from any thread; then
/// <see cref="Commit"/> makes it all visible at once. Lucene commits atomically, so an update that fails or is killed
/// leaves the previous commit, and the index, usable.
/// </summary>
public sealed class LuceneUpdate : IDisposable
{
    private readonly FSDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly Dictionary<Report, IndexedSource> _changed;
    private readonly int _removed;
    private readonly int _unchanged;
    private readonly string _fingerprintFile;
    private readonly string _fingerprint;
    private bool _committed;

    internal LuceneUpdate(FSDirectory directory, IndexWriter writer, List<IndexedSource> changed, int removed, int unchanged, string fingerprintFile, string fingerprint)
    {
        (_directory, _writer, _removed, _unchanged, _fingerprintFile, _fingerprint) = (directory, writer, removed, unchanged, fingerprintFile, fingerprint);
        _changed = new Dictionary<Report, IndexedSource>(ReferenceEqualityComparer.Instance);
        foreach (var source in changed)
        {
            _changed[source.Report] = source;
        }

        Changed = [.. changed.Select(c => c.Report)];
    }

    /// <summary>The reports whose documents are to be added: new, or changed since they were indexed (in report order).</summary>
    public IReadOnlyList<Report> Changed { get; }

    /// <summary>Adds a changed report's document, its text read already.</summary>
    public void Add(Report report, SearchableText text) =>
        // IndexWriter takes documents from several threads at once, and a large buffer keeps the number of segments
        // (and merges) small. Document ids are not relied on to follow report order.
        _writer.AddDocument(SearchIndexBuilder.DocumentOf(_changed[report], text));

    public IndexUpdate Commit()
    {
        _writer.SetCommitData(new Dictionary<string, string> { [SearchIndexBuilder.SchemaKey] = SearchIndexBuilder.Schema });
        _writer.Commit();
        _committed = true;
        File.WriteAllText(_fingerprintFile, _fingerprint);
        return new IndexUpdate(_changed.Count, _removed, _unchanged);
    }

    public void Dispose()
    {
        // Closing a writer commits what it holds: an update given up on (a build that failed) is rolled back instead,
        // so the index stays as its last commit left it.
        if (_committed)
        {
            _writer.Dispose();
        }
        else
        {
            _writer.Rollback();
        }

        _directory.Dispose();
    }
}
