using System.Globalization;

namespace Archive.Collect.Robots;

/// <summary>
/// What one site's robots.txt lets one crawler fetch (RFC 9309): the rules of the group that names the crawler, or
/// of the "*" group when none does, so that the collector asks one question per URL and honours the site's wishes.
/// </summary>
public sealed class RobotsRules
{
    // RFC 9309 2.5: a crawler must read at least 500 KiB; reading no more bounds the work a hostile file can cause.
    private const int MaxOctets = 500 * 1024;

    private readonly RobotsPattern[] patterns;

    private RobotsRules(RobotsPattern[] patterns, TimeSpan? crawlDelay)
    {
        this.patterns = patterns;
        CrawlDelay = crawlDelay;
    }

    /// <summary>
    /// Everything allowed: what a robots.txt answered with a 4xx status means, the site having published no rules
    /// (RFC 9309 2.3.1.3).
    /// </summary>
    public static RobotsRules AllowAll { get; } = new([], null);

    /// <summary>
    /// Nothing allowed but /robots.txt itself: what a 5xx status or an unreachable server means, since the site may
    /// have rules the crawler could not read (RFC 9309 2.3.1.4).
    /// </summary>
    public static RobotsRules DisallowAll { get; } = new([RobotsPattern.Create(allow: false, "/")!], null);

    /// <summary>
    /// The Crawl-delay of the chosen group, if it gives one (not in RFC 9309 but common), for the caller to honour when
    /// it is longer than its own delay. Several lines in the group give the longest. Null when absent, or when no line
    /// holds a non-negative number of seconds that a <see cref="TimeSpan"/> can hold.
    /// </summary>
    public TimeSpan? CrawlDelay { get; }

    /// <summary>
    /// Reads robots.txt text for the crawler whose product token is <paramref name="productToken"/> ("ArchiveFetch").
    /// The groups whose user-agent lines name it (case-insensitively, by each line's leading run of letters, "_" and
    /// "-", so "ArchiveFetch/1.0" names it) are merged and used; only when none names it is the "*" group used, and
    /// with neither everything is allowed. Consecutive user-agent lines share one group. Lines end at LF, CR or CRLF,
    /// "#" starts a comment, keys are case-insensitive, a line without ":" and keys other than user-agent, allow,
    /// disallow and crawl-delay are ignored, as are rules before the first user-agent line. Only the first 500 KiB (in
    /// UTF-8) are read, and a line cut by that limit is dropped rather than read in part.
    /// </summary>
    public static RobotsRules Parse(string text, string productToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(productToken);

        var wanted = LeadingToken(productToken.AsSpan().Trim());
        var named = new GroupBuilder();
        var everyone = new GroupBuilder();
        var inNamed = false;
        var inEveryone = false;

        // A user-agent line after a rule starts a new group; one after another user-agent line joins its group.
        var readingAgents = false;

        foreach (var (key, value) in Lines(Capped(text)))
        {
            if (key.Equals("user-agent", StringComparison.OrdinalIgnoreCase))
            {
                if (!readingAgents)
                {
                    readingAgents = true;
                    inNamed = false;
                    inEveryone = false;
                }

                var agent = LeadingToken(value.AsSpan());
                if (agent.IsEmpty && value.StartsWith('*'))
                {
                    inEveryone = true;
                    everyone.Seen = true;
                }
                else if (!agent.IsEmpty && agent.Equals(wanted, StringComparison.OrdinalIgnoreCase))
                {
                    inNamed = true;
                    named.Seen = true;
                }

                continue;
            }

            var allow = key.Equals("allow", StringComparison.OrdinalIgnoreCase);
            var disallow = key.Equals("disallow", StringComparison.OrdinalIgnoreCase);
            var delay = key.Equals("crawl-delay", StringComparison.OrdinalIgnoreCase);
            if (!allow && !disallow && !delay)
            {
                // Sitemap and other lines belong to no group and neither end nor start one.
                continue;
            }

            readingAgents = false;
            if (inNamed)
            {
                named.Add(allow, delay, value);
            }

            if (inEveryone)
            {
                everyone.Add(allow, delay, value);
            }
        }

        var chosen = named.Seen ? named : everyone.Seen ? everyone : null;
        return chosen is null ? AllowAll : new RobotsRules([.. chosen.Patterns], chosen.CrawlDelay);
    }

