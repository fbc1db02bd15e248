using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Archive.Search.Lucene;

/// <summary>The stable JSON form of <see cref="SearchResults"/> printed by `archive search --json`.</summary>
public static class SearchResultsJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static string Write(SearchResults results)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("query", results.Query.Text);
            json.WriteNumber("total", results.Total);
            json.WriteStartArray("reports");
            foreach (var result in results.Results)
            {
                WriteResult(json, result);
            }

            json.WriteEndArray();
            json.WriteStartArray("yearCounts");
            foreach (var count in results.YearCounts)
            {
                json.WriteStartObject();
                json.WriteNumber("year", count.Year);
                json.WriteNumber("reports", count.Reports);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("notices");
            foreach (var notice in results.Notices)
            {
                json.WriteStringValue(notice);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteResult(Utf8JsonWriter json, SearchResult result)
    {
        json.WriteStartObject();
        json.WriteString("id", result.Id);
        json.WriteString("title", result.Title);
        json.WriteString("bureau", result.BureauId);
        json.WriteString("bureauName", result.BureauName);
        json.WriteNumber("year", result.Year);
        if (result.Published is { } published)
        {
            json.WriteString("published", published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull("published");
        }

        json.WriteString("url", result.Url);
        json.WriteNumber("hits", result.Hits);
        json.WriteNumber("score", Math.Round(result.Score, 6));
        json.WriteStartArray("snippets");
        foreach (var snippet in result.Snippets)
        {
            json.WriteStartObject();
            json.WriteString("anchor", snippet.Anchor);
            json.WriteString("before", snippet.Before);
            json.WriteString("match", snippet.Match);
            json.WriteString("after", snippet.After);
            json.WriteStartArray("marks");
            foreach (var (start, end) in snippet.Marks)
            {
                json.WriteStartArray();
                json.WriteNumberValue(start);
                json.WriteNumberValue(end);
                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteBoolean("clippedStart", snippet.ClippedStart);
            json.WriteBoolean("clippedEnd", snippet.ClippedEnd);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
