namespace Archive.Search;

/// <summary>FNV-1a 32-bit over a key's UTF-16 code units (FORMAT.md §4), which the browser computes the same way.</summary>
public static class BucketHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static uint Of(string key)
    {
        var hash = OffsetBasis;
        foreach (var unit in key)
        {
            hash ^= unit;
            hash = unchecked(hash * Prime);
        }

        return hash;
    }

    public static int BucketOf(string key, int buckets) => (int)(Of(key) % (uint)buckets);
}
