using System.Text.RegularExpressions;
using Archive.Build;
using Archive.Core;
using Archive.Tests.Support;

namespace Archive.Tests.Site;

/// <summary>
/// Key terms and similar reports in the site (issue 20, part 4), on <see cref="KeyTermsCorpus"/>: a report page lists
/// at most 10 terms and a bureau page at most 20 (the word planted in its reports among them), each a link to a search
/// for it as a phrase; a report page lists
/// five reports of other bureaus, the one that shares its rare words first; the methods page says how.
/// </summary>
public sealed class KeyTermsSiteTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _output;

    public KeyTermsSiteTests()
    {
        KeyTermsCorpus.Write(_temp);
        _output = _temp.Combine("output");
        new SiteBuilder().Build(new BuildPaths(_temp.Combine("input"), RepoPaths.Theme, _output));
    }

    [Fact]
    public void A_report_lists_its_distinctive_terms_each_linked_to_a_search_for_it_as_a_phrase()
    {
        var terms = Terms(Page(SitePaths.Report(KeyTermsCorpus.First)));
        Assert.InRange(terms.Count, 3, 10);
        foreach (var word in KeyTermsCorpus.Planted)
        {
            // The search page reads q from the address; quoted, it is a phrase, as the trends page links its terms.
            Assert.Contains((word, "../search.html?q=" + Uri.EscapeDataString($"\"{word}\"")), terms);
        }

        // Words that every report uses are no key terms anywhere.
        foreach (var report in Directory.EnumerateFiles(Path.Combine(_output, "reports"), "*.html"))
        {
            Assert.DoesNotContain(Terms(File.ReadAllText(report)), t => t.Word is "依法" or "行政" or "我局");
        }
    }

    [Fact]
    public void A_bureau_lists_its_distinctive_terms_linked_the_same_way()
    {
        var terms = Terms(Page(SitePaths.Bureau(KeyTermsCorpus.FirstBureau)));
        Assert.InRange(terms.Count, 3, 20);
        var planted = (KeyTermsCorpus.OfBureau, "../search.html?q=" + Uri.EscapeDataString($"\"{KeyTermsCorpus.OfBureau}\""));
        Assert.Contains(planted, terms);
        Assert.DoesNotContain(planted, Terms(Page(SitePaths.Bureau("440303-hrss"))));
    }

    [Fact]
    public void A_report_lists_five_similar_reports_of_other_bureaus_the_one_sharing_its_rare_words_first()
    {
        var similar = Similar(Page(SitePaths.Report(KeyTermsCorpus.First)));
        Assert.Equal(5, similar.Count);
        Assert.Equal(KeyTermsCorpus.Second, similar[0]);
        Assert.Equal(KeyTermsCorpus.First, Similar(Page(SitePaths.Report(KeyTermsCorpus.Second)))[0]);
        foreach (var report in Directory.EnumerateFiles(Path.Combine(_output, "reports"), "*.html"))
        {
            var id = Path.GetFileNameWithoutExtension(report);
            var others = Similar(File.ReadAllText(report));
            Assert.NotEmpty(others);
            // Never its own bureau's, never twice, and each a page that exists.
            Assert.DoesNotContain(others, o => o.StartsWith(id[..id.IndexOf("-hrss", StringComparison.Ordinal)], StringComparison.Ordinal));
            Assert.Equal(others.Count, others.Distinct().Count());
            Assert.All(others, o => Assert.True(File.Exists(Path.Combine(_output, SitePaths.Report(o))), o));
        }
    }

    [Fact]
    public void The_methods_page_says_how_terms_and_similar_reports_are_chosen()
    {
        var methods = Page("methods.html");
        Assert.Contains("id=\"key-terms\"", methods, StringComparison.Ordinal);
        Assert.Contains("SmartCn", methods, StringComparison.Ordinal);
        Assert.Contains("余弦", methods, StringComparison.Ordinal);
        Assert.Contains("methods.html#key-terms", Page(SitePaths.Report(KeyTermsCorpus.First)), StringComparison.Ordinal);
    }

    private string Page(string path) => File.ReadAllText(Path.Combine(_output, path));

    private static List<(string Word, string Url)> Terms(string page) =>
        [.. Regex.Matches(Regex.Match(page, "<ul class=\"terms\"[^>]*>(.*?)</ul>", RegexOptions.Singleline).Groups[1].Value, "<a href=\"([^\"]+)\"[^>]*>([^<]+)</a>")
            .Select(m => (m.Groups[2].Value, m.Groups[1].Value))];

    // The ids of the similar reports listed, in order.
    private static List<string> Similar(string page) =>
        [.. Regex.Matches(Regex.Match(page, "<ol class=\"similar-list\">(.*?)</ol>", RegexOptions.Singleline).Groups[1].Value, "<a href=\"\\.\\./reports/([^\"]+)\\.html\">")
            .Select(m => m.Groups[1].Value)];

    public void Dispose() => _temp.Dispose();
}
