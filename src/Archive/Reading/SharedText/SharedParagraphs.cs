namespace Archive.Reading.SharedText;

/// <summary>A paragraph of a report: which report (its place in the list given) and which paragraph (its number).</summary>
public readonly record struct ParagraphPlace(int Report, int Paragraph);

/// <summary>A report as the finder of shared text reads it: its bureau and its paragraphs' prints.</summary>
public sealed record PrintedReport(string BureauId, ParagraphPrints Prints);

/// <summary>
/// What an earlier search found that a later one can take as it is: every distinct text it saw (by hash), and the
/// family of each text in a family of two or more (by its member with the smallest hash). A family that lost no text
/// is still a family, so only new texts, and the members of families that lost one, are looked at again.
/// </summary>
/// <param name="Texts">The texts' hashes, ascending.</param>
public sealed record EarlierSearch(ulong[] Texts, IReadOnlyDictionary<ulong, ulong> FamilyOf);

/// <summary>
/// Finds the paragraphs that reports of different bureaus share, exactly or nearly: two paragraphs of at least
/// <see cref="Shortest"/> normalized characters, figures aside (<see cref="ParagraphPrints"/>), are shared when their
/// texts are equal, or when the Dice coefficient of their sets of character trigrams is at least
/// <see cref="NearlySame"/> (a character changed every thirty or so). Candidates come from the prints' MinHash
/// signatures in bands (locality-sensitive hashing), so that paragraphs sharing nothing are never compared; every
/// candidate is then checked on the texts, so nothing under the threshold is reported.
/// </summary>
public static class SharedParagraphs
{
    public const int Shortest = 30;
    public const double NearlySame = 0.9;

    // A pair at the threshold (Jaccard 0.82) agrees on ~29.5 of 36 slots, with a standard deviation of 2.3: fewer
    // than 22 happens to fewer than one such pair in a thousand, and passes over most pairs that only share a sentence.
    private const int FewestAgreeing = 22;

    // Past this share of texts to look at again, looking for each one's partners costs more than looking for all pairs.
    private const double MostlyNew = 0.2;

    /// <summary>
    /// The shared text of <paramref name="reports"/>. <paramref name="normalizedTexts"/> reads the normalized texts
    /// (<see cref="ParagraphPrints.Normalize"/>) of the paragraphs it is given: those of the pairs to check.
    /// </summary>
    public static SharedText Find(
        IReadOnlyList<PrintedReport> reports,
        Func<IReadOnlyCollection<ParagraphPlace>, IReadOnlyDictionary<ParagraphPlace, string>> normalizedTexts,
        EarlierSearch? earlier = null)
    {
        var texts = DistinctTexts.Of(reports);
        var families = new Families(texts.Count);
        if (earlier is null || !Update(earlier, texts, families, reports, normalizedTexts))
        {
            var pairs = new CandidatePairs(reports, texts, FewestAgreeing).AllBySimilarity();
            var trigrams = TrigramsOf([.. pairs.SelectMany(p => new[] { p.A, p.B }).Distinct()], reports, texts, normalizedTexts);
            // A pair already in one family need not be checked: the families come out the same without it. The most
            // similar pairs come first, so that families form early and the pairs within them are passed over. Pairs
            // are checked a batch at a time on every core, then joined in order.
            const int Batch = 1 << 16;
            var near = new bool[Batch];
            for (var start = 0; start < pairs.Count; start += Batch)
            {
                var count = Math.Min(Batch, pairs.Count - start);
                Parallel.For(0, count, i =>
                {
                    var (a, b) = pairs[start + i];
                    near[i] = !families.TogetherReadOnly(a, b) && NearlyTheSame(trigrams[a], trigrams[b]);
                });
                for (var i = 0; i < count; i++)
                {
                    if (near[i])
                    {
                        families.Join(pairs[start + i].A, pairs[start + i].B);
                    }
                }
            }
        }

        return new SharedText(reports, texts, families.Groups());
    }

