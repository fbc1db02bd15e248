using System.Net;
using System.Text;
using Archive.Collect.Warc;

namespace Archive.Collect;

/// <summary>
/// One request sent and what came back of it: the response as the server sent it (status, headers in their order,
/// payload de-chunked but not decompressed), or the reason nothing usable came back.
/// </summary>
internal sealed record Exchange(Uri Target, DateTimeOffset At, HttpMessage Request, HttpMessage? Response, string? Failure, TimeSpan? RetryAfter)
{
    public int Status => Response?.Status ?? 0;

    /// <summary>A 429, a 5xx, a timeout or a dropped connection: worth asking again later.</summary>
    public bool IsTransient => Response is null ? Failure is not null && !TooLarge : Status is 429 or >= 500;

    /// <summary>The response exceeded the size limit: asking again would fetch the same bytes.</summary>
    public bool TooLarge { get; init; }

    /// <summary>The request as it was composed, in HTTP/1.1 form, for the WARC request record.</summary>
    public static HttpMessage RequestOf(HttpRequestMessage request)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Host", request.RequestUri!.Authority) };
        foreach (var header in request.Headers.NonValidated)
        {
            headers.AddRange(header.Value.Select(v => new KeyValuePair<string, string>(header.Key, v)));
        }

        return new HttpMessage($"{request.Method} {request.RequestUri.PathAndQuery} HTTP/1.1", headers, []);
    }

    /// <summary>The response head as received (header values unparsed, in the order the server sent them) and its payload.</summary>
    public static HttpMessage ResponseOf(HttpResponseMessage response, byte[] payload)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var header in response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated))
        {
            headers.AddRange(header.Value.Select(v => new KeyValuePair<string, string>(header.Key, v)));
        }

        var reason = response.ReasonPhrase ?? ReasonOf(response.StatusCode);
        return new HttpMessage($"HTTP/{response.Version.Major}.{response.Version.Minor} {(int)response.StatusCode} {reason}", headers, payload);
    }

    private static string ReasonOf(HttpStatusCode status)
    {
        var name = status.ToString();
        var text = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(c);
        }

        return text.ToString();
    }
}
