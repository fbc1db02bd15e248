using System.Text;
using Archive.Collect.Robots;

namespace Archive.Tests.Collect;

public class RobotsRulesTests
{
    private const string Agent = "ArchiveFetch";

    // RFC 9309 5.1, as printed.
    private const string SimpleExample = """
        User-Agent: *
        Disallow: *.gif$
        Disallow: /example/
        Allow: /publications/

        User-Agent: foobot
        Disallow:/
        Allow:/example/page.html
        Allow:/example/allowed.gif

        User-Agent: barbot
        User-Agent: bazbot
        Disallow: /example/page.html

        User-Agent: quxbot

        EOF
        """;

    private static bool Allows(string robots, string path, string agent = Agent) => RobotsRules.Parse(robots, agent).Allows(path);

    [Theory]
    [InlineData("foobot", "/example/page.html", true)]
    [InlineData("foobot", "/example/allowed.gif", true)]
    [InlineData("foobot", "/", false)]
    [InlineData("foobot", "/publications/", false)]
    [InlineData("foobot", "/example/other.html", false)]
    [InlineData("barbot", "/example/page.html", false)]
    [InlineData("bazbot", "/example/page.html", false)]
    [InlineData("barbot", "/example/other.html", true)]
    [InlineData("bazbot", "/picture.gif", true)]
    [InlineData("quxbot", "/example/page.html", true)]
    [InlineData("quxbot", "/picture.gif", true)]
    [InlineData("otherbot", "/picture.gif", false)]
    [InlineData("otherbot", "/a/b/picture.gif", false)]
    [InlineData("otherbot", "/picture.gif?size=2", true)]
    [InlineData("otherbot", "/example/", false)]
    [InlineData("otherbot", "/example/page.html", false)]
    [InlineData("otherbot", "/publications/", true)]
    [InlineData("otherbot", "/publications/2024.pdf", true)]
    [InlineData("otherbot", "/", true)]
    public void The_simple_example_of_RFC_9309_section_5_1_gives_each_agent_its_group(string agent, string path, bool allowed)
    {
        Assert.Equal(allowed, Allows(SimpleExample, path, agent));
    }

    [Theory]
    [InlineData("/example/page/", true)]
    [InlineData("/example/page/other.gif", true)]
    [InlineData("/example/page/disallowed.gif", false)]
    [InlineData("/example/page/disallowed.gif?x=1", false)]
    public void The_longest_match_example_of_RFC_9309_section_5_2_lets_the_longer_rule_decide(string path, bool allowed)
    {
        const string Robots = """
            User-Agent: foobot
            Allow: /example/page/
            Disallow: /example/page/disallowed.gif
            """;

        Assert.Equal(allowed, Allows(Robots, path, "foobot"));
    }

    [Theory]
    [InlineData("User-agent: *\nAllow: /\nDisallow: /cgi-bin")]
    [InlineData("User-agent: *\nDisallow: /cgi-bin\nAllow: /")]
    public void The_longest_match_wins_whatever_the_order_of_the_lines(string robots)
    {
        Assert.True(Allows(robots, "/index.html"));
        Assert.False(Allows(robots, "/cgi-bin/run"));
    }

    [Theory]
    [InlineData("User-agent: *\nDisallow: /docs/\nAllow: /docs/public/")]
    [InlineData("User-agent: *\nAllow: /docs/public/\nDisallow: /docs/")]
    public void A_longer_allow_opens_a_path_inside_a_shorter_disallow(string robots)
    {
        Assert.True(Allows(robots, "/docs/public/a.html"));
        Assert.False(Allows(robots, "/docs/private/a.html"));
        Assert.True(Allows(robots, "/other"));
    }

    [Theory]
    [InlineData("User-agent: *\nAllow: /page\nDisallow: /page")]
    [InlineData("User-agent: *\nDisallow: /page\nAllow: /page")]
    [InlineData("User-agent: *\nDisallow: /page\nAllow: /pag*")]
    [InlineData("User-agent: *\nAllow: /*age\nDisallow: /page")]
    public void An_allow_wins_a_tie_with_a_disallow_of_the_same_length(string robots)
    {
        Assert.True(Allows(robots, "/page.html"));
    }

