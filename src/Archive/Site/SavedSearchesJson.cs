using System.Text.Json;
using Archive.Core;
using Archive.Site.Views;

namespace Archive.Site;

/// <summary>
/// watch.json: the saved searches, for the search page's script to link the feed of the search it shows (the page
/// compares its query and filters with each).
/// </summary>
public static class SavedSearchesJson
{
    public static ContentHash Digest(IReadOnlyList<SavedSearchView> saved)
    {
        using var digest = new DigestBuilder("saved searches");
        foreach (var s in saved)
        {
            digest.Add(s.Id).Add(s.Name).Add(s.Query).Add(s.FeedUrl).Add(string.Join('\n', s.Years)).Add(string.Join('\n', s.Regions)).Add(string.Join('\n', s.Kinds)).Add(string.Join('\n', s.Bureaus));
        }

        return digest.Finish();
    }

    public static byte[] Write(IReadOnlyList<SavedSearchView> saved)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var s in saved)
            {
                json.WriteStartObject();
                json.WriteString("id", s.Id);
                json.WriteString("name", s.Name);
                json.WriteString("query", s.Query);
                json.WriteString("feed", s.FeedUrl);
                Strings(json, "year", s.Years);
                Strings(json, "region", s.Regions);
                Strings(json, "kind", s.Kinds);
                Strings(json, "bureau", s.Bureaus);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return stream.ToArray();
    }

    private static void Strings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
