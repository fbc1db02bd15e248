namespace IntakeForms;

/// <summary>
/// Seeded choices. Each report draws from its own generator, made from the run's seed and the report's number, so a
/// report does not change when another one does. (HashCode is randomised per process, so seeds are mixed by hand.)
/// </summary>
internal sealed class Draw(int seed)
{
    private readonly Random random = new(seed);

    public static Draw For(int seed, int number, int stream = 0)
    {
        unchecked
        {
            var h = (uint)seed * 0x9E3779B1u;
            h ^= (uint)number * 0x85EBCA6Bu + 0x165667B1u;
            h ^= (uint)stream * 0xC2B2AE35u;
            h ^= h >> 15;
            h *= 0x27D4EB2Fu;
            h ^= h >> 13;
            return new Draw((int)(h & 0x7FFFFFFF));
        }
    }

    public bool Chance(double p) => random.NextDouble() < p;

    public int Between(int lowInclusive, int highInclusive) => random.Next(lowInclusive, highInclusive + 1);

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>An item chosen with the given weights.</summary>
    public T Weighted<T>(IReadOnlyList<(T Item, double Weight)> items)
    {
        var total = items.Sum(i => i.Weight);
        var x = random.NextDouble() * total;
        foreach (var (item, weight) in items)
        {
            x -= weight;
            if (x < 0)
            {
                return item;
            }
        }

        return items[^1].Item;
    }

    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
