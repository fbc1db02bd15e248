using Archive.Tests.Support;
using Microsoft.Playwright;

namespace Archive.Tests.SearchClient;

/// <summary>
/// The search page in a fresh browser context (empty cache), served with the Content-Security-Policy of
/// output-config/, recording console errors, page errors, failed requests and every response.
/// </summary>
public sealed class SearchPage : IAsyncDisposable
{
    // The policy the shipped server configs send (output-config/_headers): no inline script or style.
    public const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private SearchPage(IPage page)
    {
        Page = page;
    }

    public IPage Page { get; }

    public List<string> Errors { get; } = [];

    // Playwright reports responses from its own thread, and passages keep loading after the results are shown: the
    // test reads a copy.
    private readonly List<IResponse> _responses = [];

    // Requests sent and not yet answered (finished or failed): what a test waits out before it counts what comes next.
    private int _inFlight;

    /// <summary>The responses so far, in order of arrival.</summary>
    public IReadOnlyList<IResponse> Responses
    {
        get
        {
            lock (_responses)
            {
                return [.. _responses];
            }
        }
    }

    public ILocator Status => Page.Locator("#search-status");

    public ILocator Results => Page.Locator("#search-results > li.result");

    public static Task<SearchPage> OpenAsync(SiteInBrowser browser, string path = "search.html", int width = 1280, int height = 900) =>
        OpenAsync(browser.Browser, browser.Address, path, width, height);

    /// <summary>The page at <paramref name="path"/> of the site served at <paramref name="address"/>.</summary>
    public static async Task<SearchPage> OpenAsync(IBrowser browser, string address, string path = "search.html", int width = 1280, int height = 900)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "zh-CN" });
        await context.RouteAsync("**/*.html*", async route =>
        {
            var response = await route.FetchAsync();
            var headers = new Dictionary<string, string>(response.Headers) { ["content-security-policy"] = Policy };
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Headers = headers });
        });
        var page = new SearchPage(await context.NewPageAsync());
        page.Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                page.Errors.Add("console: " + message.Text);
            }
        };
        page.Page.PageError += (_, error) => page.Errors.Add("page error: " + error);
        page.Page.Request += (_, _) => Interlocked.Increment(ref page._inFlight);
        page.Page.RequestFinished += (_, _) => Interlocked.Decrement(ref page._inFlight);
        page.Page.RequestFailed += (_, request) =>
        {
            Interlocked.Decrement(ref page._inFlight);
            page.Errors.Add("request failed: " + request.Url);
        };
        page.Page.Response += (_, response) =>
        {
            lock (page._responses)
            {
                page._responses.Add(response);
            }

            if (response.Status >= 400)
            {
                page.Errors.Add($"HTTP {response.Status}: {response.Url}");
            }
        };
        await page.Page.GotoAsync(address + path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        return page;
    }

    /// <summary>Types like a person, key by key, without pressing Enter, and waits for the results of what was typed.</summary>
    public async Task TypeAsync(string text)
    {
        await Page.Locator("#q").PressSequentiallyAsync(text, new LocatorPressSequentiallyOptions { Delay = 30 });
        await Page.WaitForFunctionAsync("() => new URLSearchParams(location.search).get('q') === document.getElementById('q').value");
        await WaitForResultsAsync();
    }

    /// <summary>Waits until the page shows the results for the state in its address.</summary>
    public async Task WaitForResultsAsync()
    {
        await Page.WaitForFunctionAsync("() => document.getElementById('search-app').dataset.shown === new URLSearchParams(location.search).toString()");
    }

    /// <summary>
    /// Waits until every shown result near the window has its passages: they load after the results, each once its
    /// item comes within a quarter of a window of the view; items further down wait for the reader to scroll.
    /// </summary>
    public async Task WaitForPassagesAsync()
    {
        await Page.WaitForFunctionAsync("() => [...document.querySelectorAll('#search-results .awaiting-passages')].every(n => n.getBoundingClientRect().top > innerHeight * 1.25)");
    }

    /// <summary>
    /// Waits for <see cref="WaitForPassagesAsync"/> and then until no request has been in flight for a while: loading
    /// one result's passages moves the items below, which may bring another within reach of the window just after
    /// the passages' condition held, and under load its read would otherwise be counted with the next query's.
    /// </summary>
    public async Task WaitForQuietAsync()
    {
        await WaitForPassagesAsync();
        for (var quiet = 0; quiet < 3;)
        {
            await Task.Delay(100);
            quiet = Volatile.Read(ref _inFlight) == 0 ? quiet + 1 : 0;
        }

        await WaitForPassagesAsync();
    }

    public async ValueTask DisposeAsync() => await Page.Context.CloseAsync();
}
