using System.Globalization;
using System.Text.RegularExpressions;

namespace Archive.Export;

/// <summary>The names of the files an export writes, and how to tell them from anything else in a folder.</summary>
internal static partial class ExportLayout
{
    public const string Mapping = "mapping.json";
    public const string SmartcnMapping = "mapping-smartcn.json";
    public const string LoadScript = "load.sh";
    public const string Readme = "README.md";

    /// <summary>bulk-0001.ndjson, bulk-0002.ndjson, …: four digits sort in load order up to 9,999 files (about 100 GB).</summary>
    public static string BulkFile(int number) => $"bulk-{number.ToString("D4", CultureInfo.InvariantCulture)}.ndjson";

    /// <summary>Whether a file of this name could have been written by an export (so --force may replace it).</summary>
    public static bool IsExportFile(string name) =>
        name is Mapping or SmartcnMapping or LoadScript or Readme || BulkPattern().IsMatch(name);

    [GeneratedRegex(@"^bulk-[0-9]{4,}\.ndjson$")]
    private static partial Regex BulkPattern();
}
