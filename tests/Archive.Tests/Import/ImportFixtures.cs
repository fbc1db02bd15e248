using Archive.Import;

namespace Archive.Tests.Import;

/// <summary>Paths to the real reports copied into Fixtures/, and the lines the importer makes of them.</summary>
internal static class ImportFixtures
{
    public static string Folder(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string Seed(string number) =>
        Directory.EnumerateFiles(Folder("seeds"), number + "_*.txt").Single();

    public static IEnumerable<string> ProvincialFiles => Directory.EnumerateFiles(Folder("provincial"), "*.docx").Order(StringComparer.Ordinal);

    public static string NationalSample => Path.Combine(Folder("national"), "sample.jsonl");

    /// <summary>The metadata the importer infers for one source file, cleaned as the importer cleans it.</summary>
    public static ReportMetadata Infer(RawReport raw) => new MetadataInference().Infer(Importer.EvidenceOf(raw));
}
