using System.Text.Json;

namespace Archive.Search.StaticIndex;

/// <summary>The compact encodings of the catalog's long lists (FORMAT.md §4.2): front-coded strings, delta-coded numbers.</summary>
internal static class CompactJson
{
    /// <summary>
    /// Strings front-coded (FORMAT.md §4.2): { "shared": [...], "rest": [...] }, each string being the first shared[i]
    /// UTF-16 units of the one before and then rest[i]. A shared prefix never ends inside a surrogate pair.
    /// </summary>
    public static void WriteFrontCoded(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        var shared = new List<int>();
        var rest = new List<string>();
        var previous = "";
        foreach (var value in values)
        {
            var common = 0;
            while (common < value.Length && common < previous.Length && value[common] == previous[common])
            {
                common++;
            }

            if (common > 0 && char.IsHighSurrogate(value[common - 1]))
            {
                common--;
            }

            shared.Add(common);
            rest.Add(value[common..]);
            previous = value;
        }

        json.WriteStartObject(name);
        json.WriteStartArray("shared");
        shared.ForEach(json.WriteNumberValue);
        json.WriteEndArray();
        json.WriteStartArray("rest");
        rest.ForEach(json.WriteStringValue);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Integers as their differences to the one before (the first to 0).</summary>
    public static void WriteDifferences(Utf8JsonWriter json, string name, IEnumerable<int> values)
    {
        json.WriteStartArray(name);
        var previous = 0;
        foreach (var value in values)
        {
            json.WriteNumberValue(value - previous);
            previous = value;
        }

        json.WriteEndArray();
    }
}
