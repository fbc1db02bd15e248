using System.Globalization;
using System.Net;
using System.Text;
using Archive.Collect.Robots;
using Archive.Collect.Warc;
using Archive.Corpus;

namespace Archive.Collect;

/// <summary>
/// Fetches addresses the way a guest should: robots.txt obeyed (RFC 9309), one request at a time with a pause per
/// host, a User-Agent that says who asks, conditional requests for what an earlier run has, retries with growing waits
/// (Retry-After honoured) on 429, 5xx, timeouts and dropped connections, redirects followed up to ten with loops
/// caught, and responses capped. Every response, failures and redirects included, goes into the run's WARC file with
/// its request: the WARC is the evidence of what each server said and when.
/// </summary>
public sealed class PoliteFetcher : IDisposable
{
    public const int MaxRedirects = 10;

    // RFC 9309 2.3.1.2: a crawler should follow at least five redirects for robots.txt.
    private const int MaxRobotsRedirects = 5;

    private readonly FetchSettings _settings;
    private readonly WarcWriter _warc;
    private readonly string _warcName;
    private readonly FetchHistory _history;
    private readonly Action<string> _progress;
    private readonly HttpClient _client;
    private readonly HostPacing _pacing = new();
    private readonly Dictionary<string, RobotsRules> _robots = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, byte[]> _payloadsOfThisRun = new(StringComparer.Ordinal);

