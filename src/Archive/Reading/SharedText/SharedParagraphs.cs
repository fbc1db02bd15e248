using Archive.Search.Contract;

namespace Archive.Reading.SharedText;

/// <summary>A paragraph of a report: which report (its place in the list given), which paragraph, and its bureau.</summary>
public readonly record struct ParagraphPlace(int Report, int Paragraph);

/// <summary>A report's paragraphs with its bureau, as the finder of shared text reads them.</summary>
public sealed record ReportParagraphs(string BureauId, IReadOnlyList<string> Paragraphs);

/// <summary>
/// Finds the paragraphs that reports of different bureaus share, exactly or nearly: two paragraphs of at least
/// <see cref="Shortest"/> normalized characters (<see cref="TextNormalizer"/>) are shared when their normalized texts
/// are equal, or when the Dice coefficient of their sets of character trigrams is at least <see cref="NearlySame"/>
/// (a character changed every thirty or so). Candidates come from MinHash signatures in bands (locality-sensitive
/// hashing), so that paragraphs sharing nothing are never compared; every candidate is then verified exactly, so
/// nothing under the threshold is reported.
/// </summary>
public static class SharedParagraphs
{
    public const int Shortest = 30;
    public const double NearlySame = 0.9;

    // 20 bands of 3 rows: a pair at the threshold (Dice 0.9, Jaccard 0.82) shares a band with probability
    // 1 − (1 − 0.82³)²⁰ > 0.9999999; unrelated paragraphs (Jaccard < 0.1) almost never.
    private const int Bands = 20;
    private const int Rows = 3;

    /// <summary>For each paragraph shared with another bureau's report, the places of the paragraphs it is shared with.</summary>
    public static IReadOnlyDictionary<ParagraphPlace, IReadOnlyList<ParagraphPlace>> Find(IReadOnlyList<ReportParagraphs> reports)
    {
        // One entry per distinct normalized text, with every place it stands: exact copies are one text.
        var texts = new Dictionary<string, List<ParagraphPlace>>(StringComparer.Ordinal);
        for (var r = 0; r < reports.Count; r++)
        {
            for (var p = 0; p < reports[r].Paragraphs.Count; p++)
            {
                var normalized = TextNormalizer.NormalizeToString(reports[r].Paragraphs[p]);
                if (normalized.Length >= Shortest)
                {
                    (texts.TryGetValue(normalized, out var places) ? places : texts[normalized] = []).Add(new ParagraphPlace(r, p));
                }
            }
        }

        var distinct = texts.Keys.ToArray();
        var trigrams = distinct.Select(Trigrams).ToArray();
        var alike = new List<int>[distinct.Length];
        foreach (var (a, b) in Candidates(trigrams))
        {
            if (Dice(trigrams[a], trigrams[b]) >= NearlySame)
            {
                (alike[a] ??= []).Add(b);
                (alike[b] ??= []).Add(a);
            }
        }

        var shared = new Dictionary<ParagraphPlace, IReadOnlyList<ParagraphPlace>>();
        for (var t = 0; t < distinct.Length; t++)
        {
            var places = texts[distinct[t]];
            var others = places.Concat((alike[t] ?? []).SelectMany(n => texts[distinct[n]])).ToList();
            foreach (var place in places)
            {
                var bureau = reports[place.Report].BureauId;
                var elsewhere = others.Where(o => !string.Equals(reports[o.Report].BureauId, bureau, StringComparison.Ordinal)).ToList();
                if (elsewhere.Count > 0)
                {
                    shared[place] = elsewhere;
                }
            }
        }

        return shared;
    }

    // Pairs of texts that agree on all rows of some band of their MinHash signatures, each pair once.
    private static HashSet<(int, int)> Candidates(long[][] trigrams)
    {
        var pairs = new HashSet<(int, int)>();
        var buckets = new Dictionary<(int Band, long Key), List<int>>();
        for (var t = 0; t < trigrams.Length; t++)
        {
            var signature = Signature(trigrams[t]);
            for (var band = 0; band < Bands; band++)
            {
                var key = 17L;
                for (var row = 0; row < Rows; row++)
                {
                    key = (key * 1_000_003) ^ signature[(band * Rows) + row];
                }

                if (!buckets.TryGetValue((band, key), out var members))
                {
                    buckets[(band, key)] = members = [];
                }

                foreach (var other in members)
                {
                    pairs.Add((other, t));
                }

                members.Add(t);
            }
        }

        return pairs;
    }

    // The minimum of each of Bands × Rows hash functions over the text's trigrams.
    private static long[] Signature(long[] trigrams)
    {
        var signature = new long[Bands * Rows];
        for (var h = 0; h < signature.Length; h++)
        {
            var seed = (ulong)(h + 1) * 0x9E3779B97F4A7C15UL;
            var min = ulong.MaxValue;
            foreach (var trigram in trigrams)
            {
                min = Math.Min(min, Mix((ulong)trigram ^ seed));
            }

            signature[h] = (long)min;
        }

        return signature;
    }

    // SplitMix64's finalizer: a well-spread hash of a 64-bit value.
    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    // The distinct character trigrams of a normalized text, sorted.
    private static long[] Trigrams(string text)
    {
        var grams = new long[Math.Max(0, text.Length - 2)];
        for (var i = 0; i + 2 < text.Length; i++)
        {
            grams[i] = ((long)text[i] << 32) | ((long)text[i + 1] << 16) | text[i + 2];
        }

        return [.. grams.Distinct().Order()];
    }

    private static double Dice(long[] a, long[] b) =>
        a.Length + b.Length == 0 ? 0 : 2.0 * SortedSets.SharedCount<long>(a, b) / (a.Length + b.Length);
}
