using System.Numerics;
using System.Runtime.InteropServices;

namespace Archive.Reading.SharedText;

/// <summary>
/// The pairs of distinct texts worth checking: they agree on every row of some band of their signatures, on enough
/// slots in all, and their trigram counts allow the threshold. Each pair once, the smaller text first. Bureaus play no
/// part: families are of texts, whoever wrote them, so that a text that another bureau's report takes up later needs
/// no search again.
/// </summary>
/// <remarks>
/// Reports drawn from common paragraphs (boilerplate with the place or the figures changed) make runs of hundreds of
/// texts with equal band keys, and every pair of a run must be looked at: the texts' signatures and trigram counts are
/// copied into flat arrays first, so that looking is a few instructions, and a run is in order of trigram count, so
/// that a text's partners end where the counts part too far.
/// </remarks>
internal sealed class CandidatePairs
{
    // The signature's 36 slots of 16 bits as 9 words of four.
    private const int Words = ParagraphPrints.Slots / 4;

    // A pair packed in a 64-bit value: two texts of 29 bits each (half a billion), under 6 bits of disagreement.
    private const ulong PackMask = (1UL << 29) - 1;

    private readonly DistinctTexts _texts;
    private readonly int _fewestAgreeing;
    private readonly int[] _sizes;
    private readonly ulong[] _signatures;

    public CandidatePairs(IReadOnlyList<PrintedReport> reports, DistinctTexts texts, int fewestAgreeing)
    {
        _texts = texts;
        _fewestAgreeing = fewestAgreeing;
        _sizes = new int[texts.Count];
        _signatures = new ulong[texts.Count * Words];
        for (var t = 0; t < texts.Count; t++)
        {
            var prints = reports[texts.FirstReport(t)].Prints;
            _sizes[t] = prints.Trigrams[texts.FirstIndex(t)];
            MemoryMarshal.Cast<ushort, ulong>(prints.SignatureOf(texts.FirstIndex(t))).CopyTo(_signatures.AsSpan(t * Words, Words));
        }
    }

    /// <summary>
    /// Every candidate pair, the most similar first (by slots agreeing, then in order): each band's keys sorted, pairs
    /// taken within runs of equal keys, the bands side by side, each pair in the first band its rows agree in.
    /// </summary>
    public List<(int A, int B)> AllBySimilarity()
    {
        // Texts by trigram count: a text's rank in this order goes under its band key, so a run comes out in it.
        var bySize = Enumerable.Range(0, _texts.Count).ToArray();
        Array.Sort(_sizes.ToArray(), bySize);
        var found = new List<ulong>[ParagraphPrints.Bands];
        Parallel.For(0, ParagraphPrints.Bands, band =>
        {
            var keys = new ulong[bySize.Length];
            for (var rank = 0; rank < bySize.Length; rank++)
            {
                keys[rank] = ((ulong)KeyOf(bySize[rank], band) << 32) | (uint)rank;
            }

            Array.Sort(keys);
            var pairs = found[band] = [];
            InRuns(keys, band, bySize, (a, b, agreeing) => pairs.Add(((ulong)(ParagraphPrints.Slots - agreeing) << 58) | Pack(a, b)));
        });

        // Packed as (slots not agreeing, smaller text, larger text) in 6 + 29 + 29 bits: sorted, most similar first.
        var all = found.SelectMany(f => f).ToArray();
        Array.Sort(all);
        return [.. all.Select(p => ((int)((p >> 29) & PackMask), (int)(p & PackMask)))];
    }