    // The earlier search's families that lost no text, and the new texts' and the other families' members' pairs
    // checked again; false (nothing done) when so much is new that a whole search costs less.
    private static bool Update(
        EarlierSearch earlier,
        DistinctTexts texts,
        Families families,
        IReadOnlyList<PrintedReport> reports,
        Func<IReadOnlyCollection<ParagraphPlace>, IReadOnlyDictionary<ParagraphPlace, string>> normalizedTexts)
    {
        // Which texts are new: both lists are in order of hash, so one merge tells.
        var isNew = new bool[texts.Count];
        for (int t = 0, e = 0; t < texts.Count; t++)
        {
            while (e < earlier.Texts.Length && earlier.Texts[e] < texts.Hashes[t])
            {
                e++;
            }

            isNew[t] = e == earlier.Texts.Length || earlier.Texts[e] != texts.Hashes[t];
        }

        // Each text's earlier family (the few texts in one, by number); a family broke when one of its texts is gone.
        var oldFamily = new Dictionary<int, ulong>(earlier.FamilyOf.Count);
        var broken = new HashSet<ulong>();
        foreach (var (hash, family) in earlier.FamilyOf)
        {
            if (texts.IndexOf(hash) is var at and >= 0)
            {
                oldFamily[at] = family;
            }
            else
            {
                broken.Add(family);
            }
        }

        var dirty = (bool[])isNew.Clone();
        foreach (var (t, old) in oldFamily)
        {
            dirty[t] |= broken.Contains(old);
        }

        if (dirty.Count(d => d) > MostlyNew * texts.Count)
        {
            return false;
        }

        foreach (var (hash, family) in earlier.FamilyOf)
        {
            if (!broken.Contains(family))
            {
                families.Join(texts.IndexOf(hash), texts.IndexOf(family));
            }
        }

        if (!dirty.Contains(true))
        {
            return true;
        }

        // Two texts seen before were nearly the same only within one family: other pairs of them need no check.
        var pairs = CandidatePairs.With(reports, texts, dirty, FewestAgreeing).Where(p => isNew[p.A] || isNew[p.B] || (oldFamily.TryGetValue(p.A, out var a) && oldFamily.TryGetValue(p.B, out var b) && a == b)).ToList();
        var trigrams = TrigramsOf([.. pairs.SelectMany(p => new[] { p.A, p.B }).Distinct()], reports, texts, normalizedTexts);
        foreach (var (a, b) in pairs.Where(p => NearlyTheSame(trigrams[p.A], trigrams[p.B])))
        {
            families.Join(a, b);
        }

        return true;
    }

    /// <summary>The shared text of plain paragraph lists, whose texts it has: for tests and small corpora.</summary>
    public static SharedText Find(IReadOnlyList<(string BureauId, IReadOnlyList<string> Paragraphs)> reports) =>
        Find(
            [.. reports.Select(r => new PrintedReport(r.BureauId, ParagraphPrints.Of(r.Paragraphs)))],
            places => places.ToDictionary(p => p, p => ParagraphPrints.Normalize(reports[p.Report].Paragraphs[p.Paragraph])));

    // The trigrams of the texts given, read from their first places, by text.
    private static Dictionary<int, uint[]> TrigramsOf(
        int[] wanted,
        IReadOnlyList<PrintedReport> reports,
        DistinctTexts texts,
        Func<IReadOnlyCollection<ParagraphPlace>, IReadOnlyDictionary<ParagraphPlace, string>> normalizedTexts)
    {
        var read = wanted.Length == 0 ? new Dictionary<ParagraphPlace, string>() : normalizedTexts([.. wanted.Select(t => texts.First(t, reports))]);
        var trigrams = new uint[wanted.Length][];
        Parallel.For(0, wanted.Length, i => trigrams[i] = Trigrams(read[texts.First(wanted[i], reports)]));
        return wanted.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => trigrams[x.i]);
    }

    // The distinct character trigrams of a normalized text, each hashed to 32 bits, sorted.
    private static uint[] Trigrams(string text)
    {
        var grams = new uint[Math.Max(0, text.Length - 2)];
        for (var i = 0; i + 2 < text.Length; i++)
        {
            grams[i] = (uint)(ParagraphPrints.TrigramHash(text[i], text[i + 1], text[i + 2]) >> 32);
        }

        Array.Sort(grams);
        var distinct = grams.Length == 0 ? 0 : 1;
        for (var i = 1; i < grams.Length; i++)
        {
            if (grams[i] != grams[distinct - 1])
            {
                grams[distinct++] = grams[i];
            }
        }

        return grams[..distinct];
    }

    // Dice(a, b) ≥ NearlySame, that is: at most (1 − NearlySame)·(|a| + |b|) trigrams of either set missing from the
    // other. The merge stops as soon as more are missing: most pairs checked are not nearly the same, and show it early.
    private static bool NearlyTheSame(uint[] a, uint[] b)
    {
        var allowed = (int)Math.Floor((1 - NearlySame) * (a.Length + b.Length) + 1e-9);
        int i = 0, j = 0, missing = 0;
        while (i < a.Length && j < b.Length && missing <= allowed)
        {
            var (x, y) = (a[i], b[j]);
            missing += x == y ? 0 : 1;
            i += x <= y ? 1 : 0;
            j += y <= x ? 1 : 0;
        }

        return missing + (a.Length - i) + (b.Length - j) <= allowed && a.Length + b.Length > 0;
    }
}