    [Fact]
    public void Match_length_is_counted_in_octets_of_the_rule_not_in_characters()
    {
        // "/ツ" is two characters but nine octets once encoded; "/*a" is three.
        const string Robots = "User-agent: *\nDisallow: /ツ\nAllow: /*a";

        Assert.False(Allows(Robots, "/%E3%83%84a"));
        Assert.True(Allows(Robots, "/ba"));
    }

    [Theory]
    [InlineData("/*.php", "/index.php", false)]
    [InlineData("/*.php", "/a/b/index.php?x=1", false)]
    [InlineData("/*.php", "/index.html", true)]
    [InlineData("/*.php", "/.php", false)]
    [InlineData("/fish*", "/fish", false)]
    [InlineData("/fish*", "/fishheads/yummy.html", false)]
    [InlineData("/fish*", "/Fish.asp", true)]
    [InlineData("/fish", "/fish.html", false)]
    [InlineData("/fish", "/catfish", true)]
    [InlineData("/*.php$", "/filename.php", false)]
    [InlineData("/*.php$", "/folder/filename.php", false)]
    [InlineData("/*.php$", "/filename.php?parameters", true)]
    [InlineData("/*.php$", "/filename.php5", true)]
    [InlineData("/*.php$", "/windows.PHP", true)]
    [InlineData("/fish$", "/fish", false)]
    [InlineData("/fish$", "/fish/", true)]
    [InlineData("/a*b*c", "/axxbyyc", false)]
    [InlineData("/a*b*c", "/axxcyyb", true)]
    [InlineData("/a*b*c$", "/abcbc", false)]
    [InlineData("/a*b*c$", "/abcbd", true)]
    [InlineData("/a**b", "/axb", false)]
    [InlineData("*", "/anything", false)]
    [InlineData("/a$b", "/a$b", false)]
    [InlineData("/a$b", "/a%24b", false)]
    [InlineData("/a$b", "/ab", true)]
    public void Wildcards_match_any_run_and_a_final_dollar_anchors_the_end(string rule, string path, bool allowed)
    {
        Assert.Equal(allowed, Allows($"User-agent: *\nDisallow: {rule}", path));
    }

    [Theory]
    [InlineData("/foo/bar/ツ", "/foo/bar/%E3%83%84", false)]
    [InlineData("/foo/bar/ツ", "/foo/bar/%e3%83%84", false)]
    [InlineData("/foo/bar/ツ", "/foo/bar/ツ", false)]
    [InlineData("/foo/bar/%E3%83%84", "/foo/bar/ツ", false)]
    [InlineData("/foo/bar/%e3%83%84", "/foo/bar/%E3%83%84", false)]
    [InlineData("/foo/bar/ツ", "/foo/bar/%E3%83%85", true)]
    [InlineData("/报告", "/%E6%8A%A5%E5%91%8A/2024.html", false)]
    [InlineData("/foo/bar/%62%61%7A", "/foo/bar/baz", false)]
    [InlineData("/foo/bar/baz", "/foo/bar/%62%61%7a", false)]
    [InlineData("/%7Euser", "/~user/index.html", false)]
    [InlineData("/~user", "/%7euser/index.html", false)]
    [InlineData("/a%3cd.html", "/a%3Cd.html", false)]
    [InlineData("/a<d.html", "/a%3Cd.html", false)]
    [InlineData("/a%2fb.html", "/a%2Fb.html", false)]
    [InlineData("/a%2Fb.html", "/a/b.html", true)]
    [InlineData("/a/b.html", "/a%2Fb.html", true)]
    [InlineData("/file-with-a-%2A.html", "/file-with-a-*.html", false)]
    [InlineData("/file-with-a-%2A.html", "/file-with-a-x.html", true)]
    [InlineData("/path/foo-%24", "/path/foo-$", false)]
    [InlineData("/search?q=%E4%B8%AD", "/search?q=中", false)]
    public void Percent_encoding_is_compared_normalised_in_rule_and_path(string rule, string path, bool allowed)
    {
        Assert.Equal(allowed, Allows($"User-agent: *\nDisallow: {rule}", path));
    }

