namespace Archive.Import;

/// <summary>
/// A kind of government department: the slug used in bureau ids, the core of its name (人力资源和社会保障),
/// the name endings it takes at each level (局, 厅), its other names (人社局), and words typical of its reports.
/// </summary>
public sealed record DepartmentKind(
    string Slug,
    string Core,
    IReadOnlyList<string> Suffixes,
    IReadOnlyList<string> OtherNames,
    IReadOnlyList<string> Keywords)
{
    /// <summary>The name the department usually has at district and city level, e.g. 人力资源和社会保障局.</summary>
    public string Name => Core + Suffixes[0];

    /// <summary>Every way a bureau name of this kind can end, longest first, so 人力资源和社会保障局 wins over 人力资源局.</summary>
    public IEnumerable<string> NameEndings =>
        Suffixes.Select(s => Core + s).Concat(OtherNames).OrderByDescending(n => n.Length);
}
