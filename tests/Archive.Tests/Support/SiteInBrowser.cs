using Microsoft.Playwright;

namespace Archive.Tests.Support;

/// <summary>
/// The shipped site built once, served by the real static server on 127.0.0.1, and a headless Debian Chromium
/// driven by Playwright. Shared by the browser tests of a class.
/// </summary>
public sealed class SiteInBrowser : IAsyncLifetime
{
    private readonly BuiltSite _site = new();
    private DebianChromium? _chromium;

    public IBrowser Browser => _chromium!.Browser;

    public string Address => _chromium!.Address;

    public string Output => _site.Output;

    public static string ScreenshotFolder { get; } = Path.Combine(RepoPaths.Root, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        _chromium = await DebianChromium.ServeAsync(_site.Output);
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A new page in a fresh context (empty cache), recording console errors and failed requests.</summary>
    public Task<(IPage Page, List<string> Errors)> OpenAsync(string path, int width = 1280, int height = 900) =>
        OpenAsync(Browser, Address, path, width, height);

    /// <summary>As <see cref="OpenAsync(string, int, int)"/>, for any site <paramref name="browser"/> is served at <paramref name="address"/>.</summary>
    public static async Task<(IPage Page, List<string> Errors)> OpenAsync(IBrowser browser, string address, string path, int width = 1280, int height = 900)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add("console: " + message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add("page error: " + error);
        page.RequestFailed += (_, request) => errors.Add("request failed: " + request.Url);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                errors.Add($"HTTP {response.Status}: {response.Url}");
            }
        };
        await page.GotoAsync(address + path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        return (page, errors);
    }

    /// <summary>
    /// Opens <paramref name="path"/> at <paramref name="width"/> px and checks what every page must: no console or
    /// request errors, nothing wider than the screen; saves a full-page screenshot named
    /// <paramref name="screenshotPrefix"/>-path-width.png for a person to look at. The caller closes the page's context.
    /// </summary>
    public static async Task<IPage> OpenCheckedAsync(IBrowser browser, string address, string path, int width, string screenshotPrefix)
    {
        var (page, errors) = await OpenAsync(browser, address, path, width);
        Assert.Empty(errors);
        var name = $"{screenshotPrefix}-{path.Replace('/', '_').Replace(".html", "", StringComparison.Ordinal)}-{width}.png";
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name), FullPage = true });
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{path} is {overflow}px wider than a {width}px screen");
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        _site.Dispose();
    }
}
