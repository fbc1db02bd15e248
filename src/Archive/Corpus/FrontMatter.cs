using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Archive.Corpus;

/// <summary>
/// Typed reads of a report's front matter that report each wrong value with its file line and a fix,
/// instead of throwing at the first one.
/// </summary>
internal sealed class FrontMatter(YamlMappingNode map, Action<int?, string> problem)
{
    // The YAML starts on the file's second line, after the opening fence.
    private const int FenceLines = 1;

    public int LineOf(string key) =>
        map.Children.Keys.OfType<YamlScalarNode>().FirstOrDefault(k => k.Value == key) is { } node
            ? (int)node.Start.Line + FenceLines
            : FenceLines + 1;

    public string? RequiredString(string key)
    {
        var value = OptionalString(key);
        if (value is null && Node(key) is null)
        {
            problem(FenceLines + 1, $"'{key}:' is missing from the front matter; add it.");
        }

        return value;
    }

    public string? OptionalString(string key)
    {
        switch (Node(key))
        {
            case null:
                return null;
            case YamlScalarNode { Value: var value } when !string.IsNullOrWhiteSpace(value):
                return value.Trim();
            case YamlScalarNode:
                problem(LineOf(key), $"'{key}:' is empty; give it a value or remove the line.");
                return null;
            default:
                problem(LineOf(key), $"'{key}:' must be a single value, not a list or a map.");
                return null;
        }
    }

    public int? Year(string key)
    {
        var text = RequiredString(key);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1949 and <= 2100)
        {
            return year;
        }

