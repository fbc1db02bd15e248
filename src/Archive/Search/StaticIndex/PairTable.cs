namespace Archive.Search.StaticIndex;

/// <summary>
/// A map from a pair of gram ids to the id of the gram they form, with open addressing over flat arrays: the gram
/// counter probes it a few times per code point of the corpus, so it avoids Dictionary's per-call comparer and
/// bucket indirection, and mixes both halves of the key (long's own hash, high ^ low, maps the pairs of small ids
/// onto few values).
/// </summary>
internal sealed class PairTable
{
    private const long Empty = -1;
    // Key and value side by side: a probe touches one cache line, not one in each of two arrays.
    private Entry[] _entries;
    private int _shift;

    public PairTable()
    {
        _entries = NewEntries(1024);
        _shift = 64 - 10;
    }

    public int Count { get; private set; }

    /// <summary>Empties the table, keeping its size.</summary>
    public void Clear()
    {
        _entries.AsSpan().Fill(new Entry { Key = Empty });
        Count = 0;
    }

    public static long Pack(int a, int b) => ((long)a << 32) | (uint)b;

    /// <summary>The value of the pair, or −1.</summary>
    public int Get(long key)
    {
        var entries = _entries;
        var mask = entries.Length - 1;
        for (var slot = Slot(key); ; slot = (slot + 1) & mask)
        {
            var found = entries[slot].Key;
            if (found == key)
            {
                return entries[slot].Value;
            }

            if (found == Empty)
            {
                return -1;
            }
        }
    }

    /// <summary>Adds the pair with <paramref name="value"/> unless it is there; returns the value it has now.</summary>
    public int GetOrAdd(long key, int value)
    {
        var entries = _entries;
        var mask = entries.Length - 1;
        var slot = Slot(key);
        for (; ; slot = (slot + 1) & mask)
        {
            ref var entry = ref entries[slot];
            if (entry.Key == key)
            {
                return entry.Value;
            }

            if (entry.Key == Empty)
            {
                entry.Key = key;
                entry.Value = value;
                break;
            }
        }

        if (++Count * 2 > entries.Length)
        {
            Grow();
        }

        return value;
    }

    private int Slot(long key) => (int)((ulong)key * 0x9E3779B97F4A7C15UL >> _shift);

    private static Entry[] NewEntries(int size)
    {
        var entries = new Entry[size];
        entries.AsSpan().Fill(new Entry { Key = Empty });
        return entries;
    }

    private void Grow()
    {
        var old = _entries;
        _entries = NewEntries(old.Length * 2);
        _shift--;
        var mask = _entries.Length - 1;
        foreach (var entry in old)
        {
            if (entry.Key == Empty)
            {
                continue;
            }

            var slot = Slot(entry.Key);
            while (_entries[slot].Key != Empty)
            {
                slot = (slot + 1) & mask;
            }

            _entries[slot] = entry;
        }
    }

    private struct Entry
    {
        public long Key;
        public int Value;
    }
}
