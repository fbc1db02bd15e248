using System.Text;

namespace Archive.Site;

/// <summary>HTML escaping for text that came from reports or from the user.</summary>
public static class Html
{
    /// <summary>Escapes the five characters that matter in element content and quoted attributes; leaves CJK text alone.</summary>
    public static string Escape(string text)
    {
        var first = text.AsSpan().IndexOfAny("&<>\"'");
        if (first < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16).Append(text, 0, first);
        foreach (var c in text.AsSpan(first))
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
