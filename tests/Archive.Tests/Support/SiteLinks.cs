using AngleSharp.Html.Parser;
using Archive.Core;

namespace Archive.Tests.Support;

/// <summary>
/// The crawl of a built site: every internal link, script and image of every page, and every fragment, must lead to a
/// file and an element of the site; a data: download must carry whole base64.
/// </summary>
public static class SiteLinks
{
    private static readonly HtmlParser Parser = new();

    /// <summary>How many links were checked, and each broken one with its page and why.</summary>
    public static (int Checked, List<string> Broken) Check(string output)
    {
        var broken = new List<string>();
        var ids = new Dictionary<string, HashSet<string>>();
        HashSet<string> IdsOf(string file) => ids.TryGetValue(file, out var set)
            ? set
            : ids[file] = Parser.ParseDocument(File.ReadAllText(file)).QuerySelectorAll("[id]").Select(e => e.Id!).ToHashSet();

        var checkedLinks = 0;
        foreach (var page in Directory.EnumerateFiles(output, "*.html", SearchOption.AllDirectories))
        {
            var document = Parser.ParseDocument(File.ReadAllText(page));
            var relativePage = Path.GetRelativePath(output, page).Replace('\\', '/');
            foreach (var link in document.QuerySelectorAll("a[href], link[href], script[src], img[src]"))
            {
                var target = link.GetAttribute("href") ?? link.GetAttribute("src")!;
                if (target.StartsWith("http:", StringComparison.Ordinal) || target.StartsWith("https:", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                checkedLinks++;
                if (target.StartsWith("data:", StringComparison.Ordinal))
                {
                    // A download that carries its content (a report's RIS and BibTeX): whole when its base64 decodes.
                    if (target.Split(";base64,") is not [_, var data] || !Convert.TryFromBase64String(data, new byte[data.Length], out var length) || length == 0)
                    {
                        broken.Add($"{relativePage}: {target[..Math.Min(60, target.Length)]}… (not a whole base64 data: URL)");
                    }

                    continue;
                }

                var (pathPart, fragment) = target.Split('#') is [var p, var f] ? (p, f) : (target.Split('?')[0], null);
                pathPart = pathPart.Split('?')[0];
                string file;
                if (pathPart.Length == 0)
                {
                    file = page;
                }
                else if (pathPart.StartsWith('/'))
                {
                    // Only the 404 page links from the base path, because it is served at any address.
                    if (relativePage != SitePaths.NotFound)
                    {
                        broken.Add($"{relativePage}: {target} (from the base path)");
                    }

                    file = Path.Combine(output, pathPart.TrimStart('/'));
                }
                else
                {
                    file = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, Uri.UnescapeDataString(pathPart)));
                }

                if (Directory.Exists(file))
                {
                    file = Path.Combine(file, "index.html");
                }

                if (!file.StartsWith(output, StringComparison.Ordinal) || !File.Exists(file))
                {
                    broken.Add($"{relativePage}: {target} (no file)");
                }
                else if (fragment is { Length: > 0 } && file.EndsWith(".html", StringComparison.Ordinal) && !IdsOf(file).Contains(fragment))
                {
                    broken.Add($"{relativePage}: {target} (no anchor)");
                }
            }
        }

        return (checkedLinks, broken);
    }
}
