// v2stats: measures index statistics for the search format v2 decision (issue #4).
// usage: dotnet tool.dll <corpusDir> <outDir> <queriesFile> [--ngrams]
// Normalization = FORMAT.md §1 via Archive.Search.TextNormalizer (Fold + IsKept), searchable text = title + body lines.
using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Archive.Search;
using Archive.Search.Contract;
using Archive.Search.Lucene;

var corpus = args[0];
var outDir = args[1];
var queriesFile = args[2];
var doNgrams = args.Contains("--ngrams");
Directory.CreateDirectory(outDir);
var log = new StreamWriter(Path.Combine(outDir, "log.txt")) { AutoFlush = true };
void Log(string s) { Console.WriteLine(s); log.WriteLine(s); }
var clock = Stopwatch.StartNew();

// ---------------- load ----------------
var files = Directory.GetFiles(Path.Combine(corpus, "input", "reports"), "*.md");
Array.Sort(files, StringComparer.Ordinal);
int N = files.Length;
var docs = new Doc[N];
Parallel.For(0, N, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => docs[i] = Doc.Parse(files[i]));
long total = docs.Sum(d => (long)d.Cps.Length);
Log($"loaded {N} docs, {total:N0} normalized code points, {docs.Sum(d => (long)d.Utf8):N0} UTF-8 bytes of searchable text, in {clock.Elapsed.TotalSeconds:F1} s");

var cpToId = new int[0x110000];
var idToCp = new List<int> { 0 };
var ids = new ushort[total];
var docStart = new int[N + 1];
{
    int p = 0;
    for (int d = 0; d < N; d++)
    {
        docStart[d] = p;
        foreach (var cp in docs[d].Cps)
        {
            var id = cpToId[cp];
            if (id == 0) { id = idToCp.Count; idToCp.Add(cp); cpToId[cp] = id; }
            ids[p++] = (ushort)id;
        }
    }
    docStart[N] = p;
}
int K = idToCp.Count;
Log($"distinct code points: {K - 1}");
if (K > 16000) throw new Exception("too many distinct code points for the direct key array");

// v1-style chunks (FORMAT.md §4): blocks added until the chunk reaches >= 1000 normalized code points.
var chunkStart = new List<int>(); var chunkDoc = new List<int>(); var chunkU16 = new List<int>(); var chunkU8 = new List<int>();
var docFirstChunk = new int[N + 1];
for (int d = 0; d < N; d++)
{
    docFirstChunk[d] = chunkStart.Count;
    var doc = docs[d];
    int s = 0, u16 = 0, u8 = 0;
    for (int b = 0; b < doc.BlockEnd.Length; b++)
    {
        u16 += doc.BlockU16[b] + 1; u8 += doc.BlockU8[b] + 1;
        bool lastB = b == doc.BlockEnd.Length - 1;
        if (doc.BlockEnd[b] - s >= 1000 || lastB)
        {
            if (doc.BlockEnd[b] > s || chunkStart.Count == docFirstChunk[d])
            {
                chunkStart.Add(docStart[d] + s); chunkDoc.Add(d);
                // tail: ~63 kept code points of the following text (UTF-16 ~ code points * 1.1, UTF-8 ~ 3.1 bytes each)
                chunkU16.Add(u16 + (lastB ? 0 : 70)); chunkU8.Add(u8 + (lastB ? 0 : 195) + 12 * 3);
            }
            s = doc.BlockEnd[b]; u16 = 0; u8 = 0;
        }
    }
}
docFirstChunk[N] = chunkStart.Count;
int C = chunkStart.Count;
chunkStart.Add(docStart[N]);
// packs: whole chunks until >= 4096 UTF-16 units
var chunkPack = new int[C]; var packU8 = new List<long>();
{
    int acc = 0; long u8 = 0;
    for (int c = 0; c < C; c++)
    {
        chunkPack[c] = packU8.Count; acc += chunkU16[c]; u8 += chunkU8[c];
        if (acc >= 4096 || c == C - 1) { packU8.Add(u8); acc = 0; u8 = 0; }
    }
}
Log($"chunks {C}, packs {packU8.Count}");

