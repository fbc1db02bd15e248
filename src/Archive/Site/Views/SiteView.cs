namespace Archive.Site.Views;

/// <summary>What every page's layout needs: the site's name and the way back to its root.</summary>
public sealed record SiteView(string Title, string Description, string Root, string BasePath, int ReportCount, string Generator);
