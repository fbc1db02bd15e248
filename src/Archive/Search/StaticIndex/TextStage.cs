using Archive.Corpus;
using Archive.Search.Contract;

namespace Archive.Search.StaticIndex;

/// <summary>
/// The text part of an export: each report's normalized code points go to the spill file the gram index is built
/// from, its chunks to its text file (FORMAT.md §4.4), numbered on from the chunks before, and its entry to the doc
/// table. Reports come in doc order, a batch at a time, so that only a batch of texts is in memory at once (at
/// 50,000 reports the chunks' text is ~1.7 GB as strings).
/// </summary>
internal sealed class TextStage(SpillFile texts, DocEntry?[] docs, Func<Report, Bureau> bureauOf, Action<string, byte[]> write, int firstChunk)
{
    /// <summary>The number after the last chunk so far.</summary>
    public int ChunkCount { get; private set; } = firstChunk;

    /// <summary>Adds <paramref name="reports"/>, the docs <paramref name="docNumbers"/> in doc order, with their texts.</summary>
    public void Add(IReadOnlyList<int> docNumbers, IReadOnlyList<Report> reports, Func<Report, SearchableText> textOf)
    {
        var prepared = new PreparedText[reports.Count];
        Parallel.For(0, reports.Count, i => prepared[i] = Prepare(docNumbers[i], textOf(reports[i])));
        Append(docNumbers, reports, prepared);
    }

    /// <summary>What a doc's text becomes (its code points and its text file), made on any thread.</summary>
    public static PreparedText Prepare(int doc, SearchableText text) =>
        new(CodePoints(text.Normalized.Text), TextPack.Of(Chunker.Split(doc, text.Blocks, SearchIndexExporter.Overlap)));

    /// <summary>Adds docs whose texts were prepared, in doc order.</summary>
    public void Append(IReadOnlyList<int> docNumbers, IReadOnlyList<Report> reports, PreparedText[] prepared)
    {
        var count = reports.Count;
        var first = new int[count];
        for (var i = 0; i < count; i++)
        {
            var doc = docNumbers[i];
            texts.Append(doc, prepared[i].Points.AsSpan());
            first[i] = ChunkCount;
            docs[doc] = new DocEntry(reports[i], bureauOf(reports[i]), LengthCode.Of(prepared[i].Points.Length), ChunkCount, prepared[i].Pack.ChunkBytes);
            ChunkCount += prepared[i].Pack.ChunkBytes.Length;
        }

        Parallel.For(0, count, k => write(SearchIndexExporter.TextPath(first[k]), prepared[k].Pack.Bytes));
    }

    private static int[] CodePoints(string text)
    {
        var points = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            points.Add(char.IsHighSurrogate(text[i]) ? char.ConvertToUtf32(text[i], text[++i]) : text[i]);
        }

        return [.. points];
    }
}

/// <summary>A doc's text as the export keeps it: its normalized code points and its text file.</summary>
public sealed record PreparedText(int[] Points, TextPack Pack);