// ---------------- doc-level postings for all unigrams and bigrams ----------------
long keySpace = K + (long)K * K;
int Key1(int a) => a;
int Key2(int a, int b) => K + a * K + b;
var sw = Stopwatch.StartNew();
var df = new int[keySpace]; var last = new int[keySpace]; var tfs = new long[keySpace];
for (int d = 0; d < N; d++)
{
    int s = docStart[d], e = docStart[d + 1], tag = d + 1;
    for (int p = s; p < e; p++)
    {
        int a = ids[p];
        int k = a; if (last[k] != tag) { last[k] = tag; df[k]++; } tfs[k]++;
        if (p + 1 < e) { k = K + a * K + ids[p + 1]; if (last[k] != tag) { last[k] = tag; df[k]++; } tfs[k]++; }
    }
}
var dense = new int[keySpace]; Array.Fill(dense, -1);
var keyList = new List<int>();
for (int k = 0; k < keySpace; k++) if (df[k] > 0) { dense[k] = keyList.Count; keyList.Add(k); }
int D = keyList.Count;
var offs = new long[D + 1];
for (int i = 0; i < D; i++) offs[i + 1] = offs[i] + df[keyList[i]];
long P = offs[D];
var postDoc = new int[P]; var postTf = new ushort[P];
var cursor = new long[D]; Array.Copy(offs, cursor, D);
var lastPos = new int[D]; var posBytes = new long[D];
Array.Clear(last);
for (int d = 0; d < N; d++)
{
    int s = docStart[d], e = docStart[d + 1], tag = d + 1;
    for (int p = s; p < e; p++)
    {
        int a = ids[p];
        Touch(dense[a], p - s);
        if (p + 1 < e) Touch(dense[K + a * K + ids[p + 1]], p - s);
    }
    void Touch(int k, int pos)
    {
        if (last[keyList[k]] != tag)
        {
            last[keyList[k]] = tag; var c = cursor[k]++; postDoc[c] = d; postTf[c] = 1; posBytes[k] += V(pos); lastPos[k] = pos;
        }
        else { postTf[cursor[k] - 1]++; posBytes[k] += V(pos - lastPos[k]); lastPos[k] = pos; }
    }
}
last = null; GC.Collect();
Log($"postings: {D:N0} keys ({keyList.Count(k => k < K):N0} unigrams), {P:N0} (key, doc) pairs, built in {sw.Elapsed.TotalSeconds:F1} s (2 passes, 1 thread)");

int DfKey(int k) => k >= 0 && k < keySpace && dense[k] >= 0 ? df[k] : 0;
Span<int> DocsOf(int dk) => postDoc.AsSpan((int)offs[dk], (int)(offs[dk + 1] - offs[dk]));
Span<ushort> TfsOf(int dk) => postTf.AsSpan((int)offs[dk], (int)(offs[dk + 1] - offs[dk]));

// ---------------- 2b: postings sizes over all keys ----------------
var rng = new Random(7);
var bins = new[] { 1, 2, 4, 16, 64, 256, 1024, 4096, 16384, int.MaxValue };
int BinOf(int x) { for (int i = 0; i < bins.Length - 1; i++) if (x < bins[i + 1]) return i; return bins.Length - 2; }
var sumVarint = new long[2]; var sumBest = new long[2]; var sumTfBytes = new long[2]; var cnt = new long[2]; var sumDf = new long[2]; var sumTf = new long[2];
var binRaw = new long[2, bins.Length]; var binKeys = new long[2, bins.Length]; var binDf = new long[2, bins.Length];
var sampleKeys = new List<int>[2, bins.Length];
for (int t = 0; t < 2; t++) for (int b = 0; b < bins.Length; b++) sampleKeys[t, b] = new();
long posTotal = 0, posBytesTotal = 0; int bigramsOverEighth = 0, bigramsOverHalf = 0, bigramsDf1 = 0;
for (int i = 0; i < D; i++)
{
    int t = keyList[i] < K ? 0 : 1;
    var (dv, bitsetOrVar, tfb) = EncodedSizes(i);
    cnt[t]++; sumVarint[t] += dv + tfb; sumBest[t] += bitsetOrVar + tfb; sumTfBytes[t] += tfb; sumDf[t] += df[keyList[i]]; sumTf[t] += tfs[keyList[i]];
    int bin = BinOf(df[keyList[i]]); binRaw[t, bin] += bitsetOrVar + tfb; binKeys[t, bin]++; binDf[t, bin] += df[keyList[i]];
    if (t == 1) { posTotal += tfs[keyList[i]]; posBytesTotal += posBytes[i]; if (df[keyList[i]] > N / 8) bigramsOverEighth++; if (df[keyList[i]] > N / 2) bigramsOverHalf++; if (df[keyList[i]] == 1) bigramsDf1++; }
}
// reservoir-ish sample: up to 150 keys per (type, bin)
{
    var order = Enumerable.Range(0, D).OrderBy(_ => rng.Next()).ToArray();
    foreach (var i in order) { int t = keyList[i] < K ? 0 : 1; int bin = BinOf(df[keyList[i]]); if (sampleKeys[t, bin].Count < 150) sampleKeys[t, bin].Add(i); }
}
var binRatio = new double[2, bins.Length];
double brotliTotal = 0; var brotliByType = new double[2];
var sbB = new StringBuilder();
sbB.AppendLine("| keys | df range | keys | sum df | raw bytes (best of bitset/varint docs + varint tf) | brotli ratio (sample, each key alone) | est. brotli bytes |");
sbB.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
for (int t = 0; t < 2; t++)
    for (int b = 0; b < bins.Length - 1; b++)
    {
        if (binKeys[t, b] == 0) continue;
        long raw = 0, comp = 0;
        foreach (var i in sampleKeys[t, b]) { var bytes = EncodePostings(DocsOf(i), TfsOf(i)); raw += bytes.Length; comp += Brotli(bytes); }
        binRatio[t, b] = (double)comp / raw;
        double est = binRaw[t, b] * binRatio[t, b]; brotliTotal += est; brotliByType[t] += est;
        sbB.AppendLine($"| {(t == 0 ? "unigram" : "bigram")} | {bins[b]}–{(bins[b + 1] == int.MaxValue ? "∞" : (bins[b + 1] - 1).ToString())} | {binKeys[t, b]:N0} | {binDf[t, b]:N0} | {binRaw[t, b]:N0} | {binRatio[t, b]:F3} | {est:N0} |");
    }