    [Fact]
    public void The_group_naming_the_agent_is_used_instead_of_the_star_group()
    {
        const string Robots = """
            User-agent: *
            Disallow: /
            Crawl-delay: 30

            User-agent: ArchiveFetch
            Disallow: /private/
            """;
        var rules = RobotsRules.Parse(Robots, Agent);

        Assert.True(rules.Allows("/reports/2024.html"));
        Assert.False(rules.Allows("/private/a.html"));
        Assert.Null(rules.CrawlDelay);
        Assert.False(Allows(Robots, "/reports/2024.html", "OtherBot"));
    }

    [Theory]
    [InlineData("ArchiveFetch")]
    [InlineData("archivefetch")]
    [InlineData("ARCHIVEFETCH")]
    [InlineData("ArchiveFetch/1.0")]
    [InlineData("ArchiveFetch/1.0 (+https://example.org/bot)")]
    [InlineData("  ArchiveFetch  ")]
    public void The_agent_is_named_case_insensitively_by_the_token_at_the_start_of_the_line(string userAgent)
    {
        var robots = $"User-agent: *\nAllow: /\n\nUser-agent: {userAgent}\nDisallow: /";

        Assert.False(Allows(robots, "/page"));
    }

    [Theory]
    [InlineData("ArchiveFetcher")]
    [InlineData("Archive")]
    [InlineData("Archive Fetch")]
    [InlineData("Archive.Fetch")]
    [InlineData("MyArchiveFetch")]
    public void Other_tokens_do_not_name_the_agent(string userAgent)
    {
        var robots = $"User-agent: *\nAllow: /\n\nUser-agent: {userAgent}\nDisallow: /";

        Assert.True(Allows(robots, "/page"));
    }

    [Fact]
    public void A_product_token_given_with_a_version_is_compared_by_its_name()
    {
        Assert.False(Allows("User-agent: archivefetch\nDisallow: /", "/page", "ArchiveFetch/2.1"));
    }

    [Fact]
    public void Every_group_naming_the_agent_is_merged_and_the_groups_between_are_not()
    {
        const string Robots = """
            User-agent: ArchiveFetch
            Disallow: /a/
            Crawl-delay: 2

            User-agent: *
            Disallow: /b/

            User-agent: otherbot
            Disallow: /c/

            user-agent: archivefetch
            Disallow: /d/
            Allow: /a/open/
            Crawl-delay: 5
            """;
        var rules = RobotsRules.Parse(Robots, Agent);

        Assert.False(rules.Allows("/a/x"));
        Assert.True(rules.Allows("/a/open/x"));
        Assert.True(rules.Allows("/b/x"));
        Assert.True(rules.Allows("/c/x"));
        Assert.False(rules.Allows("/d/x"));
        Assert.Equal(TimeSpan.FromSeconds(5), rules.CrawlDelay);
    }

    [Fact]
    public void Consecutive_user_agent_lines_share_the_rules_that_follow()
    {
        const string Robots = """
            User-agent: otherbot
            User-agent: ArchiveFetch
            User-agent: thirdbot
            Disallow: /shared/

            User-agent: fourthbot
            Disallow: /fourth/
            """;

        Assert.False(Allows(Robots, "/shared/x"));
        Assert.False(Allows(Robots, "/shared/x", "thirdbot"));
        Assert.True(Allows(Robots, "/fourth/x"));
    }

    [Fact]
    public void A_user_agent_line_after_a_rule_starts_a_new_group()
    {
        const string Robots = "User-agent: ArchiveFetch\nDisallow: /mine/\nUser-agent: otherbot\nDisallow: /theirs/";

        Assert.False(Allows(Robots, "/mine/x"));
        Assert.True(Allows(Robots, "/theirs/x"));
        Assert.True(Allows(Robots, "/mine/x", "otherbot"));
    }

