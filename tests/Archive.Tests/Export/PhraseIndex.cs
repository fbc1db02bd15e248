using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Archive.Tests.Export;

/// <summary>
/// Report bodies in an in-memory Lucene index analysed as a cluster would analyse the body field, answering
/// match_phrase queries the way the cluster builds them: the query's tokens at the positions its analyzer gives.
/// </summary>
internal sealed class PhraseIndex : IDisposable
{
    private const string Body = "body";
    private const string Id = "id";

    private readonly Analyzer _search;
    private readonly RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;

    public PhraseIndex(Analyzer index, Analyzer search, IReadOnlyDictionary<string, string> bodies)
    {
        _search = search;
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, index)))
        {
            foreach (var (id, body) in bodies)
            {
                writer.AddDocument(new Document { new StringField(Id, id, Field.Store.YES), new TextField(Body, body, Field.Store.NO) });
            }
        }

        _reader = DirectoryReader.Open(_directory);
    }

    /// <summary>The ids of the reports the phrase matches, in ordinal order.</summary>
    public IReadOnlyList<string> Phrase(string text)
    {
        var query = new PhraseQuery();
        using (var stream = _search.GetTokenStream(Body, text))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var increment = stream.AddAttribute<IPositionIncrementAttribute>();
            stream.Reset();
            var position = -1;
            while (stream.IncrementToken())
            {
                position += increment.PositionIncrement;
                query.Add(new Term(Body, term.ToString()), position);
            }

            stream.End();
        }

        var searcher = new IndexSearcher(_reader);
        return searcher.Search(query, Math.Max(1, _reader.MaxDoc)).ScoreDocs
            .Select(hit => searcher.Doc(hit.Doc).Get(Id))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }
}
