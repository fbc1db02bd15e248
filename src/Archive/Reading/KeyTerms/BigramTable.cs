namespace Archive.Reading.KeyTerms;

/// <summary>
/// SmartCn's bigram frequencies by the hash of "first@second", laid out for the segmenter's inner loop: most pairs of
/// neighbouring tokens are not in the dictionary, and a Bloom filter of half a megabyte (it stays in the cache)
/// answers those without touching the table.
/// </summary>
internal sealed class BigramTable
{
    private const int FilterBits = 22;

    private static readonly Lazy<BigramTable> Loaded = new(() => new BigramTable(SmartCnData.Shared.Bigrams));

    private readonly ulong[] _filter = new ulong[1 << (FilterBits - 6)];
    private readonly Entry[] _entries;
    private readonly int _mask;

    private BigramTable(IReadOnlyDictionary<long, int> bigrams)
    {
        var capacity = 1;
        while (capacity < bigrams.Count * 3 / 2)
        {
            capacity <<= 1;
        }

        (_entries, _mask) = (new Entry[capacity], capacity - 1);
        foreach (var (hash, frequency) in bigrams)
        {
            var (a, b) = FilterBitsOf(hash);
            _filter[a >> 6] |= 1UL << a;
            _filter[b >> 6] |= 1UL << b;
            var slot = Slot(hash);
            while (_entries[slot].Hash != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _entries[slot] = new Entry(hash, frequency);
        }
    }

    public static BigramTable Shared => Loaded.Value;

    /// <summary>How often the pair hashed to <paramref name="hash"/> occurred in SmartCn's corpus (0: never).</summary>
    public int Frequency(long hash)
    {
        var (a, b) = FilterBitsOf(hash);
        if ((_filter[a >> 6] & (1UL << a)) == 0 || (_filter[b >> 6] & (1UL << b)) == 0)
        {
            return 0;
        }

        for (var slot = Slot(hash); ; slot = (slot + 1) & _mask)
        {
            var entry = _entries[slot];
            if (entry.Hash == hash)
            {
                return entry.Frequency;
            }

            if (entry.Hash == 0)
            {
                return 0;
            }
        }
    }

    private static (int, int) FilterBitsOf(long hash)
    {
        var mixed = (ulong)hash * 0xD6E8FEB86659FD93UL;
        return ((int)(mixed >> 20) & ((1 << FilterBits) - 1), (int)(mixed >> 42) & ((1 << FilterBits) - 1));
    }

    private int Slot(long hash) => (int)(((ulong)hash * 0x9E3779B97F4A7C15UL) >> 32) & _mask;

    private readonly record struct Entry(long Hash, int Frequency);
}
