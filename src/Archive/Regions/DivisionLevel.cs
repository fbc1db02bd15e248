namespace Archive.Regions;

/// <summary>The three levels of the GB/T 2260 table that the archive uses.</summary>
public enum DivisionLevel
{
    Province,
    City,
    District,
}