    /// <param name="warcName">The WARC file as input/ names it (warc/….warc.gz), for the fetch records of reports.</param>
    public PoliteFetcher(FetchSettings settings, WarcWriter warc, string warcName, FetchHistory history, Action<string> progress)
    {
        _settings = settings;
        _warc = warc;
        _warcName = warcName;
        _history = history;
        _progress = progress;
        _client = new HttpClient(new SocketsHttpHandler
        {
            // Redirects are followed here, one recorded exchange per hop; payloads are kept as sent (compressed or not).
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = settings.Timeout,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Requests sent so far (robots.txt, redirects and retries included).</summary>
    public int Requests { get; private set; }

    /// <summary>Responses with a payload that no earlier run had.</summary>
    public int FreshPayloads { get; private set; }

    /// <summary>Fetches <paramref name="address"/>, following redirects; asks conditionally when an earlier run has it.</summary>
    public async Task<FetchResult> FetchAsync(Uri address, CancellationToken cancel)
    {
        var chain = new List<Uri> { address };
        var current = address;
        while (true)
        {
            if (current.Scheme is not ("http" or "https"))
            {
                return FetchResult.Failure(address, $"{current}: not an http or https address; not fetched.");
            }

            var rules = await RobotsOfAsync(current, cancel).ConfigureAwait(false);
            if (!rules.Allows(current.PathAndQuery))
            {
                return FetchResult.Failure(address, $"{current}: robots.txt of {current.Authority} does not allow {FetchSettings.ProductToken} this path; not fetched.");
            }

            var earlier = _history.Latest(current);
            var exchange = await SendWithRetriesAsync(current, earlier, Pause(rules), cancel).ConfigureAwait(false);
            if (exchange.Response is not { } response)
            {
                return FetchResult.Failure(address, $"{current}: {exchange.Failure}");
            }

            var status = exchange.Status;
            if (status is 301 or 302 or 303 or 307 or 308)
            {
                Store(exchange);
                if (response.Header("Location") is not { } location || !Uri.TryCreate(current, location, out var next))
                {
                    return FetchResult.Failure(address, $"{current}: answered {status} without a usable Location; not fetched.");
                }

                next = WithoutFragment(next);
                if (chain.Contains(next))
                {
                    return FetchResult.Failure(address, $"{address}: redirect loop ({string.Join(" → ", chain.Append(next))}); not fetched.");
                }

                chain.Add(next);
                if (chain.Count > MaxRedirects + 1)
                {
                    return FetchResult.Failure(address, $"{address}: more than {MaxRedirects} redirects ({chain[0]} → … → {next}); not fetched.");
                }

                current = next;
                continue;
            }

            if (status == 304 && earlier is not null)
            {
                _warc.WriteRevisit(current, exchange.At, response, earlier.RecordId, earlier.Target, earlier.Date, earlier.PayloadDigest);
                return Unchanged(address, current, earlier, "not modified (304)");
            }

            if (status != 200)
            {
                Store(exchange);
                return FetchResult.Failure(address, $"{current}: answered {response.StartLine[(response.StartLine.IndexOf(' ') + 1)..]}; nothing collected.");
            }

            var digest = WarcDigest.Sha1Base32(response.Payload);
            if (earlier is not null && earlier.PayloadDigest == digest)
            {
                // The server did not answer the conditional request, but the bytes are the ones already stored.
                _warc.WriteRevisit(current, exchange.At, response with { Payload = [] }, earlier.RecordId, earlier.Target, earlier.Date, earlier.PayloadDigest);
                return Unchanged(address, current, earlier, "the same bytes as before");
            }

            var recordId = Store(exchange);
            FreshPayloads++;
            _payloadsOfThisRun[recordId] = response.Payload;
            var contentType = response.Header("Content-Type");
            var coding = response.Header("Content-Encoding");
            _history.Remember(new EarlierResponse(current, exchange.At, recordId, _warcName, digest, response.Header("ETag"), response.Header("Last-Modified"), contentType, coding));
            return new FetchResult(FetchState.Fresh, address, current, ContentCoding.Decode(response.Payload, coding), contentType, new FetchRecord(current.AbsoluteUri, Seconds(exchange.At), _warcName, recordId), "fetched");
        }
    }

    private FetchResult Unchanged(Uri address, Uri current, EarlierResponse earlier, string how)
    {
        var payload = _payloadsOfThisRun.TryGetValue(earlier.RecordId, out var bytes) ? bytes : _history.PayloadOf(earlier);
        return new FetchResult(FetchState.Unchanged, address, current, ContentCoding.Decode(payload, earlier.ContentEncoding), earlier.ContentType, new FetchRecord(current.AbsoluteUri, Seconds(earlier.Date), earlier.Warc, earlier.RecordId), how);
    }

    private TimeSpan Pause(RobotsRules rules) => rules.CrawlDelay is { } crawlDelay && crawlDelay > _settings.Delay ? crawlDelay : _settings.Delay;

    // robots.txt is asked for once per run and origin, through the same pacing, and stored like any other exchange.
    private async Task<RobotsRules> RobotsOfAsync(Uri address, CancellationToken cancel)
    {
        var origin = address.GetLeftPart(UriPartial.Authority);
        if (_robots.TryGetValue(origin, out var known))
        {
            return known;
        }

        var location = new Uri(origin + "/robots.txt");
        RobotsRules rules = RobotsRules.DisallowAll;
        for (var hop = 0; hop <= MaxRobotsRedirects; hop++)
        {
            var exchange = await SendWithRetriesAsync(location, null, _settings.Delay, cancel).ConfigureAwait(false);
            if (exchange.Response is not { } response)
            {
                // RFC 9309 2.3.1.4: unreachable means the whole site is off limits until it can be read.
                _progress($"{location}: {exchange.Failure} Taking the whole of {origin} as disallowed.");
                break;
            }

            Store(exchange);
            if (exchange.Status is 301 or 302 or 303 or 307 or 308 && response.Header("Location") is { } to && Uri.TryCreate(location, to, out var next))
            {
                location = next;
                continue;
            }

            rules = exchange.Status switch
            {
                >= 200 and < 300 => RobotsRules.Parse(Encoding.UTF8.GetString(response.Payload), FetchSettings.ProductToken),
                >= 400 and < 500 => RobotsRules.AllowAll,
                _ => RobotsRules.DisallowAll,
            };
            if (rules == RobotsRules.DisallowAll)
            {
                _progress($"{location}: answered {exchange.Status}; taking the whole of {origin} as disallowed (RFC 9309).");
            }

            break;
        }

        _robots[origin] = rules;
        return rules;
    }

    private async Task<Exchange> SendWithRetriesAsync(Uri target, EarlierResponse? earlier, TimeSpan pause, CancellationToken cancel)
    {
        for (var attempt = 0; ; attempt++)
        {
            await _pacing.WaitTurnAsync(target.Authority, pause, cancel).ConfigureAwait(false);
            var exchange = await SendOnceAsync(target, earlier, cancel).ConfigureAwait(false);
            if (!exchange.IsTransient)
            {
                _progress(exchange.Response is { } answer
                    ? string.Create(CultureInfo.InvariantCulture, $"[{Requests}] {target} → {answer.Status} ({answer.Payload.Length / 1024.0:0.#} KB)")
                    : $"[{Requests}] {target} → {exchange.Failure}");
                return exchange;
            }

            var what = exchange.Response is null ? exchange.Failure! : $"answered {exchange.Status}";
            if (attempt == _settings.Retries)
            {
                return exchange.Response is null ? exchange with { Failure = $"{exchange.Failure} ({attempt + 1} tries)" } : exchange;
            }

            if (exchange.RetryAfter > _settings.MaxRetryAfter)
            {
                return exchange with { Response = null, Failure = $"{what} and asks to come back in {exchange.RetryAfter.Value.TotalSeconds:0} s, longer than the {_settings.MaxRetryAfter.TotalSeconds:0} s the collector waits; try again later." };
            }

            if (exchange.Response is not null)
            {
                Store(exchange);
            }

            var wait = exchange.RetryAfter ?? Backoff(attempt);
            _progress($"{target}: {what}; trying again in {wait.TotalSeconds:0.#} s");
            await Task.Delay(wait, cancel).ConfigureAwait(false);
        }
    }

    // Waits double from the pause (at least half a second): with the default pause of 2 s, 2, 4 and 8 s.
    private TimeSpan Backoff(int attempt) =>
        TimeSpan.FromSeconds(Math.Max(_settings.Delay.TotalSeconds, 0.5) * Math.Pow(2, attempt));

    private async Task<Exchange> SendOnceAsync(Uri target, EarlierResponse? earlier, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        request.Headers.TryAddWithoutValidation("User-Agent", _settings.UserAgent);
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/pdf,application/msword,application/vnd.openxmlformats-officedocument.wordprocessingml.document,*/*;q=0.8");
        request.Headers.TryAddWithoutValidation("Accept-Language", "zh-CN,zh;q=0.9");
        if (earlier?.ETag is { } etag)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        if (earlier?.LastModified is { } modified)
        {
            request.Headers.TryAddWithoutValidation("If-Modified-Since", modified);
        }

        var sent = Exchange.RequestOf(request);
        var at = DateTimeOffset.UtcNow;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(_settings.Timeout);
        Requests++;
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            at = DateTimeOffset.UtcNow;
            if (response.Content.Headers.ContentLength is long length && length > _settings.MaxBytes)
            {
                return new Exchange(target, at, sent, null, TooLargeMessage(length), null) { TooLarge = true };
            }

            var payload = await ReadCappedAsync(response, timeout.Token).ConfigureAwait(false);
            return payload is null
                ? new Exchange(target, at, sent, null, TooLargeMessage(null), null) { TooLarge = true }
                : new Exchange(target, at, sent, Exchange.ResponseOf(response, payload), null, RetryAfterOf(response, at));
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return new Exchange(target, at, sent, null, $"no complete answer within {_settings.Timeout.TotalSeconds:0.#} s (fetch: timeout_seconds).", null);
        }
        catch (HttpRequestException e)
        {
            return new Exchange(target, at, sent, null, $"could not connect or the connection broke ({e.Message}).", null);
        }
        finally
        {
            _pacing.Answered(target.Authority);
        }
    }

    private string TooLargeMessage(long? length) =>
        $"the response is {(length is long l ? $"{l / (1024.0 * 1024):0.#} MB" : "larger than that")}, over the limit of {_settings.MaxBytes / (1024.0 * 1024):0.###} MB (fetch: max_megabytes); not kept.";

    private async Task<byte[]?> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancel)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var kept = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancel).ConfigureAwait(false)) > 0)
            {
                if (kept.Length + read > _settings.MaxBytes)
                {
                    return null;
                }

                kept.Write(buffer, 0, read);
            }

            return kept.ToArray();
        }
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response, DateTimeOffset at) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > at ? date - at : TimeSpan.Zero,
        _ => null,
    };

    // The response record, then its request pointing at it; returns the response record's id.
    private string Store(Exchange exchange)
    {
        var id = _warc.WriteResponse(exchange.Target, exchange.At, exchange.Response!, null);
        _warc.WriteRequest(exchange.Target, exchange.At, exchange.Request, id);
        return id;
    }

    private static Uri WithoutFragment(Uri address) =>
        address.Fragment.Length == 0 ? address : new Uri(address.GetLeftPart(UriPartial.Query));

    private static DateTimeOffset Seconds(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    public void Dispose() => _client.Dispose();

    internal static string Describe(FetchResult result) => string.Create(CultureInfo.InvariantCulture, $"{result.Final} ({result.Payload.Length / 1024.0:0.#} KB, {result.Message})");
}
