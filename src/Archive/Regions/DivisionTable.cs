using System.Reflection;

namespace Archive.Regions;

/// <summary>The GB/T 2260 divisions down to county level, with their hierarchy.</summary>
public sealed class DivisionTable
{
    private const string ResourceName = "Archive.Regions.divisions.tsv";

    private static readonly Lazy<DivisionTable> DefaultTable = new(LoadDefault);

    private readonly Dictionary<string, Division> byCode;
    private readonly Dictionary<string, List<Division>> children;

    private DivisionTable(List<Division> divisions)
    {
        All = divisions;
        byCode = divisions.ToDictionary(d => d.Code, StringComparer.Ordinal);
        byCode[National.Code] = National;
        children = divisions.Where(d => d.ParentCode is not null)
            .GroupBy(d => d.ParentCode!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        Provinces = divisions.Where(d => d.Level == DivisionLevel.Province).ToList();
    }

    /// <summary>
    /// The whole country, for national bodies (国务院, 全国人大). Not a GB/T 2260 division: it can be found by code and
    /// has a path of its own, but it is not in <see cref="All"/>, so no name in a text ever resolves to it.
    /// </summary>
    public static Division National { get; } = new("100000", "全国", DivisionLevel.Province, null);

    /// <summary>The table shipped with the archive (china-division 2.7.0, see Regions/SOURCE.md), loaded on first use.</summary>
    public static DivisionTable Default => DefaultTable.Value;

    /// <summary>Every division, sorted by code.</summary>
    public IReadOnlyList<Division> All { get; }

    /// <summary>The provinces, autonomous regions, municipalities and special administrative regions, sorted by code.</summary>
    public IReadOnlyList<Division> Provinces { get; }

    /// <summary>The division with this six-digit code, or null.</summary>
    public Division? Find(string code) => byCode.GetValueOrDefault(code.Trim());

    /// <summary>The division with this code and its ancestors.</summary>
    public RegionPath PathOf(string code)
    {
        var division = Require(code);
        var parent = division.ParentCode is null ? null : byCode[division.ParentCode];
        return division.Level switch
        {
            DivisionLevel.Province => new RegionPath(division, null, null),
            DivisionLevel.City => new RegionPath(parent!, division, null),
            _ when parent!.Level == DivisionLevel.Province => new RegionPath(parent, null, division),
            _ => new RegionPath(byCode[parent.ParentCode!], parent, division),
        };
    }

    /// <summary>The divisions directly under this one, sorted by code: a province's cities, a city's districts, a municipality's districts.</summary>
    public IReadOnlyList<Division> ChildrenOf(string code) =>
        children.TryGetValue(Require(code).Code, out var list) ? list : [];

    /// <summary>Reads a table in the shipped format: a header line, then code, name and parent code separated by tabs.</summary>
    internal static DivisionTable Read(TextReader reader, string source)
    {
        var divisions = new List<Division>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (lineNumber == 1 || line.Length == 0)
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 3 || fields[0].Length != 6 || !fields[0].All(char.IsAsciiDigit) || fields[1].Length == 0)
            {
                throw new InvalidDataException(
                    $"{source} line {lineNumber}: expected a six-digit code, a name and a parent code separated by tabs, found '{line}'");
            }

            var code = fields[0];
            var parent = fields[2].Length == 0 ? null : fields[2];
            if (parent is not null && !codes.Contains(parent))
            {
                throw new InvalidDataException(
                    $"{source} line {lineNumber}: parent code {parent} of {code} must appear on an earlier line");
            }

            if (!codes.Add(code))
            {
                throw new InvalidDataException($"{source} line {lineNumber}: code {code} appears twice");
            }

            var level = LevelOf(code);
            if (parent is null != (level == DivisionLevel.Province))
            {
                throw new InvalidDataException(
                    $"{source} line {lineNumber}: {code} {(parent is null ? "needs a parent code" : "is a province and takes no parent code")}");
            }

            divisions.Add(new Division(code, fields[1], level, parent));
        }

        divisions.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        return new DivisionTable(divisions);
    }

    private static DivisionLevel LevelOf(string code) =>
        code.EndsWith("0000", StringComparison.Ordinal) ? DivisionLevel.Province
        : code.EndsWith("00", StringComparison.Ordinal) ? DivisionLevel.City
        : DivisionLevel.District;

    private static DivisionTable LoadDefault()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the Archive assembly.");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return Read(reader, ResourceName);
    }

    private Division Require(string code) =>
        Find(code) ?? throw new KeyNotFoundException(
            $"'{code}' is not a division code in the GB/T 2260 table (provinces, cities and county-level districts); use a six-digit code such as 440303 for 深圳市罗湖区");
}
