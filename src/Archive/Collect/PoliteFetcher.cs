using System.Globalization;
using System.Text;
using Archive.Collect.Robots;
using Archive.Collect.Warc;
using Archive.Corpus;

namespace Archive.Collect;

/// <summary>
/// Fetches addresses the way a guest should: robots.txt obeyed (RFC 9309), one request at a time with a pause per
/// host, a User-Agent that says who asks, conditional requests for what an earlier run has, retries with growing waits
/// (Retry-After honoured) on 429, 5xx, timeouts and broken connections, redirects followed up to ten with loops
/// caught, and responses capped. Every response, failures and redirects included, goes into the run's WARC file with
/// its request: the WARC is the evidence of what each server said and when.
/// </summary>
public sealed class PoliteFetcher : IDisposable
{
    public const int MaxRedirects = 10;

    // RFC 9309 2.3.1.2: a crawler should follow at least five redirects for robots.txt.
    private const int MaxRobotsRedirects = 5;

    private readonly FetchSettings _settings;
    private readonly string _warcName;
    private readonly FetchHistory _history;
    private readonly Action<string> _progress;
    private readonly ExchangeSender _sender;
    private readonly Dictionary<string, RobotsRules> _robots = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, byte[]> _payloadsOfThisRun = new(StringComparer.Ordinal);

    /// <param name="warcName">The WARC file as input/ names it (warc/….warc.gz), for the fetch records of reports.</param>
    public PoliteFetcher(FetchSettings settings, WarcWriter warc, string warcName, FetchHistory history, Action<string> progress)
    {
        _settings = settings;
        _warcName = warcName;
        _history = history;
        _progress = progress;
        _sender = new ExchangeSender(settings, warc, progress);
    }

    /// <summary>Requests sent so far (robots.txt, redirects and retries included).</summary>
    public int Requests => _sender.Requests;

    /// <summary>Responses with a payload that no earlier run had.</summary>
    public int FreshPayloads { get; private set; }

    /// <summary>Fetches <paramref name="address"/>, following redirects; asks conditionally when an earlier run has it.</summary>
    public async Task<FetchResult> FetchAsync(Uri address, CancellationToken cancel)
    {
        var (exchange, current, failure) = await FollowAsync(address, MaxRedirects, asGuest: true, cancel).ConfigureAwait(false);
        if (failure is not null)
        {
            return FetchResult.Failure(address, failure, exchange?.Status ?? 0);
        }

        var response = exchange!.Response!;
        var earlier = _history.Latest(current);
        if (exchange.Status == 304 && earlier is not null)
        {
            _sender.StoreRevisit(exchange, earlier);
            return Unchanged(address, current, earlier, "not modified (304)");
        }

        if (exchange.Status != 200)
        {
            _sender.Store(exchange);
            return FetchResult.Failure(address, $"{current}: answered {response.StartLine[(response.StartLine.IndexOf(' ') + 1)..]}; nothing collected.", exchange.Status);
        }

        var digest = WarcDigest.Sha1Base32(response.Payload);
        if (earlier is not null && earlier.PayloadDigest == digest)
        {
            // The server did not answer the conditional request, but the bytes are the ones already stored.
            _sender.StoreRevisit(exchange, earlier);
            return Unchanged(address, current, earlier, "the same bytes as before");
        }

        var recordId = _sender.Store(exchange);
        var contentType = response.Header("Content-Type");
        var coding = response.Header("Content-Encoding");
        _history.Remember(new EarlierResponse(current, exchange.At, recordId, _warcName, digest, response.Header("ETag"), response.Header("Last-Modified"), contentType, coding));
        FreshPayloads++;
        _payloadsOfThisRun[recordId] = response.Payload;
        return Decode(response.Payload, coding, out var document) is { } problem
            ? FetchResult.Failure(address, $"{current}: {problem}", 200)
            : new FetchResult(FetchState.Fresh, address, current, document, contentType, new FetchRecord(current.AbsoluteUri, Seconds(exchange.At), _warcName, recordId), "fetched") { Status = 200 };
    }

    public void Dispose() => _sender.Dispose();

    internal static string Describe(FetchResult result) => string.Create(CultureInfo.InvariantCulture, $"{result.Final} ({result.Payload.Length / 1024.0:0.#} KB, {result.Message})");

    private FetchResult Unchanged(Uri address, Uri current, EarlierResponse earlier, string how)
    {
        var payload = _payloadsOfThisRun.TryGetValue(earlier.RecordId, out var bytes) ? bytes : _history.PayloadOf(earlier);
        return Decode(payload, earlier.ContentEncoding, out var document) is { } problem
            ? FetchResult.Failure(address, $"{current}: {problem}", 200)
            : new FetchResult(FetchState.Unchanged, address, current, document, earlier.ContentType, new FetchRecord(current.AbsoluteUri, Seconds(earlier.Date), earlier.Warc, earlier.RecordId), how) { Status = 200 };
    }

