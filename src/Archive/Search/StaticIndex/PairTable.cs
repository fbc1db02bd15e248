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
    private long[] _keys;
    private int[] _values;
    private int _shift;

    public PairTable()
    {
        _keys = new long[1024];
        Array.Fill(_keys, Empty);
        _values = new int[1024];
        _shift = 64 - 10;
    }

    public int Count { get; private set; }

    public static long Pack(int a, int b) => ((long)a << 32) | (uint)b;

    /// <summary>The value of the pair, or −1.</summary>
    public int Get(long key)
    {
        var mask = _keys.Length - 1;
        for (var slot = Slot(key); ; slot = (slot + 1) & mask)
        {
            var found = _keys[slot];
            if (found == key)
            {
                return _values[slot];
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
        var mask = _keys.Length - 1;
        var slot = Slot(key);
        for (; ; slot = (slot + 1) & mask)
        {
            var found = _keys[slot];
            if (found == key)
            {
                return _values[slot];
            }

            if (found == Empty)
            {
                break;
            }
        }

        _keys[slot] = key;
        _values[slot] = value;
        if (++Count * 2 > _keys.Length)
        {
            Grow();
        }

        return value;
    }

    private int Slot(long key) => (int)((ulong)key * 0x9E3779B97F4A7C15UL >> _shift);

    private void Grow()
    {
        var keys = _keys;
        var values = _values;
        _keys = new long[keys.Length * 2];
        Array.Fill(_keys, Empty);
        _values = new int[values.Length * 2];
        _shift--;
        var mask = _keys.Length - 1;
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] == Empty)
            {
                continue;
            }

            var slot = Slot(keys[i]);
            while (_keys[slot] != Empty)
            {
                slot = (slot + 1) & mask;
            }

            _keys[slot] = keys[i];
            _values[slot] = values[i];
        }
    }
}
