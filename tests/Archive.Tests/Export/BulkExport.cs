using System.Text;
using System.Text.Json;

namespace Archive.Tests.Export;

/// <summary>
/// An export folder read back strictly, as the _bulk API reads it: UTF-8 without a byte order mark, '\n' line
/// ends, a final newline, every line one JSON object, action and document lines alternating.
/// </summary>
internal sealed class BulkExport
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private BulkExport(IReadOnlyList<string> files, IReadOnlyList<(JsonElement Action, JsonElement Document, string File)> pairs)
    {
        Files = files;
        Pairs = pairs;
    }

    /// <summary>The bulk file names, in order.</summary>
    public IReadOnlyList<string> Files { get; }

    public IReadOnlyList<(JsonElement Action, JsonElement Document, string File)> Pairs { get; }

    public IEnumerable<JsonElement> Documents => Pairs.Select(p => p.Document);

    public JsonElement Document(string id) => Documents.Single(d => d.GetProperty("id").GetString() == id);

    public static BulkExport Read(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "bulk-*.ndjson").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var pairs = new List<(JsonElement, JsonElement, string)>();
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(folder, file!));
            Assert.False(bytes is [0xEF, 0xBB, 0xBF, ..], $"{file} starts with a byte order mark");
            Assert.True(bytes.Length > 0 && bytes[^1] == '\n', $"{file} does not end with a newline");
            var text = StrictUtf8.GetString(bytes);
            Assert.DoesNotContain('\r', text);
            var lines = text[..^1].Split('\n');
            Assert.True(lines.Length % 2 == 0, $"{file} has {lines.Length} lines: an action without its document");
            for (var i = 0; i < lines.Length; i += 2)
            {
                var action = ParseObject(lines[i], file!, i + 1);
                var document = ParseObject(lines[i + 1], file!, i + 2);
                pairs.Add((action, document, file!));
            }
        }

        return new BulkExport(files!, pairs);
    }

    private static JsonElement ParseObject(string line, string file, int number)
    {
        // Strict parsing: no comments, no trailing commas, exactly one value on the line.
        using var json = JsonDocument.Parse(line);
        Assert.True(json.RootElement.ValueKind == JsonValueKind.Object, $"{file}:{number} is not a JSON object");
        return json.RootElement.Clone();
    }
}
