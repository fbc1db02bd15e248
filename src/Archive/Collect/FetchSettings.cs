using System.Globalization;
using System.Text.RegularExpressions;
using Archive.Core;
using Archive.Corpus;
using YamlDotNet.RepresentationModel;

namespace Archive.Collect;

/// <summary>
/// How 'archive fetch' presents itself and paces its requests (site.yml: fetch). A site's webmaster sees the
/// User-Agent, so it names the archive and a way to reach whoever runs it.
/// </summary>
/// <param name="Contact">An address for webmasters (mailto: or a web page), sent in the User-Agent; may be empty.</param>
/// <param name="Delay">The pause between two requests to one host (robots.txt's Crawl-delay wins when longer).</param>
/// <param name="Timeout">How long one request may take, from sending it to the last byte.</param>
/// <param name="MaxBytes">The largest response kept; a larger one is abandoned.</param>
/// <param name="ReportLinks">Which links of a column (listing) page are reports: their text matches this.</param>
/// <param name="SiteUrl">The archive's own address (site.yml: url), also sent in the User-Agent.</param>
public sealed record FetchSettings(string Contact, TimeSpan Delay, TimeSpan Timeout, long MaxBytes, Regex ReportLinks, string SiteUrl)
{
    /// <summary>The product token robots.txt groups are matched against, and the User-Agent starts with.</summary>
    public const string ProductToken = "ArchiveFetch";

    public const string DefaultReportLinks = "法治政府建设.*(报告|情况)|依法行政.*(报告|情况)";

    public static FetchSettings Default { get; } = new("", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), 50L * 1024 * 1024, Pattern(DefaultReportLinks), SiteSettings.Default.SiteUrl);

    /// <summary>Retries after a 429, a 5xx, a timeout or a dropped connection, each after a longer wait.</summary>
    public int Retries { get; init; } = 3;

    /// <summary>The longest Retry-After a site may ask for; a longer one ends the attempts for that address.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(5);

    public string UserAgent => $"{ProductToken}/1.0 (+{SiteUrl}{(Contact.Length > 0 ? "; " + Contact : "")})";

    /// <summary>Reads the fetch: map of input/site.yml, each field optional.</summary>
    public static FetchSettings Read(string inputDirectory)
    {
        var path = Path.Combine(inputDirectory, CorpusReader.SettingsFile);
        if (!File.Exists(path))
        {
            return Default;
        }

        var display = "input/" + CorpusReader.SettingsFile;
        var problems = new List<InputProblem>();
        if (YamlFile.Load(path, display, problems) is not YamlMappingNode root)
        {
            return problems.Count > 0 ? throw new InputException(problems) : Default;
        }

        var siteUrl = YamlFile.Scalar(root, "url") ?? Default.SiteUrl;
        if (!root.Children.TryGetValue(new YamlScalarNode("fetch"), out var node))
        {
            return Default with { SiteUrl = siteUrl };
        }

        if (node is not YamlMappingNode map)
        {
            throw new InputException(display, YamlFile.LineOf(node), "'fetch:' must be a map of contact, delay_seconds, timeout_seconds, max_megabytes and report_links.");
        }

        double Number(string key, double fallback, double min, double max, string example)
        {
            var text = YamlFile.Scalar(map, key);
            if (text is null)
            {
                return fallback;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                problems.Add(new InputProblem(display, null, $"fetch: {key} '{text}' must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, such as {example}."));
                return fallback;
            }

            return value;
        }

        var delay = Number("delay_seconds", Default.Delay.TotalSeconds, 0, 3600, "2");
        var timeout = Number("timeout_seconds", Default.Timeout.TotalSeconds, 0.1, 3600, "30");
        var megabytes = Number("max_megabytes", Default.MaxBytes / (1024.0 * 1024), 0.001, 2048, "50");
        var patternText = YamlFile.Scalar(map, "report_links") ?? DefaultReportLinks;
        Regex? pattern = null;
        try
        {
            pattern = Pattern(patternText);
        }
        catch (ArgumentException e)
        {
            problems.Add(new InputProblem(display, null, $"fetch: report_links '{patternText}' is not a regular expression ({e.Message})."));
        }

        return problems.Count > 0
            ? throw new InputException(problems)
            : new FetchSettings(
                YamlFile.Scalar(map, "contact") ?? "",
                TimeSpan.FromSeconds(delay),
                TimeSpan.FromSeconds(timeout),
                (long)(megabytes * 1024 * 1024),
                pattern!,
                siteUrl);
    }

    private static Regex Pattern(string text) => new(text, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
