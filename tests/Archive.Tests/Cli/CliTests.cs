using Archive.Tests.Support;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace Archive.Tests.Cli;

/// <summary>The command line as a user runs it: a separate process, exit codes, messages, files.</summary>
public class CliTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public void Build_with_a_bad_year_names_file_and_line_exits_non_zero_and_keeps_the_previous_site()
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(temp, ("a.md", SampleInput.Report("a-2020")));
        var output = temp.Combine("output");
        Assert.Equal(0, Run("build", "--input", input, "--theme", RepoPaths.Theme, "--output", output).Exit);
        var home = File.ReadAllText(Path.Combine(output, "index.html"));

        temp.Write("input/reports/b.md", SampleInput.Report("b-2020", year: "20x0"));
        var (exit, stdout, stderr) = Run("build", "--input", input, "--theme", RepoPaths.Theme, "--output", output);

        Assert.Equal(1, exit);
        Assert.Contains("input/reports/b.md:5: year '20x0' is not a year", stderr);
        Assert.DoesNotContain("   at ", stderr + stdout);
        Assert.Equal(home, File.ReadAllText(Path.Combine(output, "index.html")));
    }

    [Fact]
    public void Check_lists_every_problem_and_every_report_to_review()
    {
        using var temp = new TempFolder();
        var unreviewed = SampleInput.Report("c-2021", year: "2021").Replace("reviewed: true", "reviewed: false\ninferred:\n  year:\n    value: \"2021\"\n    confidence: medium\n    reason: \"上一年度\"");
        var input = SampleInput.Create(temp, ("a.md", SampleInput.Report("dup")), ("b.md", SampleInput.Report("dup")), ("c.md", unreviewed), ("d.md", SampleInput.Report("d-2020", bureau: "nobody")));

        var (exit, stdout, stderr) = Run("check", "--input", input, "--theme", RepoPaths.Theme);

        Assert.Equal(1, exit);
        Assert.Contains("input/reports/b.md:2: id 'dup' is also used by input/reports/a.md", stderr);
        Assert.Contains("input/reports/d.md:4: bureau 'nobody'", stderr);
        Assert.Contains("review: input/reports/c.md: year = 2021 (medium: 上一年度)", stdout);
        Assert.Contains("2 problem(s)", stdout);
    }

    [Fact]
    public void Import_of_a_gbk_file_says_which_encoding_it_used_and_the_result_passes_check()
    {
        using var temp = new TempFolder();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var seed = File.ReadAllText(Path.Combine(RepoPaths.Fixtures, "seeds", "000_6c1e8e7a459a068c.txt"));
        var raw = temp.Write("raw/罗湖 报告.txt", Encoding.GetEncoding("GB18030").GetBytes(seed));
        var input = temp.Combine("input");

        var (exit, stdout, _) = Run("import", "--input", input, raw);
        var check = Run("check", "--input", input, "--theme", RepoPaths.Theme);

        Assert.Equal(0, exit);
        Assert.Contains("gb18030", stdout, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("440303-hrss-2020", stdout);
        Assert.Equal(0, check.Exit);
        Assert.Contains("checked 1 reports", check.Stdout);
    }

    [Theory]
    [InlineData("欠薪")]
    [InlineData("双随机、一公开")]
    [InlineData("欠薪 -疫情")]
    [InlineData("调解率 OR 云仲裁")]
    public void Search_as_json_lists_exactly_the_reports_a_substring_scan_finds(string query)
    {
        using var temp = new TempFolder();
        var corpus = new Archive.Corpus.CorpusReader().ReadValid(RepoPaths.Input);
        var expected = new Archive.Tests.Search.BruteForceSearch(corpus.Reports).Match(Archive.Search.Contract.SearchQuery.Parse(query));

        var (exit, stdout, stderr) = Run("search", query, "--json", "--limit", "1000", "--input", RepoPaths.Input, "--cache", temp.Combine("cache"));

        Assert.Equal(0, exit);
        Assert.Contains("is missing or older than " + RepoPaths.Input + "; building it", stderr);
        using var json = System.Text.Json.JsonDocument.Parse(stdout);
        var found = json.RootElement.GetProperty("reports").EnumerateArray()
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("hits").GetInt32());
        Assert.NotEmpty(expected);
        Assert.Equal(expected.OrderBy(e => e.Key), found.OrderBy(f => f.Key));
        Assert.Equal(expected.Count, json.RootElement.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Serve_answers_on_loopback_and_rebuilds_when_the_theme_changes()
    {
        using var temp = new TempFolder();
        var input = SampleInput.Create(temp, ("a.md", SampleInput.Report("a-2020")));
        var theme = temp.Combine("theme");
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Theme, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(theme, Path.GetRelativePath(RepoPaths.Theme, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        // Port 0: the server takes a free port from the OS and keeps it; its first line says which.
        using var server = Start("serve", "--input", input, "--theme", theme, "--output", temp.Combine("output"), "--port", "0");
        var lines = new OutputLines(server);
        try
        {
            var serving = lines.WaitFor(line => line.StartsWith("serving ", StringComparison.Ordinal), Limit);
            var address = new Uri(serving.Split(' ')[1]);
            Assert.Equal("127.0.0.1", address.Host);
            using var http = new HttpClient { BaseAddress = address, Timeout = Limit };
            Assert.Contains("<html lang=\"zh-CN\">", await http.GetStringAsync("index.html"));
            // A page open in a browser: it reloads by itself once the rebuild is done.
            await using var chromium = await DebianChromium.ServeAsync(temp.Combine("output"));
            var page = await chromium.Browser.NewPageAsync();
            var errors = new List<string>();
            page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
            await page.GotoAsync(address + "index.html", new() { WaitUntil = Microsoft.Playwright.WaitUntilState.NetworkIdle });
            Assert.Equal(0, await page.Locator("#changed").CountAsync());

            var homeTemplate = Path.Combine(theme, "templates", "home.liquid");
            File.WriteAllText(homeTemplate, File.ReadAllText(homeTemplate) + "\n<p id=\"changed\">已修改</p>\n");
            lines.WaitFor(line => line.StartsWith("change detected", StringComparison.Ordinal), Limit);
            lines.WaitFor(line => line.StartsWith("built ", StringComparison.Ordinal), Limit);

            Assert.Contains("id=\"changed\">已修改", await http.GetStringAsync("index.html"));
            await page.Locator("#changed").WaitForAsync(new() { Timeout = 15000 });
            Assert.Empty(errors);
            // The built file itself is as the build wrote it: the reload script is added only as 'archive serve' sends it.
            Assert.DoesNotContain("__archive", File.ReadAllText(temp.Combine("output", "index.html")));

            using var missing = await http.GetAsync("no-such-page.html");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

            // Asked to stop while the page still listens for builds, the server stops at once, not after a timeout.
            var stopping = Stopwatch.StartNew();
            using (var term = Process.Start("kill", ["-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                term.WaitForExit();
            }

            Assert.True(server.WaitForExit(10_000), "archive serve did not stop within 10 s of SIGTERM with a page open");
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit(5000);
        }
    }

    /// <summary>The lines a running process writes to its standard output, waited for one condition at a time.</summary>
    private sealed class OutputLines
    {
        private readonly System.Collections.Concurrent.BlockingCollection<string> _lines = [];
        private readonly List<string> _seen = [];

        public OutputLines(Process process)
        {
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    _lines.CompleteAdding();
                }
                else
                {
                    _lines.Add(e.Data);
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        /// <summary>The next line that satisfies <paramref name="wanted"/>; fails when the output ends or time runs out first.</summary>
        public string WaitFor(Func<string, bool> wanted, TimeSpan limit)
        {
            var clock = Stopwatch.StartNew();
            while (_lines.TryTake(out var line, limit - clock.Elapsed < TimeSpan.Zero ? TimeSpan.Zero : limit - clock.Elapsed))
            {
                _seen.Add(line);
                if (wanted(line))
                {
                    return line;
                }
            }

            throw new TimeoutException($"no such line within {limit}; the process wrote: {string.Join(" / ", _seen)}");
        }
    }

    private static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("archive " + string.Join(' ', args));
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static Process Start(params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "Archive.Cli.dll");
        var info = new ProcessStartInfo("dotnet", [cli, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.Environment["COLUMNS"] = "400";
        return Process.Start(info)!;
    }
}
