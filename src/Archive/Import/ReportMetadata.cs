using Archive.Corpus;
using Archive.Regions;

namespace Archive.Import;

/// <summary>
/// What the importer inferred about one report, each field with its confidence and reason, plus the typed
/// values the importer needs to name and file it.
/// </summary>
public sealed record ReportMetadata(
    Inference Title,
    Inference Bureau,
    Inference Region,
    Inference Year,
    Inference Published,
    Inference Source,
    RegionPath? RegionPath,
    DepartmentKind? Department)
{
    public int? YearValue => int.TryParse(Year.Value, out var year) ? year : null;

    public DateOnly? PublishedValue => DateOnly.TryParse(Published.Value, System.Globalization.CultureInfo.InvariantCulture, out var date) ? date : null;

    public string? SourceUrl => Source.Value is { } value && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? value : null;

    /// <summary>All inferences in the order they are written to the front matter.</summary>
    public IReadOnlyList<Inference> All => [Title, Bureau, Region, Year, Published, Source];
}