    // Within each run of equal band keys (in order of trigram count), each text with the next ones until the counts
    // part too far; a pair whose rows agree in an earlier band was met there.
    private void InRuns(ulong[] keys, int band, int[] bySize, Action<int, int, int> visit)
    {
        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] >> 32 == keys[start] >> 32)
            {
                end++;
            }

            for (var i = start; i < end; i++)
            {
                var a = bySize[(int)(uint)keys[i]];
                for (var j = i + 1; j < end; j++)
                {
                    var b = bySize[(int)(uint)keys[j]];
                    if (!SizesAllow(a, b))
                    {
                        break;
                    }

                    if (!AgreeBefore(a, b, band) && Agreeing(a, b) is var agreeing && agreeing >= _fewestAgreeing)
                    {
                        visit(a, b, agreeing);
                    }
                }
            }

            start = end;
        }
    }

    /// <summary>
    /// The candidate pairs with at least one text marked in <paramref name="isNew"/>: a few texts' partners among all,
    /// found from the prints as they are (no copy of every signature): each paragraph's band keys are tested against
    /// the marked texts' keys, first in a bit filter, so that the rare match alone costs a lookup.
    /// </summary>
    public static List<(int A, int B)> With(IReadOnlyList<PrintedReport> reports, DistinctTexts texts, bool[] isNew, int fewestAgreeing)
    {
        const int FilterBits = 22;
        var filter = new ulong[(1 << FilterBits) / 64];
        var newByKey = new Dictionary<uint, List<int>>();
        for (var t = 0; t < texts.Count; t++)
        {
            if (isNew[t])
            {
                var signature = reports[texts.FirstReport(t)].Prints.SignatureOf(texts.FirstIndex(t));
                for (var band = 0; band < ParagraphPrints.Bands; band++)
                {
                    var key = KeyOf(signature, band);
                    (newByKey.TryGetValue(key, out var list) ? list : newByKey[key] = []).Add(t);
                    filter[(key & ((1 << FilterBits) - 1)) >> 6] |= 1UL << (int)(key & 63);
                }
            }
        }

        var found = new List<ulong>[reports.Count];
        Parallel.For(0, reports.Count, r =>
        {
            var prints = reports[r].Prints;
            for (var i = 0; i < prints.Count; i++)
            {
                var signature = prints.SignatureOf(i);
                for (var band = 0; band < ParagraphPrints.Bands; band++)
                {
                    var key = KeyOf(signature, band);
                    if ((filter[(key & ((1 << FilterBits) - 1)) >> 6] & (1UL << (int)(key & 63))) == 0 || !newByKey.TryGetValue(key, out var partners))
                    {
                        continue;
                    }

                    var text = texts.IndexOf(prints.Hashes[i]);
                    foreach (var other in partners)
                    {
                        var otherPrints = reports[texts.FirstReport(other)].Prints;
                        var otherIndex = texts.FirstIndex(other);
                        if (other != text && CountsAllow(prints.Trigrams[i], otherPrints.Trigrams[otherIndex])
                            && Agreeing(signature, otherPrints.SignatureOf(otherIndex)) >= fewestAgreeing)
                        {
                            (found[r] ??= []).Add(Pack(text, other));
                        }
                    }
                }
            }
        });

        return Unpack(found.Where(f => f is not null).SelectMany(f => f!));
    }

    // A band's rows (three slots of 16 bits) and the band, hashed to 32 bits: among a few million texts, two that
    // differ in the band collide by chance a few hundred times, and such a pair fails the slot count anyway.
    private uint KeyOf(int text, int band) =>
        KeyOf(MemoryMarshal.Cast<ulong, ushort>(_signatures.AsSpan(text * Words, Words)), band);

    private static uint KeyOf(ReadOnlySpan<ushort> signature, int band)
    {
        var at = band * ParagraphPrints.Rows;
        var value = ((ulong)band << 48) | ((ulong)signature[at] << 32) | ((ulong)signature[at + 1] << 16) | signature[at + 2];
        return (uint)(ParagraphPrints.Mix(value) >> 32);
    }

    private bool AgreeBefore(int a, int b, int band)
    {
        var slots = MemoryMarshal.Cast<ulong, ushort>(_signatures.AsSpan());
        var (atA, atB) = (a * ParagraphPrints.Slots, b * ParagraphPrints.Slots);
        for (var earlier = 0; earlier < band; earlier++)
        {
            var row = earlier * ParagraphPrints.Rows;
            if (slots[atA + row] == slots[atB + row] && slots[atA + row + 1] == slots[atB + row + 1] && slots[atA + row + 2] == slots[atB + row + 2])
            {
                return true;
            }
        }

        return false;
    }

    // Dice ≥ d needs 2·min ≥ d·(min + max) of the two trigram counts, since they share at most the smaller set.
    private bool SizesAllow(int a, int b) => CountsAllow(_sizes[a], _sizes[b]);

    private static bool CountsAllow(int sizeA, int sizeB) => 2.0 * Math.Min(sizeA, sizeB) >= SharedParagraphs.NearlySame * (sizeA + sizeB);

    private int Agreeing(int a, int b) => Agreeing(_signatures.AsSpan(a * Words, Words), _signatures.AsSpan(b * Words, Words));

    private static int Agreeing(ReadOnlySpan<ushort> a, ReadOnlySpan<ushort> b) =>
        Agreeing(MemoryMarshal.Cast<ushort, ulong>(a), MemoryMarshal.Cast<ushort, ulong>(b));

    // Equal 16-bit slots, four at a time: a lane of the XOR is zero exactly when its top bit stays clear after adding
    // 0x7FFF to its low 15 bits and or-ing in the lane itself.
    private static int Agreeing(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        const ulong Low = 0x7FFF_7FFF_7FFF_7FFFUL;
        var agree = 0;
        for (var w = 0; w < Words; w++)
        {
            var x = a[w] ^ b[w];
            var zeroLanes = ~(((x & Low) + Low) | x | Low);
            agree += BitOperations.PopCount(zeroLanes);
        }

        return agree;
    }

    private static ulong Pack(int a, int b) => a < b ? ((ulong)(uint)a << 29) | (uint)b : ((ulong)(uint)b << 29) | (uint)a;

    // The pairs found in several bands once each, in order.
    private static List<(int A, int B)> Unpack(IEnumerable<ulong> packed)
    {
        var all = packed.ToArray();
        Array.Sort(all);
        var pairs = new List<(int, int)>(all.Length);
        for (var i = 0; i < all.Length; i++)
        {
            if (i == 0 || all[i] != all[i - 1])
            {
                pairs.Add(((int)(all[i] >> 29), (int)(all[i] & PackMask)));
            }
        }

        return pairs;
    }
}
