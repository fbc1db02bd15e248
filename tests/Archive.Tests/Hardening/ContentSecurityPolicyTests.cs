using Archive.Tests.Support;
using System.Text.RegularExpressions;

namespace Archive.Tests.Hardening;

/// <summary>
/// One Content-Security-Policy forbidding inline script, sent by every shipped server config and repeated in the
/// pages' own meta tag (without frame-ancestors, which a meta tag cannot set) for hosts that send no headers.
/// </summary>
public partial class ContentSecurityPolicyTests
{
    /// <summary>The policy of output-config/_headers, the one the browser tests send.</summary>
    public static string HeaderPolicy() => Policies()["_headers"];

    [Fact]
    public void Every_server_config_sends_the_same_policy_and_it_forbids_inline_script()
    {
        var policies = Policies();

        Assert.Equal(4, policies.Count);
        Assert.Single(policies.Values.Distinct());
        var directives = Directives(HeaderPolicy());
        Assert.Equal("'self'", directives["script-src"]);
        Assert.Equal("'none'", directives["object-src"]);
        Assert.Equal("'self'", directives["base-uri"]);
        Assert.Equal("'none'", directives["frame-ancestors"]);
        Assert.DoesNotContain("unsafe", HeaderPolicy());
    }

    [Fact]
    public void The_layout_repeats_the_policy_in_a_meta_tag_without_frame_ancestors()
    {
        var layout = File.ReadAllText(Path.Combine(RepoPaths.Theme, "templates", "layout.liquid"));

        var meta = MetaPolicy().Match(layout);

        Assert.True(meta.Success, "layout.liquid has no Content-Security-Policy meta tag");
        var expected = Directives(HeaderPolicy());
        expected.Remove("frame-ancestors");
        Assert.Equal(expected, Directives(meta.Groups["policy"].Value));
        Assert.True(meta.Index < layout.IndexOf("<link", StringComparison.Ordinal), "the meta tag must come before anything the page loads");
    }

    private static Dictionary<string, string> Policies()
    {
        var policies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "nginx.conf", ".htaccess", "Caddyfile", "_headers" })
        {
            var found = HeaderLine().Matches(File.ReadAllText(Path.Combine(RepoPaths.OutputConfig, name))).Select(m => m.Groups["policy"].Value).Distinct().ToList();
            Assert.True(found.Count == 1, $"{name}: {found.Count} different policies");
            policies[name] = found[0];
        }

        return policies;
    }

    private static Dictionary<string, string> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => string.Join(' ', d.Split(' ').Skip(1)));

    [GeneratedRegex("Content-Security-Policy:?\\s+\"?(?<policy>default-src[^\"\\n]+?)\"?\\s*(always;)?$", RegexOptions.Multiline)]
    private static partial Regex HeaderLine();

    [GeneratedRegex("<meta http-equiv=\"Content-Security-Policy\" content=\"(?<policy>[^\"]+)\">")]
    private static partial Regex MetaPolicy();
}