var sb = new StringBuilder();
sb.AppendLine($"## Corpus N = {N:N0}\n");
sb.AppendLine($"- normalized code points: {total:N0} (mean {total / (double)N:F0} per report); distinct code points {K - 1:N0}; v1 chunks {C:N0}, packs {packU8.Count:N0}");
sb.AppendLine($"- unigram keys {cnt[0]:N0}, bigram keys {cnt[1]:N0}; bigrams with df > N/8: {bigramsOverEighth:N0}, df > N/2: {bigramsOverHalf:N0}, df = 1: {bigramsDf1:N0}");
sb.AppendLine($"- (key, doc) postings: unigram {sumDf[0]:N0}, bigram {sumDf[1]:N0}; positions (sum tf): unigram {sumTf[0]:N0}, bigram {sumTf[1]:N0}");
sb.AppendLine($"- doc postings, delta-varint docs + varint tf: unigram {sumVarint[0]:N0} B, bigram {sumVarint[1]:N0} B; with bitset when df > N/8: unigram {sumBest[0]:N0} B, bigram {sumBest[1]:N0} B (of which tf varints {sumTfBytes[0] + sumTfBytes[1]:N0} B)");
sb.AppendLine($"- doc postings, brotli (per-bin ratio from a sample of ≤150 keys per bin, each key compressed alone): unigram ≈ {brotliByType[0]:N0} B, bigram ≈ {brotliByType[1]:N0} B, total ≈ {brotliTotal:N0} B");
sb.AppendLine($"- bigram positions (delta varints per key per doc, all bigrams): {posTotal:N0} positions, {posBytesTotal:N0} B raw");
sb.AppendLine($"- postings build in this tool: {sw.Elapsed.TotalSeconds:F1} s, one thread (2 passes over {total:N0} code points, unigram + bigram)");
sb.AppendLine();
sb.AppendLine(sbB.ToString());

// df distribution of bigrams
{
    var thr = new double[] { 1.0 / 128, 1.0 / 32, 1.0 / 8, 1.0 / 2 };
    sb.AppendLine("| bigram df ≥ | bigrams | sum df | share of all bigram (key, doc) pairs |"); sb.AppendLine("| --- | --- | --- | --- |");
    foreach (var f in thr)
    {
        long c = 0, s = 0; foreach (var k in keyList) if (k >= K && df[k] >= f * N) { c++; s += df[k]; }
        sb.AppendLine($"| N·{f:G3} = {f * N:F0} | {c:N0} | {s:N0} | {(double)s / sumDf[1]:P1} |");
    }
    sb.AppendLine();
}

