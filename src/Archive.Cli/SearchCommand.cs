using System.CommandLine;
using Spectre.Console;
using Archive.Core;
using Archive.Corpus;
using Archive.Search.Contract;
using Archive.Search.Lucene;

namespace Archive.Cli;

/// <summary>archive search: exact full-text search of input/ through the Lucene index, rebuilt first when input/ changed.</summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var folders = new Folders();
        var query = new Argument<string>("query") { Description = "Terms (all must occur), \"a phrase\", a OR b, -excluded." };
        var year = new Option<int?>("--year") { Description = "Only reports about this year." };
        var region = new Option<string?>("--province", "--region") { Description = "Only reports of bureaus in this province or city: a name (广东省, 深圳) or a six-digit code." };
        var bureau = new Option<string?>("--bureau") { Description = "Only reports of this bureau id (see input/bureaus.yml)." };
        var sort = new Option<SearchSort>("--sort") { Description = "relevance (BM25, hits that are whole words first) or date (newest published first).", DefaultValueFactory = _ => SearchSort.Relevance };
        var limit = new Option<int>("--limit") { Description = "How many reports to list.", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON." };
        var csv = new Option<bool>("--csv") { Description = "Print every result (no --limit, no passages) as CSV: id, title, bureau, region, year, published, hits, url; UTF-8 with a byte order mark, for spreadsheets." };

        var command = new Command("search", "Search the reports' full text: every report containing the terms exactly, and only those.");
        command.Arguments.Add(query);
        foreach (var option in new Option[] { year, region, bureau, sort, limit, json, csv })
        {
            command.Options.Add(option);
        }

        folders.AddTo(command, withThemeAndOutput: false);
        command.Options.Add(folders.Cache);
        command.SetAction(result => UserErrors.Run(() =>
        {
            var asCsv = result.GetValue(csv);
            if (asCsv && result.GetValue(json))
            {
                throw new InputException("--csv", null, "give --csv or --json, not both.");
            }

            // A spreadsheet export is the whole result set; passages are left out, which spares reading every text.
            // Relevance weighs whole SmartCn words, which the index has and the browser has not: the same reports, in
            // a better order.
            var options = asCsv
                ? new SearchOptions(result.GetValue(year), result.GetValue(region), result.GetValue(bureau), result.GetValue(sort), int.MaxValue, SnippetsPerResult: 0, RankByWords: true)
                : new SearchOptions(result.GetValue(year), result.GetValue(region), result.GetValue(bureau), result.GetValue(sort), Math.Max(0, result.GetValue(limit)), RankByWords: true);
            var format = asCsv ? OutputFormat.Csv : result.GetValue(json) ? OutputFormat.Json : OutputFormat.Text;
            return Run(result.GetValue(folders.Input)!, result.GetValue(folders.Cache)!, SearchQuery.Parse(result.GetValue(query)), options, format);
        }));
        return command;
    }

    private enum OutputFormat
    {
        Text,
        Json,
        Csv,
    }

    private static int Run(string input, string cache, SearchQuery query, SearchOptions options, OutputFormat format)
    {
        var error = Terminal.Error;
        if (!SearchIndexBuilder.IsCurrent(cache, input))
        {
            error.MarkupLine($"[grey]the search index in {Markup.Escape(SearchIndexBuilder.IndexFolder(cache))} is missing or older than {Markup.Escape(input)}; building it.[/]");
            new SearchIndexBuilder().Build(new CorpusReader().ReadValid(input), cache);
        }

        SearchResults results;
        try
        {
            results = Search(cache, query, options);
        }
        catch (Exception e) when (e is not InputException)
        {
            // A killed process or a bad disk can leave index files damaged under an intact fingerprint: rebuild once.
            error.MarkupLine($"[yellow]the search index in {Markup.Escape(SearchIndexBuilder.IndexFolder(cache))} is damaged ({Markup.Escape(e.Message)}); building it again.[/]");
            new SearchIndexBuilder().Rebuild(new CorpusReader().ReadValid(input), cache);
            results = Search(cache, query, options);
        }

        foreach (var notice in results.Notices)
        {
            error.MarkupLine($"[yellow]note:[/] {Markup.Escape(notice)}");
        }

        if (format == OutputFormat.Json)
        {
            Console.WriteLine(SearchResultsJson.Write(results));
            return 0;
        }

        if (format == OutputFormat.Csv)
        {
            using var stdout = Console.OpenStandardOutput();
            SearchResultsCsv.Write(results, input, stdout);
            return 0;
        }

        Print(results);
        return 0;
    }

    private static SearchResults Search(string cache, SearchQuery query, SearchOptions options)
    {
        using var engine = SearchEngine.Open(cache);
        return engine.Search(query, options);
    }

    /// <summary>The passage's text with every hit highlighted.</summary>
    private static string Marked(Snippet snippet)
    {
        var text = snippet.Text;
        var line = new System.Text.StringBuilder();
        var at = 0;
        foreach (var (start, end) in snippet.Marks)
        {
            line.Append(Markup.Escape(OneLine(text[at..start]))).Append("[black on yellow]").Append(Markup.Escape(OneLine(text[start..end]))).Append("[/]");
            at = end;
        }

        return line.Append(Markup.Escape(OneLine(text[at..]))).ToString();
    }

    private static void Print(SearchResults results)
    {
        Terminal.Out.MarkupLine($"{results.Total} report(s) contain [bold]{Markup.Escape(results.Query.Text)}[/]");
        foreach (var result in results.Results)
        {
            Terminal.Out.WriteLine();
            Terminal.Out.MarkupLine($"[bold]{Markup.Escape(result.Title)}[/]");
            Terminal.Out.MarkupLine($"  {Markup.Escape(result.BureauName)} · {result.Year}年度 · {result.Hits} hit(s) · {Markup.Escape(result.Url)}");
            foreach (var snippet in result.Snippets)
            {
                Terminal.Out.MarkupLine($"  {(snippet.ClippedStart ? "…" : "")}{Marked(snippet)}{(snippet.ClippedEnd ? "…" : "")} [grey]#{Markup.Escape(snippet.Anchor)}[/]");
            }
        }

        if (results.Total > results.Results.Count)
        {
            Terminal.Out.MarkupLine($"\n[grey]{results.Total - results.Results.Count} more; use --limit to list them.[/]");
        }

        if (results.YearCounts.Count > 0)
        {
            Terminal.Out.MarkupLine("\nper year: " + string.Join("  ", results.YearCounts.Select(y => $"{y.Year}: {y.Reports}")));
        }
    }

    private static string OneLine(string text) => text.Replace('\n', ' ');
}
