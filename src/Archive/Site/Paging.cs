using Archive.Core;
using Archive.Site.Views;

namespace Archive.Site;

/// <summary>A list cut into pages of at most a given length: the first at the list's own address, the next at …-2.html.</summary>
internal static class Paging
{
    /// <summary>
    /// The pages of <paramref name="items"/>, each with its address and a pager whose links are labelled by the first
    /// and last region (<paramref name="regionOf"/>) on each page. An empty list is one empty page.
    /// </summary>
    public static List<(string Path, IReadOnlyList<T> Items, Pager Pager)> Split<T>(IReadOnlyList<T> items, int perPage, string path, Func<T, string> regionOf)
    {
        // As many pages as needed, filled evenly (301 lines at 300 a page are 151 and 150, not 300 and 1).
        var count = Math.Max(1, (items.Count + Math.Max(1, perPage) - 1) / Math.Max(1, perPage));
        var (size, longer) = (items.Count / count, items.Count % count);
        var slices = new List<IReadOnlyList<T>>();
        for (int i = 0, start = 0; i < count; start += slices[^1].Count, i++)
        {
            slices.Add([.. items.Skip(start).Take(size + (i < longer ? 1 : 0))]);
        }

        var labels = slices.Select(s => s.Count == 0 ? "" : Label(regionOf(s[0]), regionOf(s[^1]))).ToList();
        return [.. slices.Select((slice, i) => (SitePaths.Paged(path, i + 1), slice,
            new Pager([.. labels.Select((label, j) => new PageLink(j + 1, SitePaths.Paged(path, j + 1), label, i == j))])))];
    }

    private static string Label(string first, string last) => first == last ? first : $"{first}—{last}";
}
