// The gram count of the search export (GramIndex.Build) on its own, over the normalized texts of an input folder's
// reports: its time, what it allocated, the process's peak, with --hash a digest of every key's text, level,
// document frequency, postings and positions, to show that a faster count makes the same index, and with --levels
// the keys and postings entries of each level.
//
//   dotnet run --project bench/GramCount -c Release -- --input <input> [--min-df N] [--parts N] [--hash] [--levels]
//
// The texts are read and normalized once into <input>/../gram-count-texts.bin (delete it after the input changes).
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Archive.Corpus;
using Archive.Search.Contract;
using Archive.Search.StaticIndex;

var input = Option("--input") ?? throw new ArgumentException("usage: --input <input> [--min-df N] [--parts N] [--hash] [--levels]");
var cacheFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(input))!, "gram-count-texts.bin");
if (!File.Exists(cacheFile))
{
    var corpus = new CorpusReader().ReadValid(input);
    using var writer = new BinaryWriter(File.Create(cacheFile));
    writer.Write(corpus.Reports.Count);
    foreach (var report in corpus.Reports)
    {
        var points = SearchableText.Of(report).Normalized.Text.EnumerateRunes().Select(r => r.Value).ToArray();
        writer.Write(points.Length);
        foreach (var point in points)
        {
            writer.Write(point);
        }
    }
}

using var docs = new SpillFile();
int docCount;
long codePoints = 0;
using (var reader = new BinaryReader(File.OpenRead(cacheFile)))
{
    docCount = reader.ReadInt32();
    for (var doc = 0; doc < docCount; doc++)
    {
        var points = new int[reader.ReadInt32()];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = reader.ReadInt32();
        }

        codePoints += points.Length;
        docs.Append(doc, points.AsSpan());
    }
}

var minDf = Option("--min-df") is { } given ? int.Parse(given) : GramIndex.MinDocFrequency(docCount);
var parts = Option("--parts") is { } p ? int.Parse(p) : 0;
Console.WriteLine($"{docCount} docs, {codePoints:N0} code points, minDf {minDf}");
GC.Collect();
var allocated = GC.GetTotalAllocatedBytes();
var clock = Stopwatch.StartNew();
using var postings = new GramPostings();
var grams = GramIndex.Build(docs, docCount, minDf, postings, parts);
clock.Stop();
Console.WriteLine($"count: {clock.Elapsed.TotalSeconds:F2} s, {grams.Count:N0} keys, {(GC.GetTotalAllocatedBytes() - allocated) / 1e9:F2} GB allocated, peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB");
if (args.Contains("--levels"))
{
    // Per level: how many keys, how many (key, document) entries their postings hold (the sum of their document
    // frequencies), and how many of those keys are frequent (document frequency ≥ minDf): what a counting pass
    // finds and writes at that level.
    var levels = new (int Keys, long Entries, int Frequent)[GramIndex.MaxGram + 1];
    for (var gram = 0; gram < grams.Count; gram++)
    {
        ref var level = ref levels[grams.LevelOf(gram)];
        level.Keys++;
        level.Entries += grams.DocumentFrequency(gram);
        level.Frequent += grams.DocumentFrequency(gram) >= minDf ? 1 : 0;
    }

    for (var n = 1; n <= GramIndex.MaxGram; n++)
    {
        Console.WriteLine($"level {n}: {levels[n].Keys:N0} keys ({levels[n].Frequent:N0} frequent), {levels[n].Entries:N0} entries");
    }
}

if (args.Contains("--hash"))
{
    using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    for (var gram = 0; gram < grams.Count; gram++)
    {
        hash.AppendData(Encoding.UTF8.GetBytes($"{grams.TextOf(gram)}|{grams.LevelOf(gram)}|{grams.DocumentFrequency(gram)}|"));
        hash.AppendData(postings.Postings(gram));
        hash.AppendData(postings.Positions(gram) ?? []);
    }

    Console.WriteLine($"index digest: {Convert.ToHexStringLower(hash.GetHashAndReset())}");
}

string? Option(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
