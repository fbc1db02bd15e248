namespace Archive.Search.StaticIndex;

/// <summary>FNV-1a 32-bit over a key's UTF-16 code units (FORMAT.md §4), which the browser computes the same way.</summary>
public static class BucketHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    /// <summary>The hash of the empty key, from which <see cref="Append"/> goes on.</summary>
    public const uint Empty = OffsetBasis;

    public static uint Of(string key)
    {
        var hash = OffsetBasis;
        foreach (var unit in key)
        {
            hash = Step(hash, unit);
        }

        return hash;
    }

    /// <summary>The hash of a key followed by <paramref name="codePoint"/>, from the key's hash (one or two UTF-16 units).</summary>
    public static uint Append(uint hash, int codePoint)
    {
        if (codePoint < 0x10000)
        {
            return Step(hash, (char)codePoint);
        }

        var offset = codePoint - 0x10000;
        return Step(Step(hash, (char)(0xD800 + (offset >> 10))), (char)(0xDC00 + (offset & 0x3FF)));
    }

    private static uint Step(uint hash, char unit) => unchecked((hash ^ unit) * Prime);

    public static int BucketOf(string key, int buckets) => (int)(Of(key) % (uint)buckets);
}
