using System.Text.RegularExpressions;
using Archive.Core;
using Archive.Corpus;
using Archive.Tests.Support;
using Microsoft.Playwright;

namespace Archive.Tests.Browser;

/// <summary>
/// A citizen finds their district's bureaus in three clicks from the home page (issue 21, item 9): home → province →
/// city → district, each a link on the page before, on a desktop and on a phone.
/// </summary>
public class BrowseTests(SiteInBrowser browser) : IClassFixture<SiteInBrowser>
{
    [Theory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task A_districts_bureaus_are_three_clicks_from_the_home_page(int width)
    {
        var corpus = new CorpusReader().ReadValid(RepoPaths.Input);
        // 深圳市罗湖区: a district of a city of a province (a municipality's districts are one click nearer).
        var bureau = corpus.Bureaus.Single(b => b.DivisionCode == "440303");
        var (page, errors) = await browser.OpenAsync(SitePaths.Home, width);

        foreach (var (name, path) in new[] { ("广东省", SitePaths.Region("440000")), ("深圳市", SitePaths.Region("440300")), ("罗湖区", SitePaths.Region("440303")) })
        {
            await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).First.ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(EndsWith(path));
        }

        // In the district's list of bureaus (its reports below link the bureau too).
        var link = page.Locator("main ul.plain").GetByRole(AriaRole.Link, new() { Name = bureau.Name, Exact = true });
        await link.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(EndsWith(SitePaths.Bureau(bureau.Id)));
        Assert.Equal(bureau.Name, (await page.InnerTextAsync("h1")).Trim());
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }

    // Not WaitForURLAsync: once the URL has committed it waits for the 'load' event, which Playwright can miss when a
    // page loads quickly (a 30 s timeout seen in CI). The next locator waits for the new document.
    private static Regex EndsWith(string path) => new("/" + Regex.Escape(path) + "$");
}
