namespace Archive.Corpus;

/// <summary>Site-wide settings from input/site.yml.</summary>
public sealed record SiteSettings(
    string Title,
    string Description,
    string BasePath,
    string SiteUrl,
    string Publisher)
{
    public static SiteSettings Default { get; } = new(
        "法治政府建设年度报告公开库",
        "各级政府部门法治政府建设年度报告的公开档案：按部门、地区和年度浏览，全文精确检索。",
        "/",
        "https://example.org/",
        "");

    /// <summary>Which compressed copies the build writes beside text files (site.yml: precompress).</summary>
    public Archive.Core.Precompress Precompress { get; init; } = Archive.Core.Precompress.Both;

    /// <summary>The site's absolute address with the base path, ending in '/': the root for feeds and sitemap.</summary>
    public string AbsoluteRoot => SiteUrl.TrimEnd('/') + "/" + BasePath.Trim('/') + (BasePath.Trim('/').Length > 0 ? "/" : "");
}