    /// <summary>
    /// Whether the crawler may fetch a path with its query ("/a/b?c=d", as <see cref="Uri.PathAndQuery"/> gives it).
    /// The longest matching rule decides, counted in octets of its normalised form, an allow winning a tie; with no
    /// matching rule the path is allowed, and /robots.txt always is (RFC 9309 2.2.2). "*" in a rule matches any run of
    /// characters and a final "$" anchors the rule at the end of the path. Rule and path are compared with
    /// percent-encoding normalised, so that two spellings of one URI get one answer.
    /// </summary>
    public bool Allows(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        if (patterns.Length == 0)
        {
            return true;
        }

        var path = RobotsPattern.NormalisePath(pathAndQuery.StartsWith('/') ? pathAndQuery : "/" + pathAndQuery);
        var query = path.IndexOf('?');
        if (path.AsSpan(0, query >= 0 ? query : path.Length).SequenceEqual("/robots.txt"))
        {
            return true;
        }

        var longest = -1;
        var allowed = true;
        foreach (var pattern in patterns)
        {
            if ((pattern.Length > longest || (pattern.Length == longest && pattern.Allow)) && pattern.Matches(path))
            {
                longest = pattern.Length;
                allowed = pattern.Allow;
            }
        }

        return allowed;
    }

    /// <summary>The text up to the 500 KiB limit, without a leading byte order mark and without a line the limit cuts.</summary>
    private static string Capped(string text)
    {
        var start = text.StartsWith('\uFEFF') ? 1 : 0;
        var octets = 0;
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var size = pair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            if (octets + size > MaxOctets)
            {
                break;
            }

            octets += size;
            i += pair ? 2 : 1;
        }

        var end = i;
        if (end < text.Length && text[end] is not '\r' and not '\n')
        {
            end = text.AsSpan(start, end - start).LastIndexOfAny('\r', '\n') + start + 1;
        }

        return text[start..Math.Max(start, end)];
    }

    /// <summary>The key and value of each line that has a ":", both trimmed, comments removed.</summary>
    private static IEnumerable<(string Key, string Value)> Lines(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOfAny(['\r', '\n'], start);
            if (end < 0)
            {
                end = text.Length;
            }

            var line = text.AsSpan(start, end - start);
            var comment = line.IndexOf('#');
            if (comment >= 0)
            {
                line = line[..comment];
            }

            var colon = line.IndexOf(':');
            if (colon >= 0)
            {
                yield return (line[..colon].Trim().ToString(), line[(colon + 1)..].Trim().ToString());
            }

            start = end + (end + 1 < text.Length && text[end] == '\r' && text[end + 1] == '\n' ? 2 : 1);
        }
    }

    /// <summary>
    /// The product token at the start of a user-agent value: RFC 9309 2.2.1 allows only letters, "_" and "-" in it, so
    /// a version or comment after it ("/1.0", " (+https://…)") is not part of the name.
    /// </summary>
    private static ReadOnlySpan<char> LeadingToken(ReadOnlySpan<char> value)
    {
        var length = 0;
        while (length < value.Length && (char.IsAsciiLetter(value[length]) || value[length] is '_' or '-'))
        {
            length++;
        }

        return value[..length];
    }

    /// <summary>The rules and crawl delay gathered for one agent from every group that names it.</summary>
    private sealed class GroupBuilder
    {
        public bool Seen { get; set; }

        public List<RobotsPattern> Patterns { get; } = [];

        public TimeSpan? CrawlDelay { get; private set; }

        public void Add(bool allow, bool delay, string value)
        {
            if (delay)
            {
                if (ParseDelay(value) is { } seconds && (CrawlDelay is null || seconds > CrawlDelay))
                {
                    CrawlDelay = seconds;
                }
            }
            else if (RobotsPattern.Create(allow, value) is { } pattern)
            {
                Patterns.Add(pattern);
            }
        }

        // Only digits and a decimal point: no sign, exponent or thousands separator, whatever the machine's culture.
        private static TimeSpan? ParseDelay(string value) =>
            double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
                && double.IsFinite(seconds) && seconds >= 0 && seconds * TimeSpan.TicksPerSecond < long.MaxValue
                ? TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond))
                : null;
    }
}