        problem(LineOf(key), $"{key} '{text}' is not a year; write the year the report covers with four digits, e.g. 2020.");
        return null;
    }

    public DateOnly? Date(string key)
    {
        var text = OptionalString(key);
        if (text is null || text == ReportFile.Unknown)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problem(LineOf(key), $"{key} '{text}' is not a date; write it as YYYY-MM-DD (e.g. 2021-03-31) or '{ReportFile.Unknown}'.");
        return null;
    }

    public bool Boolean(string key)
    {
        var text = OptionalString(key);
        switch (text)
        {
            case null or "false":
                return false;
            case "true":
                return true;
            default:
                problem(LineOf(key), $"{key} '{text}' must be true or false.");
                return false;
        }
    }

    public IReadOnlyList<string> StringList(string key)
    {
        switch (Node(key))
        {
            case null:
                return [];
            case YamlSequenceNode sequence:
                return sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList();
            default:
                problem(LineOf(key), $"'{key}:' must be a list of '- text' lines.");
                return [];
        }
    }

    public ReportOriginal? Original(string key)
    {
        switch (Node(key))
        {
            case null:
                return null;
            case YamlMappingNode original:
                var fields = new FrontMatter(original, problem);
                var path = fields.RequiredString("path");
                var sha = fields.RequiredString("sha256");
                if (sha is not null && (sha.Length != 64 || !sha.All(Uri.IsHexDigit)))
                {
                    problem(fields.LineOf("sha256"), $"sha256 '{sha}' is not 64 hex digits; run 'archive import' again or fix it.");
                }

                if (path is not null && !IsSafeRelativePath(path))
                {
                    problem(fields.LineOf("path"), $"path '{path}' must be a relative path inside input/ without '..'.");
                    return null;
                }

                return path is null || sha is null ? null : new ReportOriginal(path, sha, fields.OptionalString("encoding")) { Ocr = fields.Ocr("ocr"), Fetched = fields.Fetched("fetched") };
            default:
                problem(LineOf(key), $"'{key}:' must be a map with path, sha256 and encoding.");
                return null;
        }
    }

    /// <summary>An original's fetch record: the address, the time, and the WARC file and record that hold the exchange.</summary>
    public FetchRecord? Fetched(string key)
    {
        switch (Node(key))
        {
            case null:
                return null;
            case YamlMappingNode fetched:
                var fields = new FrontMatter(fetched, problem);
                var url = fields.RequiredString("url");
                var at = fields.RequiredString("at");
                var warc = fields.RequiredString("warc");
                var record = fields.RequiredString("record");
                if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out _))
                {
                    problem(fields.LineOf("url"), $"url '{url}' of 'fetched:' is not an absolute address; run 'archive fetch' again or fix it.");
                    return null;
                }

                if (at is not null && !DateTimeOffset.TryParseExact(at, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
                {
                    problem(fields.LineOf("at"), $"at '{at}' of 'fetched:' must be a UTC time such as 2026-12-07T01:02:03Z.");
                    return null;
                }

                if (warc is not null && !IsSafeRelativePath(warc))
                {
                    problem(fields.LineOf("warc"), $"warc '{warc}' must be a relative path inside input/ without '..'.");
                    return null;
                }

                return url is null || at is null || warc is null || record is null
                    ? null
                    : new FetchRecord(url, DateTimeOffset.ParseExact(at, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal), warc, record);
            default:
                problem(LineOf(key), $"'{key}:' must be a map with url, at, warc and record.");
                return null;
        }
    }

    /// <summary>An original's OCR record: the engine, and each page it read with its mean confidence.</summary>
    public OcrReading? Ocr(string key)
    {
        switch (Node(key))
        {
            case null:
                return null;
            case YamlMappingNode ocr:
                var fields = new FrontMatter(ocr, problem);
                var engine = fields.RequiredString("engine");
                var pages = new List<OcrPageConfidence>();
                if (fields.Node("pages") is YamlSequenceNode list)
                {
                    foreach (var item in list.Children)
                    {
                        var page = item is YamlMappingNode entry ? new FrontMatter(entry, problem) : null;
                        if (page?.Node("page") is YamlScalarNode { Value: var number } && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                            && page.Node("confidence") is YamlScalarNode { Value: var confidence } && double.TryParse(confidence, NumberStyles.Float, CultureInfo.InvariantCulture, out var c) && c is >= 0 and <= 100)
                        {
                            pages.Add(new OcrPageConfidence(n, c));
                        }
                        else
                        {
                            problem((int)item.Start.Line + FenceLines, "each OCR page must be '- page: N' with 'confidence: 0–100' under it; run 'archive import' again or fix it.");
                        }
                    }
                }
                else
                {
                    problem(fields.LineOf("pages"), "'pages:' of 'ocr:' must list the pages OCR read, each with page and confidence.");
                }

                if (pages.Count == 0 && fields.Node("pages") is YamlSequenceNode)
                {
                    problem(fields.LineOf("pages"), "'pages:' of 'ocr:' lists no page; list the pages OCR read, or remove 'ocr:' if none was.");
                }

                return engine is null || pages.Count == 0 ? null : new OcrReading(engine, pages);
            default:
                problem(LineOf(key), $"'{key}:' must be a map with engine and pages.");
                return null;
        }
    }

    public IReadOnlyList<Inference> Inferences(string key)
    {
        if (Node(key) is not YamlMappingNode inferred)
        {
            if (Node(key) is not null)
            {
                problem(LineOf(key), $"'{key}:' must be a map from field name to value, confidence and reason.");
            }

            return [];
        }

        var result = new List<Inference>();
        foreach (var (name, node) in inferred.Children)
        {
            var field = ((YamlScalarNode)name).Value ?? "";
            if (node is not YamlMappingNode entry)
            {
                problem((int)name.Start.Line + FenceLines, $"inferred '{field}' must have value, confidence and reason.");
                continue;
            }

            var fields = new FrontMatter(entry, problem);
            var value = fields.OptionalString("value");
            var confidenceText = fields.OptionalString("confidence") ?? "unknown";
            if (!Enum.TryParse<Confidence>(confidenceText, ignoreCase: true, out var confidence) || int.TryParse(confidenceText, out _))
            {
                problem(fields.LineOf("confidence"), $"confidence '{confidenceText}' must be high, medium, low or unknown.");
            }

            result.Add(new Inference(field, value == ReportFile.Unknown ? null : value, confidence, fields.OptionalString("reason") ?? ""));
        }

        return result;
    }

    private static bool IsSafeRelativePath(string path) =>
        !Path.IsPathRooted(path) && !path.Split('/', '\\').Any(part => part is ".." or "");

    private YamlNode? Node(string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;
}
