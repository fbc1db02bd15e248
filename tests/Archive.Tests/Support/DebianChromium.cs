using Archive.Cli;
using Microsoft.Playwright;

namespace Archive.Tests.Support;

/// <summary>
/// A built site served on 127.0.0.1 and Debian's chromium, headless, with the flags this machine needs (no sandbox
/// as root, no background network); stops both when disposed.
/// </summary>
public sealed class DebianChromium : IAsyncDisposable
{
    private readonly StaticSiteServer _server;
    private readonly IPlaywright _playwright;

    private DebianChromium(StaticSiteServer server, IPlaywright playwright, IBrowser browser)
    {
        _server = server;
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public string Address => _server.Address;

    public static async Task<DebianChromium> ServeAsync(string output)
    {
        var server = await StaticSiteServer.StartAsync(output);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        return new DebianChromium(server, playwright, browser);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
        await _server.DisposeAsync();
    }
}