// per-doc table: dl quantized (1 byte, log scale), titles
{
    var q = new byte[N]; for (int d = 0; d < N; d++) q[d] = (byte)Math.Min(255, Math.Round(Math.Log(docStart[d + 1] - docStart[d] + 1) / Math.Log(1.02) - 300));
    var q4 = new byte[(N + 1) / 2]; for (int d = 0; d < N; d++) { int v = Math.Min(15, (docStart[d + 1] - docStart[d]) / 1600); q4[d / 2] |= (byte)(d % 2 == 0 ? v : v << 4); }
    var titles = Encoding.UTF8.GetBytes(string.Join("\n", docs.Select(d => d.Title)));
    var idsB = Encoding.UTF8.GetBytes(string.Join("\n", docs.Select(d => d.Id)));
    sb.AppendLine($"- per-doc table: dl as 1 byte (2% log steps) {N:N0} B raw → {Brotli(q):N0} B brotli; 4-bit dl {q4.Length:N0} B → {Brotli(q4):N0} B; titles {titles.Length:N0} B → {Brotli(titles):N0} B brotli; ids {idsB.Length:N0} B → {Brotli(idsB):N0} B");
}
// text chunk sizes: brotli of single chunks and packs (sample)
double packRatio; double chunkBr = 0;
{
    long raw = 0, comp = 0, rawC = 0, compC = 0; int n = 0;
    foreach (var d in Enumerable.Range(0, N).OrderBy(_ => rng.Next()).Take(60))
    {
        var doc = docs[d];
        var text = JsonSerializer.Serialize(doc.Blocks.Select((b, i) => new[] { "p" + i, b }).ToArray(), new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var bytes = Encoding.UTF8.GetBytes(text);
        // ~4 chunks per pack: cut the doc's JSON into ~12 KB pieces
        for (int o = 0; o + 12000 <= bytes.Length; o += 12000) { raw += 12000; comp += Brotli(bytes.AsSpan(o, 12000).ToArray()); }
        for (int o = 0; o + 3000 <= bytes.Length; o += 3000) { rawC += 3000; compC += Brotli(bytes.AsSpan(o, 3000).ToArray()); n++; }
    }
    packRatio = (double)comp / raw; chunkBr = compC / (double)n;
    sb.AppendLine($"- text: brotli ratio of ~12 KB pack-sized pieces {packRatio:F3}, of ~3 KB single-chunk pieces {(double)compC / rawC:F3} (≈ {compC / (double)n:F0} B per 1,000-code-point chunk); mean pack {packU8.Average():F0} B UTF-8");
}
Log($"2b done at {clock.Elapsed.TotalSeconds:F1} s");

// ---------------- queries ----------------
if (!File.Exists(queriesFile))
{
    var qs = new List<(string, string)>();
    foreach (var t in new[] { "民工", "欠薪", "调解率", "云仲裁", "双随机一公开", "谁执法谁普法", "年以来", "法治政府", "行政复议", "拖欠农民工工资" }) qs.Add(("fixed", t));
    var r = new Random(2024);
    var seen = new HashSet<string>(qs.Select(x => x.Item2));
    while (qs.Count < 110)
    {
        int d = r.Next(N); int L = r.Next(2, 7); int len = docStart[d + 1] - docStart[d]; int p = docStart[d] + r.Next(len - L + 1);
        var s = Str(ids.AsSpan(p, L)); if (seen.Add(s)) qs.Add(("random", s));
    }
    // dictionary words: ICU word break over 300 random reports; 2-4 Han code points; top 1000 by df; pick 30
    var wdf = new Dictionary<string, int>();
    foreach (var d in Enumerable.Range(0, N).OrderBy(_ => r.Next()).Take(300))
    {
        var set = new HashSet<string>();
        foreach (var blk in docs[d].Blocks)
        {
            var bs = WordSegmenter.Boundaries(blk);
            for (int i = 0; i + 1 < bs.Count; i++)
            {
                var w = blk.Substring(bs[i], bs[i + 1] - bs[i]);
                var cps = Doc.Normalize(w);
                if (cps.Count is >= 2 and <= 4 && cps.All(c => c >= 0x4E00 && c <= 0x9FFF)) set.Add(w);
            }
        }
        foreach (var w in set) wdf[w] = wdf.GetValueOrDefault(w) + 1;
    }
    var top = wdf.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(1000).Select(kv => kv.Key).ToList();
    foreach (var w in top.OrderBy(_ => r.Next())) { if (qs.Count >= 140) break; if (seen.Add(w)) qs.Add(("dict", w)); }
    File.WriteAllLines(queriesFile, qs.Select(x => x.Item1 + "\t" + x.Item2));
}
var queries = File.ReadAllLines(queriesFile).Select(l => l.Split('\t')).Select(a => (Kind: a[0], Text: a[1])).ToList();

string Str(ReadOnlySpan<ushort> g) { var s = new StringBuilder(); foreach (var x in g) s.Append(char.ConvertFromUtf32(idToCp[x])); return s.ToString(); }
ushort[] Ids(string s) { var cps = Doc.Normalize(s); var r = new ushort[cps.Count]; for (int i = 0; i < r.Length; i++) { var id = cps[i] < cpToId.Length ? cpToId[cps[i]] : 0; r[i] = (ushort)id; } return r; }

int[] Intersect(IEnumerable<int[]> lists)
{
    var arr = lists.OrderBy(l => l.Length).ToList();
    if (arr.Count == 0) return Array.Empty<int>();
    var cur = arr[0];
    for (int i = 1; i < arr.Count && cur.Length > 0; i++)
    {
        var o = arr[i]; var res = new List<int>(cur.Length); int a = 0, b = 0;
        while (a < cur.Length && b < o.Length) { if (cur[a] == o[b]) { res.Add(cur[a]); a++; b++; } else if (cur[a] < o[b]) a++; else b++; }
        cur = res.ToArray();
    }
    return cur;
}
int[] KeyDocs(ushort[] g)
{
    if (g.Any(x => x == 0)) return Array.Empty<int>();
    if (g.Length == 1) { var k = Key1(g[0]); return dense[k] < 0 ? Array.Empty<int>() : DocsOf(dense[k]).ToArray(); }
    var lists = new List<int[]>();
    for (int i = 0; i + 1 < g.Length; i++) { var k = Key2(g[i], g[i + 1]); if (dense[k] < 0) return Array.Empty<int>(); lists.Add(DocsOf(dense[k]).ToArray()); }
    return Intersect(lists);
}
int CountIn(ReadOnlySpan<ushort> text, ReadOnlySpan<ushort> g, List<int> positions = null)
{
    int c = 0, at = 0;
    while (true)
    {
        int i = text.Slice(at).IndexOf(g); if (i < 0) break;
        positions?.Add(at + i); c++; at += i + 1;
    }
    return c;
}
var occCache = new Dictionary<string, (int[] Docs, int[] Tfs, int Cands)>();
(int[] Docs, int[] Tfs, int Cands) Occ(ushort[] g)
{
    var key = string.Join(",", g);
    if (occCache.TryGetValue(key, out var v)) return v;
    var cands = KeyDocs(g);
    var ds = new List<int>(); var ts = new List<int>();
    if (g.Length <= 2) { foreach (var d in cands) { ds.Add(d); } }
    if (g.Length <= 2 && cands.Length > 0)
    {
        int dk = g.Length == 1 ? dense[Key1(g[0])] : dense[Key2(g[0], g[1])];
        v = (DocsOf(dk).ToArray(), TfsOf(dk).ToArray().Select(x => (int)x).ToArray(), cands.Length);
    }
    else
    {
        var lk = new object();
        var results = new int[cands.Length];
        Parallel.For(0, cands.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, j =>
        {
            int d = cands[j];
            results[j] = CountIn(ids.AsSpan(docStart[d], docStart[d + 1] - docStart[d]), g);
        });
        for (int j = 0; j < cands.Length; j++) if (results[j] > 0) { ds.Add(cands[j]); ts.Add(results[j]); }
        v = (ds.ToArray(), ts.ToArray(), cands.Length);
    }
    occCache[key] = v; return v;
}
var brCache = new Dictionary<string, int>();
int PostingsBrotli(ushort[] g)
{
    var key = string.Join(",", g);
    if (brCache.TryGetValue(key, out var v)) return v;
    var o = Occ(g);
    v = o.Docs.Length == 0 ? 0 : Brotli(EncodePostings(o.Docs, o.Tfs.Select(x => (ushort)x).ToArray()));
    brCache[key] = v; return v;
}

// ---------------- 2d: frequent n-grams (apriori) ----------------
var ngramDf = new Dictionary<UInt128, int>[7];
var designNotes = new StringBuilder(); var sbD = new StringBuilder(); var borderStats = new List<string>();
double Tmin = args.Contains("--tmin") ? double.Parse(args[Array.IndexOf(args, "--tmin") + 1]) : 0.005;
var Ts = new[] { 0.005, 0.01, 0.02, 0.05 };
if (doNgrams)
{
    var freq = new bool[total];
    int minDf = (int)Math.Ceiling(Tmin * N);
    for (int d = 0; d < N; d++) for (int p = docStart[d]; p + 1 < docStart[d + 1]; p++) freq[p] = df[Key2(ids[p], ids[p + 1])] >= minDf;
    sbD.AppendLine($"Counted with apriori pruning at the lowest threshold T = 0.5% (df ≥ {minDf}): an n-gram is counted only where its two (n−1)-gram halves are frequent. One thread; times are per length.\n");
    sbD.AppendLine("| n | candidate positions | distinct n-grams counted | time (s, 1 core) | " + string.Join(" | ", Ts.Select(t => $"df ≥ {t:P1} (={Math.Ceiling(t * N)}): n-grams / sum df / sum tf")) + " |");
    sbD.AppendLine("| --- | --- | --- | --- | " + string.Join(" | ", Ts.Select(_ => "---")) + " |");
    for (int n = 3; n <= 6; n++)
    {
        var t0 = Stopwatch.StartNew();
        var map = new Dictionary<UInt128, int>();
        var dfl = new List<int>(); var lastl = new List<int>(); var tfl = new List<long>();
        long candPos = 0;
        for (int d = 0; d < N; d++)
        {
            int s = docStart[d], e = docStart[d + 1];
            for (int p = s; p + n <= e; p++)
            {
                if (!freq[p] || !freq[p + 1]) continue;
                candPos++;
                UInt128 key = 0; for (int i = 0; i < n; i++) key = (key << 16) | ids[p + i];
                ref var idx = ref CollectionsMarshal.GetValueRefOrAddDefault(map, key, out bool exists);
                if (!exists) { idx = dfl.Count; dfl.Add(0); lastl.Add(-1); tfl.Add(0); }
                if (lastl[idx] != d) { lastl[idx] = d; dfl[idx]++; }
                tfl[idx]++;
            }
        }
        // next level's frequent flags
        for (int d = 0; d < N; d++)
        {
            int s = docStart[d], e = docStart[d + 1];
            for (int p = s; p < e; p++)
            {
                bool f = false;
                if (p + n <= e && freq[p] && freq[p + 1])
                {
                    UInt128 key = 0; for (int i = 0; i < n; i++) key = (key << 16) | ids[p + i];
                    f = dfl[map[key]] >= minDf;
                }
                freq[p] = f;
            }
        }
        var secs = t0.Elapsed.TotalSeconds;
        { long bc = 0, bs = 0, bt = 0; foreach (var kv in map) { var x = dfl[kv.Value]; if (x < minDf) { bc++; bs += x; bt += tfl[kv.Value]; } } borderStats.Add($"| {n} | {bc:N0} | {bs:N0} | {bt:N0} |"); }
        var kept = new Dictionary<UInt128, int>();
        foreach (var kv in map) if (dfl[kv.Value] >= minDf) kept[kv.Key] = dfl[kv.Value];
        ngramDf[n] = kept;
        var cells = Ts.Select(t =>
        {
            int m = (int)Math.Ceiling(t * N); long c = 0, s = 0, tf = 0;
            foreach (var kv in map) { var x = dfl[kv.Value]; if (x >= m) { c++; s += x; tf += tfl[kv.Value]; } }
            return $"{c:N0} / {s:N0} / {tf:N0}";
        });
        sbD.AppendLine($"| {n} | {candPos:N0} | {map.Count:N0} | {secs:F1} | " + string.Join(" | ", cells) + " |");
        Log($"n={n}: {map.Count:N0} counted in {secs:F1} s");
        map = null; GC.Collect();
    }
    freq = null; GC.Collect();
    // repetition: fraction of code points covered by a 6-gram with df >= 0.5%
}
int NgramDf(ushort[] g)
{
    if (g.Length <= 2) return g.Length == 1 ? DfKey(Key1(g[0])) : DfKey(Key2(g[0], g[1]));
    if (ngramDf[g.Length] is null) return Occ(g).Docs.Length;
    UInt128 key = 0; foreach (var x in g) key = (key << 16) | x;
    return ngramDf[g.Length].GetValueOrDefault(key); // 0 = below 0.5% (or absent)
}

// ---------------- per-query measurements ----------------
var rows = new List<Dictionary<string, object>>();
int block = 1024; // docs per positions block (for blocked positions)
foreach (var (kind, text) in queries)
{
    var g = Ids(text); int n = g.Length;
    var row = new Dictionary<string, object> { ["kind"] = kind, ["term"] = text, ["n"] = n };
    var bs = WordSegmenter.Boundaries(text);
    row["dictWord"] = bs.Count == 2;
    var occ = Occ(g);
    row["df"] = occ.Docs.Length; row["occ"] = occ.Tfs.Sum(x => (long)x);
    var bigrams = Enumerable.Range(0, Math.Max(0, n - 1)).Select(i => new[] { g[i], g[i + 1] }).ToList();
    row["bigramDf"] = string.Join("/", bigrams.Select(b => DfKey(Key2(b[0], b[1]))));
    var bigramAnd = KeyDocs(g);
    row["bigramAnd"] = n >= 3 ? bigramAnd.Length : occ.Docs.Length;
    row["bigramFP"] = (int)row["bigramAnd"] - occ.Docs.Length;
    if (n >= 4)
    {
        var tri = Intersect(Enumerable.Range(0, n - 2).Select(i => Occ(g[i..(i + 3)]).Docs));
        row["trigramAnd"] = tri.Length; row["trigramFP"] = tri.Length - occ.Docs.Length;
    }
    else { row["trigramAnd"] = occ.Docs.Length; row["trigramFP"] = 0; }
    // bytes of doc postings of the term's keys (unigram or bigrams), each key alone, brotli
    var keyGrams = n == 1 ? new List<ushort[]> { g } : bigrams.DistinctBy(b => b[0] * 65536 + b[1]).ToList();
    row["keysBr"] = keyGrams.Sum(k => PostingsBrotli(k));
    row["exactPostingsBr"] = PostingsBrotli(g);
    // positions of a cover of bigrams (offsets 0,2,4,...,n-2) restricted to bigram-AND candidates; full; blocked
    if (n >= 3 && bigramAnd.Length > 0)
    {
        var cover = new List<int>(); for (int o = 0; o < n - 1; o += 2) cover.Add(o); if (cover[^1] != n - 2) cover.Add(n - 2);
        var candSet = new HashSet<int>(bigramAnd);
        var candBlocks = new HashSet<int>(bigramAnd.Select(d => d / block));
        long rawCand = 0, rawBlocked = 0, rawFull = 0; var stream = new MemoryStream(); var posList = new List<int>();
        foreach (var o in cover)
        {
            var bg = new[] { g[o], g[o + 1] }; int dk = dense[Key2(bg[0], bg[1])];
            rawFull += posBytes[dk] + (offs[dk + 1] - offs[dk]); // + a count per doc
            foreach (var d in DocsOf(dk))
            {
                bool inCand = candSet.Contains(d), inBlock = candBlocks.Contains(d / block);
                if (!inCand && !inBlock) continue;
                posList.Clear(); CountIn(ids.AsSpan(docStart[d], docStart[d + 1] - docStart[d]), bg, posList);
                long bytes = V(posList.Count); int prev = 0; foreach (var x in posList) { bytes += V(x - prev); prev = x; }
                if (inCand) { rawCand += bytes; WriteV(stream, posList.Count); prev = 0; foreach (var x in posList) { WriteV(stream, x - prev); prev = x; } }
                if (inBlock) rawBlocked += bytes;
            }
        }
        var arr = stream.ToArray(); double ratio = arr.Length > 0 ? (double)Brotli(arr) / arr.Length : 1;
        row["posCandRaw"] = rawCand; row["posCandBr"] = (long)(rawCand * ratio); row["posBlockedBr"] = (long)(rawBlocked * ratio); row["posFullBr"] = (long)(rawFull * ratio); row["posRatio"] = Math.Round(ratio, 3);
    }
    // 2e: v1-style chunk candidates (chunk-level bigram AND over extended text, overlap 64)
    {
        var candChunks = new List<int>();
        var candDocs = n >= 2 ? bigramAnd : occ.Docs;
        foreach (var d in candDocs)
        {
            for (int c = docFirstChunk[d]; c < docFirstChunk[d + 1]; c++)
            {
                int s = chunkStart[c], e = Math.Min(docStart[d + 1], chunkStart[c + 1] + 63);
                var span = ids.AsSpan(s, e - s); bool all = true;
                foreach (var b in keyGrams) if (span.IndexOf(b) < 0) { all = false; break; }
                if (all) candChunks.Add(c);
            }
        }
        var packs = candChunks.Select(c => chunkPack[c]).Distinct().ToList();
        row["v1Chunks"] = candChunks.Count; row["v1Packs"] = packs.Count; row["v1TextBr"] = (long)(packs.Sum(p => packU8[p]) * packRatio);
    }
    // frequent-n-gram table: per threshold, is the term in it, and the candidate set after ANDing every sub-n-gram in it
    foreach (var T in new[] { 0.005, 0.01, 0.02 })
    {
        int m = (int)Math.Ceiling(T * N); string tag = $"T{T * 1000:F0}";
        if (n <= 2) { row[tag + "hit"] = true; row[tag + "cand"] = occ.Docs.Length; row[tag + "keysBr"] = PostingsBrotli(g); continue; }
        if (n <= 6 && occ.Docs.Length >= m) { row[tag + "hit"] = true; row[tag + "cand"] = occ.Docs.Length; row[tag + "keysBr"] = PostingsBrotli(g); continue; }
        row[tag + "hit"] = false;
        var lists = new List<int[]> { bigramAnd }; long kb = row["keysBr"] is int ki ? ki : 0;
        for (int L = 3; L <= Math.Min(6, n); L++)
            for (int i = 0; i + L <= n; i++)
            {
                var sub = g[i..(i + L)];
                if (NgramDf(sub) >= m) { lists.Add(Occ(sub).Docs); kb += PostingsBrotli(sub); }
            }
        var cand = Intersect(lists);
        row[tag + "cand"] = cand.Length; row[tag + "keysBr"] = kb;
    }
    Design(row, g, occ);
    rows.Add(row);
}
Log($"queries done at {clock.Elapsed.TotalSeconds:F1} s");
File.WriteAllText(Path.Combine(outDir, "queries.json"), JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

// query table
sb.AppendLine("\n### Query terms\n");
var cols = new[] { "kind", "term", "n", "dictWord", "df", "occ", "bigramDf", "bigramAnd", "bigramFP", "trigramAnd", "trigramFP", "keysBr", "exactPostingsBr", "posCandBr", "posBlockedBr", "posFullBr", "v1Chunks", "v1Packs", "v1TextBr", "T5hit", "T5cand", "T10hit", "T10cand", "T10keysBr", "T20cand", "path", "borderCandDocs", "borderChunks", "designBr" };
sb.AppendLine("| " + string.Join(" | ", cols) + " |"); sb.AppendLine("|" + string.Concat(cols.Select(_ => " --- |")));
foreach (var r in rows) sb.AppendLine("| " + string.Join(" | ", cols.Select(c => r.TryGetValue(c, out var v) ? (v is bool b ? (b ? "y" : "n") : v.ToString()) : "")) + " |");
if (doNgrams) { sb.AppendLine("\n### Frequent n-grams\n"); sb.AppendLine(sbD.ToString());
  sb.AppendLine($"\nNegative border at T = {Tmin:P1}: n-grams counted (both halves frequent) but below the threshold.\n\n| n | n-grams | sum df | sum tf |\n| --- | --- | --- | --- |"); foreach (var l in borderStats) sb.AppendLine(l);
  long bc2 = 0, bs2 = 0; int m2 = (int)Math.Ceiling(Tmin * N); foreach (var k in keyList) if (k >= K && df[k] < m2) { bc2++; bs2 += df[k]; } sb.AppendLine($"| 2 (all bigrams below T) | {bc2:N0} | {bs2:N0} | |");
  sb.AppendLine(); sb.AppendLine(designNotes.ToString()); }
File.WriteAllText(Path.Combine(outDir, "stats.md"), sb.ToString());
Log($"done in {clock.Elapsed.TotalSeconds:F1} s");

// ---------------- design cost: F (df >= Tmin, n <= 6) doc postings + tf; B (negative border) chunk postings; chunk text ----------------
void Design(Dictionary<string, object> row, ushort[] g, (int[] Docs, int[] Tfs, int Cands) occ)
{
    int n = g.Length, m = (int)Math.Ceiling(Tmin * N);
    const int dictShard = 1024; // one dictionary shard lookup per key
    int DfOf(ushort[] x) => x.Length <= 2 ? (x.Length == 1 ? DfKey(Key1(x[0])) : DfKey(Key2(x[0], x[1]))) : Occ(x).Docs.Length;
    if (occ.Docs.Length == 0) { row["path"] = "none"; row["designBr"] = dictShard * 2; return; }
    if (n <= 6 && occ.Docs.Length >= m) { row["path"] = "F"; row["designBr"] = dictShard + PostingsBrotli(g); return; }
    var border = new List<ushort[]>();
    for (int L = 1; L <= Math.Min(6, n); L++)
        for (int i = 0; i + L <= n; i++)
        {
            var sub = g[i..(i + L)]; int f = DfOf(sub);
            if (f >= m) continue;
            if (L <= 2 || (DfOf(sub[..^1]) >= m && DfOf(sub[1..]) >= m)) border.Add(sub);
        }
    if (border.Count > 0)
    {
        // chunk-level AND over the border grams (extended chunk text), as the chunk postings of B would give
        var docsC = Intersect(border.Select(b => Occ(b).Docs));
        int chunks = 0; long chunkPostRaw = 0;
        foreach (var d in docsC)
            for (int c = docFirstChunk[d]; c < docFirstChunk[d + 1]; c++)
            {
                int s0 = chunkStart[c], e0 = Math.Min(docStart[d + 1], chunkStart[c + 1] + 63);
                var span = ids.AsSpan(s0, e0 - s0); bool all = true;
                foreach (var b in border) if (span.IndexOf(b) < 0) { all = false; break; }
                if (all) chunks++;
            }
        foreach (var b in border) chunkPostRaw += PostingsBrotli(b) + Occ(b).Docs.Length; // doc postings + ~1 B per chunk id
        row["path"] = $"B({border.Count})"; row["borderCandDocs"] = docsC.Length; row["borderChunks"] = chunks;
        row["designBr"] = border.Count * dictShard + chunkPostRaw + (long)(chunks * chunkBr);
        return;
    }
    // n > 6 and every 6-gram frequent: cover with 6-grams at 0, 6, ..., n-6; doc postings + positions of those
    var cover = new List<int>(); for (int o = 0; o + 6 <= n; o += 6) cover.Add(o); if (cover[^1] != n - 6) cover.Add(n - 6);
    long bytes = 0; var posL = new List<int>(); var ms = new MemoryStream();
    foreach (var o in cover)
    {
        var sub = g[o..(o + 6)]; bytes += dictShard + PostingsBrotli(sub);
        foreach (var d in Occ(sub).Docs) { posL.Clear(); CountIn(ids.AsSpan(docStart[d], docStart[d + 1] - docStart[d]), sub, posL); int prev = 0; foreach (var x in posL) { WriteV(ms, x - prev); prev = x; } }
    }
    var arr = ms.ToArray(); row["path"] = $"L6x{cover.Count}"; row["designBr"] = bytes + Brotli(arr);
}

// ---------------- helpers ----------------
(long docsVarint, long docsBest, long tfBytes) EncodedSizes(int dk)
{
    var ds = DocsOf(dk); var ts = TfsOf(dk);
    long dv = V(ds.Length), tb = 0; int prev = 0;
    for (int i = 0; i < ds.Length; i++) { dv += V(ds[i] - prev); prev = ds[i]; tb += V(ts[i]); }
    long best = ds.Length > N / 8 ? Math.Min(dv, V(ds.Length) + (N + 7) / 8) : dv;
    return (dv, best, tb);
}
byte[] EncodePostings(ReadOnlySpan<int> ds, ReadOnlySpan<ushort> ts)
{
    var ms = new MemoryStream();
    WriteV(ms, ds.Length);
    if (ds.Length > N / 8)
    {
        var bits = new byte[(N + 7) / 8]; foreach (var d in ds) bits[d >> 3] |= (byte)(1 << (d & 7)); ms.Write(bits);
    }
    else { int prev = 0; foreach (var d in ds) { WriteV(ms, d - prev); prev = d; } }
    foreach (var t in ts) WriteV(ms, t);
    return ms.ToArray();
}
static int V(long x) { int n = 1; while (x >= 128) { x >>= 7; n++; } return n; }
static void WriteV(Stream s, long x) { while (x >= 128) { s.WriteByte((byte)(x | 128)); x >>= 7; } s.WriteByte((byte)x); }
static int Brotli(byte[] data)
{
    var dst = new byte[BrotliEncoder.GetMaxCompressedLength(data.Length)];
    BrotliEncoder.TryCompress(data, dst, out int written, 11, 22);
    return written;
}

sealed class Doc
{
    public string Id, Title; public string[] Blocks; public int[] Cps; public int[] BlockEnd, BlockU16, BlockU8; public long Utf8;
    public static List<int> Normalize(string s)
    {
        var r = new List<int>(s.Length);
        for (int i = 0; i < s.Length;)
        {
            System.Text.Rune.DecodeFromUtf16(s.AsSpan(i), out var rune, out int used);
            int cp = TextNormalizer.Fold(rune.Value);
            if (TextNormalizer.IsKept(cp)) r.Add(cp);
            i += used;
        }
        return r;
    }
    public static Doc Parse(string file)
    {
        var lines = File.ReadAllText(file).Replace("\r", "").Split('\n');
        int close = Array.IndexOf(lines, "---", 1);
        var title = JsonSerializer.Deserialize<string>(lines.First(l => l.StartsWith("title: ")).Substring(7));
        var blocks = new List<string> { title };
        for (int i = close + 1; i < lines.Length; i++) if (lines[i].Trim().Length > 0) blocks.Add(lines[i]);
        var cps = new List<int>(); var ends = new int[blocks.Count]; var u16 = new int[blocks.Count]; var u8 = new int[blocks.Count];
        for (int b = 0; b < blocks.Count; b++) { cps.AddRange(Normalize(blocks[b])); ends[b] = cps.Count; u16[b] = blocks[b].Length; u8[b] = Encoding.UTF8.GetByteCount(blocks[b]); }
        return new Doc { Id = Path.GetFileNameWithoutExtension(file), Title = title, Blocks = blocks.ToArray(), Cps = cps.ToArray(), BlockEnd = ends, BlockU16 = u16, BlockU8 = u8, Utf8 = u8.Sum() };
    }
}
