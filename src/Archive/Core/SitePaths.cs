using System.Globalization;
namespace Archive.Core;

/// <summary>Where each page and file lives in output/, relative to the site root. Every link is built from these.</summary>
public static class SitePaths
{
    public const string Home = "index.html";
    public const string Search = "search.html";
    public const string Trends = "trends.html";
    public const string Statistics = "statistics.html";

    /// <summary>The saved searches of input/watch.yml, for the search page to link their feeds.</summary>
    public const string SavedSearches = "watch.json";
    public const string Methods = "methods.html";
    public const string Matrix = "matrix.html";
    public const string Regions = "regions/index.html";
    public const string Years = "years/index.html";
    public const string Bureaus = "bureaus/index.html";
    public const string NotFound = "404.html";
    public const string Feed = "feed.xml";
    public const string Sitemap = "sitemap.xml";
    public const string Robots = "robots.txt";
    public const string DataCsv = "data/reports.csv";
    public const string DataJson = "data/reports.json";
    /// <summary>
    /// The full texts of one year's reports of one province's bureaus, one JSON object per line. Not one file for the
    /// archive (at 50,000 reports ~0.9 GB, too big to hold, compress or download whole) nor one per year (~100 MB
    /// each, over Cloudflare's and GitHub's limits for a file, and one changed report rewrote its year's whole file):
    /// by year and province, as the figures, a few MB each.
    /// </summary>
    public static string DataJsonLines(int year, string province) => string.Create(CultureInfo.InvariantCulture, $"data/reports/{year}/{province}.jsonl");

    /// <summary>
    /// The key figures of one year's reports of one province's bureaus, a row per figure, split as the full texts are
    /// (<see cref="DataJsonLines"/>): at 50,000 reports a year's figures are 60 MB.
    /// </summary>
    public static string DataFiguresCsv(int year, string province) => string.Create(CultureInfo.InvariantCulture, $"data/figures/{year}/{province}.csv");

    /// <summary>Every paragraph that reports of different bureaus share, by family, with its report and anchor.</summary>
    public const string DataSharedParagraphs = "data/shared-paragraphs.csv";

    /// <summary>The same figures as <see cref="DataFiguresCsv"/>, as JSON grouped by report.</summary>
    public static string DataFiguresJson(int year, string province) => string.Create(CultureInfo.InvariantCulture, $"data/figures/{year}/{province}.json");

    public const string Assets = "assets/";

    // Extensions a browser opens as an active document (script, styles, frames) rather than a download or text.
    private static readonly HashSet<string> ActiveTypes = [".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".xml", ".xsl", ".xslt", ".mht", ".mhtml", ".js", ".mjs"];

    public static string Report(string id) => $"reports/{id}.html";

    public static string Bureau(string id) => $"bureaus/{id}.html";

    public static string BureauFeed(string id) => $"bureaus/{id}.xml";

    public static string Region(string code) => $"regions/{code}.html";

    /// <summary>A saved search's feed (input/watch.yml).</summary>
    public static string SavedSearchFeed(string id) => $"watch/{id}.xml";

    /// <summary>A province's feed of new and late reports and of reports its bureaus should have published.</summary>
    public static string ProvinceFeed(string code) => $"regions/{code}.xml";

    public static string Year(int year) => $"years/{year}.html";

    /// <summary>A province's reports about a year (first page).</summary>
    public static string YearIn(int year, string province) => $"years/{year}/{province}.html";

    /// <summary>A province's bureaus (first page). In a folder of its own: bureau ids name the pages beside it.</summary>
    public static string BureausIn(string province) => $"bureaus/in/{province}.html";

    /// <summary>A province's part of the compliance matrix (first page).</summary>
    public static string MatrixIn(string province) => $"matrix/{province}.html";

    /// <summary>Page <paramref name="page"/> of a list whose first page is <paramref name="path"/>: x.html, x-2.html, x-3.html …</summary>
    public static string Paged(string path, int page) =>
        page == 1 ? path : string.Create(CultureInfo.InvariantCulture, $"{path[..^".html".Length]}-{page}.html");

    /// <summary>
    /// Where a report's original file is published. A saved web page (or any type a browser would run as a document)
    /// gets ".txt" appended, so it is shown as text: published as HTML it would run its own scripts on the archive's
    /// origin, on hosts that send no Content-Security-Policy.
    /// </summary>
    public static string Original(string id, string originalPath)
    {
        var extension = Path.GetExtension(originalPath).ToLowerInvariant();
        return $"originals/{id}{extension}" + (ActiveTypes.Contains(extension) ? ".txt" : "");
    }

    /// <summary>The prefix that leads from a page back to the site root, e.g. "../" for reports/x.html.</summary>
    public static string RootFrom(string pagePath) => string.Concat(Enumerable.Repeat("../", pagePath.Count(c => c == '/')));
}
