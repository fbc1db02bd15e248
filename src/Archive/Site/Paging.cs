using Archive.Core;
using Archive.Site.Views;

namespace Archive.Site;

/// <summary>A list cut into pages of a fixed length: the first at the list's own address, the next at …-2.html.</summary>
internal static class Paging
{
    /// <summary>
    /// The pages of <paramref name="items"/>, each with its address and a pager whose links are labelled by the first
    /// and last region (<paramref name="regionOf"/>) on each page. An empty list is one empty page.
    /// </summary>
    public static List<(string Path, IReadOnlyList<T> Items, Pager Pager)> Split<T>(IReadOnlyList<T> items, int perPage, string path, Func<T, string> regionOf)
    {
        perPage = Math.Max(1, perPage);
        var count = Math.Max(1, (items.Count + perPage - 1) / perPage);
        var slices = Enumerable.Range(0, count).Select(i => (IReadOnlyList<T>)[.. items.Skip(i * perPage).Take(perPage)]).ToList();
        var labels = slices.Select(s => s.Count == 0 ? "" : Label(regionOf(s[0]), regionOf(s[^1]))).ToList();
        return [.. slices.Select((slice, i) => (SitePaths.Paged(path, i + 1), slice,
            new Pager([.. labels.Select((label, j) => new PageLink(j + 1, SitePaths.Paged(path, j + 1), label, i == j))])))];
    }

    private static string Label(string first, string last) => first == last ? first : $"{first}—{last}";
}