    [Fact]
    public void A_group_listing_the_agent_and_star_applies_to_both()
    {
        const string Robots = "User-agent: *\nUser-agent: ArchiveFetch\nDisallow: /both/";

        Assert.False(Allows(Robots, "/both/x"));
        Assert.False(Allows(Robots, "/both/x", "otherbot"));
    }

    [Fact]
    public void An_empty_last_group_naming_the_agent_allows_everything_even_when_star_disallows()
    {
        Assert.True(Allows("User-agent: *\nDisallow: /\n\nUser-agent: ArchiveFetch\n", "/page"));
    }

    [Fact]
    public void A_blank_line_between_user_agent_lines_does_not_end_the_group()
    {
        // RFC 9309 2.1: only a user-agent line after rules ends a group; blank lines have no meaning.
        Assert.False(Allows("User-agent: ArchiveFetch\n\nUser-agent: *\nDisallow: /", "/page"));
    }

    [Theory]
    [InlineData("User-agent: *\nDisallow:")]
    [InlineData("User-agent: *\nDisallow:   ")]
    [InlineData("User-agent: *\nDisallow: # nothing is disallowed")]
    [InlineData("User-agent: *\nDisallow:\nAllow:")]
    public void An_empty_disallow_matches_nothing(string robots)
    {
        Assert.True(Allows(robots, "/"));
        Assert.True(Allows(robots, "/any/page.html?x=1"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing here\n")]
    [InlineData("User-agent: otherbot\nDisallow: /")]
    [InlineData("Disallow: /\nAllow: /x")]
    public void Without_a_group_for_the_agent_or_for_star_everything_is_allowed(string robots)
    {
        Assert.True(Allows(robots, "/page"));
    }

    [Fact]
    public void Rules_before_the_first_user_agent_line_are_ignored()
    {
        const string Robots = "Disallow: /early/\nUser-agent: *\nDisallow: /late/";

        Assert.True(Allows(Robots, "/early/x"));
        Assert.False(Allows(Robots, "/late/x"));
    }

    [Theory]
    [InlineData("\uFEFFUser-agent: *\nDisallow: /a/")]
    [InlineData("User-agent: *\r\nDisallow: /a/\r\n")]
    [InlineData("User-agent: *\rDisallow: /a/\r")]
    [InlineData("User-agent: *\r\n\rDisallow: /a/\n")]
    [InlineData("  User-agent: * # everyone\n\tDisallow: /a/ # the a section")]
    [InlineData("USER-AGENT : *\nDISALLOW   :   /a/")]
    [InlineData("# header\nuser-agent:*\n# between\ndisallow:/a/#trailing")]
    public void Byte_order_mark_line_endings_comments_spacing_and_key_case_do_not_change_the_rules(string robots)
    {
        Assert.False(Allows(robots, "/a/page"));
        Assert.True(Allows(robots, "/b/page"));
    }

    [Fact]
    public void Carriage_returns_alone_separate_lines()
    {
        // Read as one line, the disallow would be part of the user-agent value and nothing would be disallowed.
        var rules = RobotsRules.Parse("User-agent: ArchiveFetch\rDisallow: /a/\rUser-agent: *\rDisallow: /", Agent);

        Assert.False(rules.Allows("/a/x"));
        Assert.True(rules.Allows("/b/x"));
    }

    [Fact]
    public void A_hash_ends_the_rule_value()
    {
        Assert.True(Allows("User-agent: *\nDisallow: /a#b", "/b"));
        Assert.False(Allows("User-agent: *\nDisallow: /a#b", "/a"));
    }

    [Theory]
    [InlineData("User-agent: *\nDisallow /a/")]
    [InlineData("User-agent: *\nDisallow = /a/")]
    [InlineData("User-agent *\nDisallow: /a/")]
    public void A_line_without_a_colon_is_ignored(string robots)
    {
        Assert.True(Allows(robots, "/a/x"));
    }

    [Fact]
    public void Sitemap_and_unknown_lines_are_ignored_without_ending_the_group()
    {
        const string Robots = """
            User-agent: ArchiveFetch
            Sitemap: https://example.org/sitemap.xml
            Host: example.org
            User-agent: otherbot
            Disallow: /a/
            Clean-param: ref /b/
            Disallow: /c/
            """;

        Assert.False(Allows(Robots, "/a/x"));
        Assert.True(Allows(Robots, "/b/x"));
        Assert.False(Allows(Robots, "/c/x"));
        Assert.False(Allows(Robots, "/a/x", "otherbot"));
    }

    [Fact]
    public void A_rule_without_a_leading_slash_is_read_as_starting_with_one()
    {
        Assert.False(Allows("User-agent: *\nDisallow: private/", "/private/x"));
        Assert.True(Allows("User-agent: *\nDisallow: private/", "/public/x"));
    }

    [Fact]
    public void Lines_past_500_KiB_are_ignored()
    {
        var robots = new StringBuilder("User-agent: *\nDisallow: /before/\n");
        while (robots.Length < 600 * 1024)
        {
            robots.Append("# padding padding padding padding padding padding padding padding\n");
        }

        robots.Append("Disallow: /after/\n");
        var rules = RobotsRules.Parse(robots.ToString(), Agent);

        Assert.False(rules.Allows("/before/x"));
        Assert.True(rules.Allows("/after/x"));
    }

    [Fact]
    public void The_500_KiB_limit_counts_utf8_octets_not_characters()
    {
        // 180,000 characters of Chinese are 540,000 octets: the rule after them lies past the limit.
        var robots = "User-agent: *\nDisallow: /before/\n# " + new string('报', 180_000) + "\nDisallow: /after/\n";
        var rules = RobotsRules.Parse(robots, Agent);

        Assert.True(robots.Length < 500 * 1024);
        Assert.False(rules.Allows("/before/x"));
        Assert.True(rules.Allows("/after/x"));
    }

    [Fact]
    public void A_line_ending_at_the_limit_is_read_and_one_cut_by_it_is_dropped()
    {
        const string Whole = "Disallow: /edge/\n";
        const string Cut = "Disallow: /a-long-rule-cut-by-the-limit";
        var head = "User-agent: *\n";
        var padding = 500 * 1024 - head.Length - Whole.Length - "Disallow: /a".Length;
        var robots = head + "#" + new string('x', padding - 2) + "\n" + Whole + Cut + "\nDisallow: /after/";

        // The limit falls right after "Disallow: /a": read in part, that line would disallow /about.
        Assert.Equal(500 * 1024, robots.IndexOf(Cut, StringComparison.Ordinal) + "Disallow: /a".Length);
        var rules = RobotsRules.Parse(robots, Agent);
        Assert.False(rules.Allows("/edge/x"));
        Assert.True(rules.Allows("/about"));
        Assert.True(rules.Allows("/a-long-rule-cut-by-the-limit"));
        Assert.True(rules.Allows("/after/x"));
    }

    [Fact]
    public void A_line_whose_line_break_is_the_first_octet_past_the_limit_is_read()
    {
        var head = "User-agent: *\n";
        const string Last = "Disallow: /last/";
        var robots = head + "#" + new string('x', 500 * 1024 - head.Length - Last.Length - 2) + "\n" + Last + "\nDisallow: /after/";

        Assert.Equal(500 * 1024, robots.IndexOf(Last, StringComparison.Ordinal) + Last.Length);
        var rules = RobotsRules.Parse(robots, Agent);
        Assert.False(rules.Allows("/last/x"));
        Assert.True(rules.Allows("/after/x"));
    }

    [Theory]
    [InlineData("10", 10.0)]
    [InlineData("2.5", 2.5)]
    [InlineData(" 0.5 ", 0.5)]
    [InlineData("0", 0.0)]
    [InlineData("3 # seconds", 3.0)]
    public void Crawl_delay_is_read_in_seconds(string value, double seconds)
    {
        var rules = RobotsRules.Parse($"User-agent: *\nCrawl-delay: {value}\nDisallow: /x", Agent);

        Assert.Equal(TimeSpan.FromSeconds(seconds), rules.CrawlDelay);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("10s")]
    [InlineData("1,5")]
    [InlineData("1e3")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("99999999999999999999")]
    public void An_unparseable_crawl_delay_is_null(string value)
    {
        Assert.Null(RobotsRules.Parse($"User-agent: *\nCrawl-delay: {value}", Agent).CrawlDelay);
    }

    [Fact]
    public void Crawl_delay_is_null_when_the_chosen_group_gives_none()
    {
        Assert.Null(RobotsRules.Parse("User-agent: *\nDisallow: /x", Agent).CrawlDelay);
        Assert.Null(RobotsRules.Parse("User-agent: otherbot\nCrawl-delay: 9", Agent).CrawlDelay);
    }

    [Fact]
    public void Crawl_delay_comes_from_the_star_group_when_it_is_the_chosen_one()
    {
        var rules = RobotsRules.Parse("User-agent: otherbot\nCrawl-delay: 9\n\nUser-agent: *\nCrawl-delay: 4", Agent);

        Assert.Equal(TimeSpan.FromSeconds(4), rules.CrawlDelay);
    }

    [Theory]
    [InlineData("/robots.txt")]
    [InlineData("/robots.txt?refresh=1")]
    [InlineData("/robots%2Etxt")]
    public void Robots_txt_itself_is_always_allowed(string path)
    {
        Assert.True(Allows("User-agent: *\nDisallow: /\nDisallow: /robots.txt$", path));
        Assert.True(RobotsRules.DisallowAll.Allows(path));
    }

    [Theory]
    [InlineData("/robots.txt.bak")]
    [InlineData("/sub/robots.txt")]
    [InlineData("/ROBOTS.TXT")]
    public void Only_the_root_robots_txt_is_exempt(string path)
    {
        Assert.False(Allows("User-agent: *\nDisallow: /", path));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/reports/2024/政府工作报告.html")]
    [InlineData("/search?q=x&page=2")]
    public void AllowAll_allows_every_path_and_DisallowAll_none(string path)
    {
        Assert.True(RobotsRules.AllowAll.Allows(path));
        Assert.False(RobotsRules.DisallowAll.Allows(path));
        Assert.Null(RobotsRules.AllowAll.CrawlDelay);
        Assert.Null(RobotsRules.DisallowAll.CrawlDelay);
    }

    [Fact]
    public void An_empty_path_is_the_root()
    {
        Assert.False(Allows("User-agent: *\nDisallow: /$", ""));
        Assert.True(Allows("User-agent: *\nDisallow: /$", "/x"));
    }

    [Fact]
    public void The_query_is_part_of_what_rules_match()
    {
        const string Robots = "User-agent: *\nDisallow: /*?sessionid=\nDisallow: /search?";

        Assert.False(Allows(Robots, "/page?sessionid=1"));
        Assert.False(Allows(Robots, "/search?q=x"));
        Assert.True(Allows(Robots, "/search"));
        Assert.True(Allows(Robots, "/page?id=1"));
    }

    [Theory]
    [InlineData("/a%7e%7E/b", "/a~~/b")]
    [InlineData("/%e3%83%84/ツ", "/%E3%83%84/%E3%83%84")]
    [InlineData("/a%2fb%3A", "/a%2Fb%3A")]
    [InlineData("/*/$", "/%2A/%24")]
    [InlineData("/a b{|}\"", "/a%20b%7B%7C%7D%22")]
    [InlineData("/100%/%zz/%4", "/100%25/%25zz/%254")]
    [InlineData("/search?q=a&b=c:d@e", "/search?q=a&b=c:d@e")]
    public void Paths_are_normalised_to_one_spelling_with_upper_case_hex(string path, string normalised)
    {
        Assert.Equal(normalised, RobotsPattern.NormalisePath(path));
    }

    [Fact]
    public void Paths_are_compared_case_sensitively()
    {
        Assert.True(Allows("User-agent: *\nDisallow: /Private/", "/private/x"));
        Assert.False(Allows("User-agent: *\nDisallow: /Private/", "/Private/x"));
    }
}
