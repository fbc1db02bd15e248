using System.Globalization;
using System.Text;
using Archive.Corpus;
using Archive.Site.Views;

namespace Archive.Site;

/// <summary>
/// A report's citation record: Highwire fields for the page's head, RIS and BibTeX for download. The author is the
/// bureau (a corporate author: BibTeX's double braces keep reference managers from splitting it into names); the
/// date is the published date, and none is invented when it is unknown.
/// </summary>
public static class Citation
{
    public static CitationView Of(Report report, Bureau bureau, string regionName, string absoluteRoot, string? originalUrl)
    {
        var url = absoluteRoot + Core.SitePaths.Report(report.Id);
        var published = report.Published;
        var ris = Ris(report, bureau, regionName, url);
        var bibtex = Bibtex(report, bureau, regionName, url);
        return new CitationView(
            report.Title,
            bureau.Name,
            published?.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture),
            published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            report.Year,
            url,
            originalUrl is not null && originalUrl.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) ? absoluteRoot + originalUrl : null,
            DataUrl("application/x-research-info-systems", ris),
            report.Id + ".ris",
            DataUrl("application/x-bibtex", bibtex),
            report.Id + ".bib");
    }

    /// <summary>The RIS record (a report, RPRT), CRLF line ends as the format has them.</summary>
    public static string Ris(Report report, Bureau bureau, string regionName, string url)
    {
        var ris = new StringBuilder();
        void Tag(string tag, string value) => ris.Append(tag).Append("  - ").Append(OneLine(value)).Append("\r\n");
        Tag("TY", "RPRT");
        Tag("TI", report.Title);
        Tag("AU", bureau.Name);
        if (report.Published is { } published)
        {
            Tag("PY", published.Year.ToString(CultureInfo.InvariantCulture));
            Tag("DA", published.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture));
        }

        Tag("PB", bureau.Name);
        Tag("CY", regionName);
        Tag("LA", "zh");
        Tag("UR", url);
        Tag("N1", Note(report));
        ris.Append("ER  - \r\n");
        return ris.ToString();
    }

    /// <summary>The BibTeX record (@techreport), keyed by the report id.</summary>
    public static string Bibtex(Report report, Bureau bureau, string regionName, string url)
    {
        var bib = new StringBuilder();
        bib.Append("@techreport{").Append(report.Id).Append(",\n");
        void Field(string name, string value) => bib.Append("  ").Append(name).Append(" = {").Append(value).Append("},\n");
        Field("title", Escape(report.Title));
        Field("author", "{" + Escape(bureau.Name) + "}");
        Field("institution", Escape(bureau.Name));
        Field("address", Escape(regionName));
        if (report.Published is { } published)
        {
            Field("year", published.Year.ToString(CultureInfo.InvariantCulture));
            Field("date", published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        Field("type", "法治政府建设年度报告");
        Field("langid", "chinese");
        Field("url", url);
        Field("note", Escape(Note(report)));
        bib.Append("}\n");
        return bib.ToString();
    }

    // What a citation cannot say in its fields: the year the report covers, and a published date that is not known.
    private static string Note(Report report) =>
        report.Published is null
            ? $"报告年度：{report.Year.ToString(CultureInfo.InvariantCulture)}；发布日期不详"
            : $"报告年度：{report.Year.ToString(CultureInfo.InvariantCulture)}";

    private static string OneLine(string value) => value.Replace("\r", " ").Replace("\n", " ");

    // TeX's special characters, so that a title never unbalances a field or starts a command.
    private static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var c in OneLine(value))
        {
            escaped.Append(c switch
            {
                '\\' => @"\textbackslash{}",
                '{' or '}' or '%' or '&' or '$' or '#' or '_' => "\\" + c,
                '~' => @"\textasciitilde{}",
                '^' => @"\textasciicircum{}",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    private static string DataUrl(string mediaType, string text) =>
        $"data:{mediaType};charset=utf-8;base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}";
}
