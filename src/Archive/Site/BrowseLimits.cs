namespace Archive.Site;

/// <summary>
/// How long a list may grow on one page before it is split. Lists that grow with the archive (the reports of a year,
/// every bureau, the matrix) are grouped by province and paged by these limits, so that no page passes ~300 KB of
/// HTML whatever the archive's size. Measured at 50,000 generated reports: a report line is 400–600 bytes, a bureau
/// line ~190, a matrix cell ~150 (a row of 11 years ~1.9 KB with its name): 1,100 cells are ~190 KB.
/// </summary>
/// <param name="ReportsPerPage">Report lines per page (≤ ~180 KB).</param>
/// <param name="BureausPerPage">Bureau lines per page (≤ ~190 KB).</param>
/// <param name="MatrixCellsPerPage">Matrix cells per page, so a page holds fewer bureaus when the archive covers more years.</param>
/// <param name="RegionsInIndex">Regions in the whole tree up to which the region index lists districts as well.</param>
public sealed record BrowseLimits(int ReportsPerPage = 300, int BureausPerPage = 1000, int MatrixCellsPerPage = 1100, int RegionsInIndex = 400)
{
    public static BrowseLimits Default { get; } = new();

    /// <summary>Bureaus per matrix page for an archive of <paramref name="years"/> years: at least 1.</summary>
    public int MatrixRowsPerPage(int years) => Math.Max(1, MatrixCellsPerPage / Math.Max(1, years));
}
