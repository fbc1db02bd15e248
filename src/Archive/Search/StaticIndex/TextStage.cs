using Archive.Corpus;
using Archive.Search.Contract;

namespace Archive.Search.StaticIndex;

/// <summary>
/// The text part of an export: each report's normalized code points go to the spill file the gram index is built
/// from, its chunks to the text packs (FORMAT.md §4.4), numbered on from the chunks before, and its entry to the doc
/// table. Reports come in doc order, a batch at a time, so that only a batch of texts is in memory at once (at
/// 50,000 reports the chunks' text is ~1.7 GB as strings). <see cref="Finish"/> writes the last pack.
/// </summary>
internal sealed class TextStage(SpillFile texts, DocEntry?[] docs, Func<Report, Bureau> bureauOf, int packBytes, Action<string, byte[]> write, int firstChunk, int firstPack)
{
    private readonly PlainPacks _packs = new(SearchIndexExporter.Folder + SearchIndexExporter.TextFolder, firstPack, packBytes, write);

    /// <summary>The number after the last chunk so far.</summary>
    public int ChunkCount { get; private set; } = firstChunk;

    /// <summary>Adds <paramref name="reports"/>, the docs <paramref name="docNumbers"/> in doc order, with their texts.</summary>
    public void Add(IReadOnlyList<int> docNumbers, IReadOnlyList<Report> reports, Func<Report, SearchableText> textOf)
    {
        var count = reports.Count;
        var packs = new TextPack[count];
        var points = new int[count][];
        Parallel.For(0, count, i =>
        {
            var text = textOf(reports[i]);
            points[i] = CodePoints(text.Normalized);
            packs[i] = TextPack.Of(Chunker.Split(docNumbers[i], text, SearchIndexExporter.Overlap));
        });

        for (var i = 0; i < count; i++)
        {
            var doc = docNumbers[i];
            texts.Append(doc, points[i].AsSpan());
            var at = _packs.Add(packs[i].Bytes);
            docs[doc] = new DocEntry(reports[i], bureauOf(reports[i]), LengthCode.Of(points[i].Length), ChunkCount, at.Pack, at.Offset, packs[i].ChunkBytes);
            ChunkCount += packs[i].ChunkBytes.Length;
        }
    }

    /// <summary>Writes the last text pack; returns the number after it.</summary>
    public int Finish()
    {
        _packs.Finish();
        return _packs.NextPack;
    }

    private static int[] CodePoints(NormalizedText normalized)
    {
        var text = normalized.Text;
        var points = new int[normalized.Length];
        for (int i = 0, at = 0; i < text.Length; i++)
        {
            points[at++] = char.IsHighSurrogate(text[i]) ? char.ConvertToUtf32(text[i], text[++i]) : text[i];
        }

        return points;
    }
}
