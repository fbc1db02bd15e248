namespace Archive.Regions;

/// <summary>How much a set of mentions names each division, directly and through the divisions inside it.</summary>
internal sealed class RegionScores
{
    private readonly DivisionTable table;
    private readonly Dictionary<string, double> named = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> subtree = new(StringComparer.Ordinal);

    public RegionScores(DivisionTable table, IEnumerable<RegionMention> mentions)
    {
        this.table = table;
        foreach (var mention in mentions)
        {
            // A mention still shared by several candidates counts for each of them in part.
            var share = mention.Weight / mention.Candidates.Count;
            foreach (var division in mention.Candidates)
            {
                Add(division, share);
            }
        }
    }

    /// <summary>How often the division itself is named.</summary>
    public double Named(Division division) => named.GetValueOrDefault(division.Code);

    /// <summary>How often the division or a division inside it is named.</summary>
    public double Subtree(Division division) => subtree.GetValueOrDefault(division.Code);

    /// <summary>The named divisions directly under <paramref name="parent"/>, or the named provinces when it is null.</summary>
    public List<Division> NamedChildren(Division? parent) =>
        subtree.Keys.Select(code => table.Find(code)!)
            .Where(d => d.ParentCode == parent?.Code)
            .ToList();

    private void Add(Division division, double weight)
    {
        named[division.Code] = Named(division) + weight;
        for (Division? d = division; d is not null; d = d.ParentCode is null ? null : table.Find(d.ParentCode))
        {
            subtree[d.Code] = Subtree(d) + weight;
        }
    }
}
