using System.Text;
using System.Text.Json;
using Archive.Core;

namespace Archive.Import;

/// <summary>
/// Reads JSON Lines where each line is one report, <c>{"title","url","content","year"}</c>; each record keeps
/// its own line as its original.
/// </summary>
public static class JsonLinesReader
{
    public const string RecordExtension = ".json";

    public static IReadOnlyList<RawReport> Read(string text, string sourcePath, string file)
    {
        var reports = new List<RawReport>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            reports.Add(ReadRecord(line, sourcePath, file, i + 1));
        }

        return reports.Count > 0
            ? reports
            : throw new InputException(file, null, "the file holds no JSON records; put one {\"title\",\"url\",\"content\",\"year\"} object on each line.");
    }

    private static RawReport ReadRecord(string line, string sourcePath, string file, int lineNumber)
    {
        JsonElement root;
        try
        {
            using var json = JsonDocument.Parse(line);
            root = json.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InputException(file, lineNumber, $"not valid JSON ({e.Message.Split('.')[0]}); each line must be one {{\"title\",\"url\",\"content\",\"year\"}} object.");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(file, lineNumber, "each line must be a JSON object with title, url, content and year.");
        }

        var content = String(root, "content");
        if (string.IsNullOrWhiteSpace(content))
        {
            throw new InputException(file, lineNumber, "the record has no \"content\"; give it the report's text or remove the line.");
        }

        var year = Year(root);
        var url = String(root, "url");
        var hints = new PageHints(String(root, "title"), null, Uri.TryCreate(url, UriKind.Absolute, out _) ? url : null, year);
        var name = $"{Path.GetFileNameWithoutExtension(sourcePath)}:{lineNumber}";
        return new RawReport(sourcePath, name, content.Replace("\r\n", "\n").Split('\n'), hints, Encoding.UTF8.GetBytes(line), RecordExtension, TextDecoder.Utf8);
    }

    // The year is a number in some collections and a string ("2025") in others.
    private static int? Year(JsonElement root)
    {
        if (!root.TryGetProperty("year", out var year))
        {
            return null;
        }

        if (year.ValueKind == JsonValueKind.Number && year.TryGetInt32(out var number))
        {
            return number;
        }

        return year.ValueKind == JsonValueKind.String && int.TryParse(year.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var text)
            ? text
            : null;
    }

    private static string? String(JsonElement root, string key) =>
        root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
