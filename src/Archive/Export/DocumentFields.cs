namespace Archive.Export;

/// <summary>
/// The field names of an exported report document. The mapping and the document writer both use these, so the
/// index (which is strict: an unmapped field is refused) and the documents cannot drift apart. Names follow the
/// open-data download data/reports/YYYY/PPPPPP.jsonl where the two share a field.
/// </summary>
internal static class DocumentFields
{
    public const string Id = "id";
    public const string Title = "title";
    public const string BureauId = "bureau_id";
    public const string Bureau = "bureau";
    public const string BureauAliases = "bureau_aliases";
    public const string BureauKind = "bureau_kind";
    public const string Region = "region";
    public const string RegionNames = "region_names";
    public const string RegionCodes = "region_codes";
    public const string DivisionCode = "division_code";
    public const string ProvinceCode = "province_code";
    public const string CityCode = "city_code";
    public const string DistrictCode = "district_code";
    public const string Year = "year";
    public const string Published = "published";
    public const string Late = "late";
    public const string SourceUrl = "source_url";
    public const string Sha256 = "sha256";
    public const string Url = "url";
    public const string Headings = "headings";
    public const string Body = "body";
}