    // A body that does not undo as its Content-Encoding says (a server that labels plain bytes gzip) is a failure of
    // that address, not of the run; returns what went wrong, or null.
    private static string? Decode(byte[] payload, string? coding, out byte[] document)
    {
        try
        {
            document = ContentCoding.Decode(payload, coding);
            return null;
        }
        catch (InvalidDataException e)
        {
            document = [];
            return $"the response says Content-Encoding: {coding}, but its body is not ({e.Message}); nothing collected.";
        }
    }

    /// <summary>
    /// Asks for <paramref name="address"/> and follows its redirects, each hop an exchange stored in the WARC. As a
    /// guest (every address but robots.txt itself), each hop's robots.txt is obeyed and its pause kept, and what an
    /// earlier run has is asked for conditionally. Returns the last answer and where it came from, or why there is none.
    /// </summary>
    private async Task<(Exchange? Last, Uri At, string? Failure)> FollowAsync(Uri address, int maxRedirects, bool asGuest, CancellationToken cancel)
    {
        var chain = new List<Uri> { address };
        var current = address;
        while (true)
        {
            if (current.Scheme is not ("http" or "https"))
            {
                return (null, current, $"{current}: not an http or https address; not fetched.");
            }

            var pause = _settings.Delay;
            if (asGuest)
            {
                var rules = await RobotsOfAsync(current, cancel).ConfigureAwait(false);
                if (!rules.Allows(current.PathAndQuery))
                {
                    return (null, current, $"{current}: robots.txt of {current.Authority} does not allow {FetchSettings.ProductToken} this path; not fetched.");
                }

                if (rules.CrawlDelay > _settings.MaxRetryAfter)
                {
                    return (null, current, $"{current}: robots.txt of {current.Authority} asks for {rules.CrawlDelay.Value.TotalSeconds:0} s between requests, longer than the {_settings.MaxRetryAfter.TotalSeconds:0} s the collector waits; not fetched.");
                }

                pause = rules.CrawlDelay is { } crawlDelay && crawlDelay > pause ? crawlDelay : pause;
            }

            var exchange = await _sender.SendAsync(current, asGuest ? _history.Latest(current) : null, pause, cancel).ConfigureAwait(false);
            if (exchange.Response is not { } response)
            {
                return (exchange, current, $"{current}: {exchange.Failure}");
            }

            if (exchange.Status is not (301 or 302 or 303 or 307 or 308))
            {
                return (exchange, current, null);
            }

            _sender.Store(exchange);
            if (response.Header("Location") is not { } location || !Uri.TryCreate(current, location, out var next))
            {
                return (exchange, current, $"{current}: answered {exchange.Status} without a usable Location; not fetched.");
            }

            next = WebPage.WithoutFragment(next);
            if (chain.Contains(next))
            {
                return (exchange, current, $"{address}: redirect loop ({string.Join(" → ", chain.Append(next))}); not fetched.");
            }

            chain.Add(next);
            if (chain.Count > maxRedirects + 1)
            {
                return (exchange, current, $"{address}: more than {maxRedirects} redirects ({chain[0]} → … → {next}); not fetched.");
            }

            current = next;
        }
    }

    // robots.txt is asked for once per run and origin, through the same pacing, and stored like any other exchange.
    private async Task<RobotsRules> RobotsOfAsync(Uri address, CancellationToken cancel)
    {
        var origin = address.GetLeftPart(UriPartial.Authority);
        if (_robots.TryGetValue(origin, out var known))
        {
            return known;
        }

        var (exchange, at, failure) = await FollowAsync(new Uri(origin + "/robots.txt"), MaxRobotsRedirects, asGuest: false, cancel).ConfigureAwait(false);
        RobotsRules rules;
        if (failure is not null)
        {
            // RFC 9309 2.3.1.4: unreachable means the whole site is off limits until it can be read.
            _progress($"{failure} Taking the whole of {origin} as disallowed.");
            rules = RobotsRules.DisallowAll;
        }
        else
        {
            _sender.Store(exchange!);
            rules = exchange!.Status switch
            {
                >= 200 and < 300 => Parse(exchange.Response!),
                // A site that keeps answering 429 is asking to be left alone, whatever its robots.txt says.
                429 => RobotsRules.DisallowAll,
                >= 400 and < 500 => RobotsRules.AllowAll,
                _ => RobotsRules.DisallowAll,
            };
            if (rules == RobotsRules.DisallowAll)
            {
                _progress($"{at}: answered {exchange.Status}; taking the whole of {origin} as disallowed (RFC 9309).");
            }
        }

        _robots[origin] = rules;
        return rules;
    }

    private static RobotsRules Parse(HttpMessage response)
    {
        try
        {
            return RobotsRules.Parse(Encoding.UTF8.GetString(ContentCoding.Decode(response.Payload, response.Header("Content-Encoding"))), FetchSettings.ProductToken);
        }
        catch (InvalidDataException)
        {
            // Rules that cannot be read cannot be obeyed: as if it were unreachable.
            return RobotsRules.DisallowAll;
        }
    }

    private static DateTimeOffset Seconds(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
