using Archive.Corpus;

namespace Archive.Import;

/// <summary>
/// Finds the bureau in input/bureaus.yml an imported report belongs to, by name, alias or by region and kind
/// (a renamed bureau keeps its id and gains an alias), and adds a new bureau when none matches.
/// </summary>
public sealed class BureauResolver(List<Bureau> bureaus)
{
    public const string UnknownId = "unknown";
    public const string UnknownKind = "待确认";

    private const string UnknownSlug = "unknown";

    /// <summary>True once a bureau was added or given a new alias, so bureaus.yml must be written.</summary>
    public bool Changed { get; private set; }

    public IReadOnlyList<Bureau> Bureaus => bureaus;

    public (Bureau Bureau, string? Note) Resolve(ReportMetadata metadata)
    {
        var name = metadata.Bureau.Value;
        if (name is not null && bureaus.FirstOrDefault(b => b.AllNames.Contains(name, StringComparer.Ordinal)) is { } known)
        {
            return (known, null);
        }

        var code = metadata.RegionPath?.Leaf.Code ?? metadata.Region.Value;
        if (code is null)
        {
            // Neither bureau nor region is known: file it under a placeholder that 'archive check' reports.
            return Existing(UnknownId) is { } unknown
                ? (unknown, null)
                : Add(new Bureau(UnknownId, "未知单位（待确认）", [], BureauNaming.NationalCode, UnknownKind));
        }

        if (name is null || metadata.Department is null)
        {
            var id = $"{code}-{UnknownSlug}";
            var region = metadata.RegionPath is { } path ? BureauNaming.RegionalName(path) : code;
            return Existing(id) is { } placeholder
                ? (placeholder, null)
                : Add(new Bureau(id, $"{region}（部门待确认）", [], code, UnknownKind));
        }

        var bureauId = $"{code}-{metadata.Department.Slug}";
        if (Existing(bureauId) is { } sameKind)
        {
            // Same region, same kind of department, another name: the bureau was renamed or is written differently.
            var renamed = sameKind with { Aliases = [.. sameKind.Aliases, name] };
            bureaus[bureaus.IndexOf(sameKind)] = renamed;
            Changed = true;
            return (renamed, $"'{name}' added as another name of bureau {bureauId} ({sameKind.Name}) in {BureauRegistry.FileName}; check it is the same bureau");
        }

        return Add(new Bureau(bureauId, name, [], code, metadata.Department.Core));
    }

    private Bureau? Existing(string id) => bureaus.FirstOrDefault(b => b.Id == id);

    private (Bureau, string) Add(Bureau bureau)
    {
        bureaus.Add(bureau);
        Changed = true;
        return (bureau, $"new bureau {bureau.Id} ({bureau.Name}) added to {BureauRegistry.FileName}");
    }
}
