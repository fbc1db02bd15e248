using System.Globalization;
using Archive.Collect.Warc;

namespace Archive.Collect;

/// <summary>
/// One run that asks websites for something ('archive fetch', 'archive check --sources'): the earlier runs' history,
/// this run's WARC file in input/warc/ (named by its start in UTC, so name order is time order) and the fetcher that
/// writes into it. Disposed without <see cref="Complete"/>, the file keeps its whole records only.
/// </summary>
public sealed class FetchRun : IDisposable
{
    private readonly WarcWriter _warc;

    private FetchRun(FetchSettings settings, FetchHistory history, WarcWriter warc, string warcName, Action<string> progress)
    {
        History = history;
        _warc = warc;
        WarcName = warcName;
        Fetcher = new PoliteFetcher(settings, warc, warcName, history, progress);
    }

    public FetchHistory History { get; }

    public PoliteFetcher Fetcher { get; }

    /// <summary>The run's WARC file as input/ names it: warc/&lt;time&gt;.warc.gz.</summary>
    public string WarcName { get; }

    /// <summary>Whether the WARC file is on disk under its final name (an interrupted run that stored nothing leaves none).</summary>
    public bool Kept => File.Exists(_warc.Path);

    public static FetchRun Start(string inputDirectory, FetchSettings settings, Action<string> progress)
    {
        var history = FetchHistory.Load(inputDirectory);
        var folder = Path.Combine(inputDirectory, FetchHistory.Folder);
        Directory.CreateDirectory(folder);
        foreach (var leftover in Directory.EnumerateFiles(folder, "*.warc.gz.partial"))
        {
            // Ctrl-C finishes a file on a whole record; only a killed process (kill -9, power loss) leaves one unfinished.
            progress($"input/{FetchHistory.Folder}/{Path.GetFileName(leftover)} was left by a run that was killed: it holds that run's exchanges (the last maybe torn), no report refers to it, and it is not read; keep it as evidence or delete it.");
        }

        var name = FileName(folder);
        var warc = WarcWriter.Create(Path.Combine(folder, name), Warcinfo(settings));
        return new FetchRun(settings, history, warc, $"{FetchHistory.Folder}/{name}", progress);
    }

    public void Complete() => _warc.Complete();

    public void Dispose()
    {
        Fetcher.Dispose();
        _warc.Dispose();
        History.Dispose();
    }

    private static string FileName(string folder)
    {
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var name = $"{stamp}.warc.gz";
        for (var n = 2; File.Exists(Path.Combine(folder, name)) || File.Exists(Path.Combine(folder, name + ".partial")); n++)
        {
            // "_" sorts after ".", and three digits keep ten after two: name order stays time order.
            name = $"{stamp}_{n.ToString("000", CultureInfo.InvariantCulture)}.warc.gz";
        }

        return name;
    }

    private static List<KeyValuePair<string, string>> Warcinfo(FetchSettings settings) =>
    [
        new("software", $"archive ({FetchSettings.ProductToken}/1.0)"),
        new("format", WarcWriter.Format),
        new("conformsTo", WarcWriter.ConformsTo),
        new("http-header-user-agent", settings.UserAgent),
        new("robots", "obey"),
        new("operator", settings.Contact.Length > 0 ? settings.Contact : settings.SiteUrl),
        new("description", string.Create(CultureInfo.InvariantCulture, $"one request at a time per host, {settings.Delay.TotalSeconds:0.###} s apart")),
    ];
}
