using System.Globalization;
using System.Net;
using Archive.Collect.Warc;

namespace Archive.Collect;

/// <summary>
/// Sends one GET the way the collector always does: after the host's pause, with the collector's User-Agent and
/// (when an earlier run has the address) a conditional request, within the time limit, reading at most the size
/// limit, and again with growing waits after a 429, a 5xx, a timeout or a broken connection (Retry-After honoured).
/// It stores what it retries after in the WARC; the caller stores the final answer, whose meaning it decides.
/// </summary>
internal sealed class ExchangeSender : IDisposable
{
    private readonly FetchSettings _settings;
    private readonly WarcWriter _warc;
    private readonly Action<string> _progress;
    private readonly HostPacing _pacing = new();
    private readonly HttpClient _client;

    public ExchangeSender(FetchSettings settings, WarcWriter warc, Action<string> progress)
    {
        _settings = settings;
        _warc = warc;
        _progress = progress;
        _client = new HttpClient(new SocketsHttpHandler
        {
            // Redirects are followed by the caller, one recorded exchange per hop; payloads are kept as sent.
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

    public async Task<Exchange> SendAsync(Uri target, EarlierResponse? earlier, TimeSpan pause, CancellationToken cancel)
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

            if (exchange.Response is not null)
            {
                Store(exchange);
            }

            if (exchange.RetryAfter > _settings.MaxRetryAfter)
            {
                return exchange with { Response = null, Failure = $"{what} and asks to come back in {exchange.RetryAfter.Value.TotalSeconds:0} s, longer than the {_settings.MaxRetryAfter.TotalSeconds:0} s the collector waits; try again later." };
            }

            var wait = exchange.RetryAfter ?? Backoff(attempt);
            _progress($"{target}: {what}; trying again in {wait.TotalSeconds:0.#} s");
            await Task.Delay(wait, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>The response record, then its request pointing at it; returns the response record's id.</summary>
    public string Store(Exchange exchange)
    {
        var id = _warc.WriteResponse(exchange.Target, exchange.At, exchange.Response!, null);
        _warc.WriteRequest(exchange.Target, exchange.At, exchange.Request, id);
        return id;
    }

    /// <summary>An answer whose payload an earlier record holds: a revisit record pointing at it, then the request.</summary>
    public void StoreRevisit(Exchange exchange, EarlierResponse earlier)
    {
        var id = _warc.WriteRevisit(exchange.Target, exchange.At, exchange.Response! with { Payload = [] }, earlier.RecordId, earlier.Target, earlier.Date, earlier.PayloadDigest);
        _warc.WriteRequest(exchange.Target, exchange.At, exchange.Request, id);
    }

    public void Dispose() => _client.Dispose();

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
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // A body cut off mid-stream is an IOException (HttpIOException), as a refused connection is an HttpRequestException.
            return new Exchange(target, at, sent, null, $"could not connect, or the connection broke ({e.Message}).", null);
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
}
