using System.Text;
using System.Text.RegularExpressions;
using Archive.Core;

namespace Archive.Export;

/// <summary>
/// Index names OpenSearch and Elasticsearch accept, narrowed to a set that is also safe unquoted in a URL and a
/// shell script: lower-case ASCII letters, digits, '-', '_' and '.', not starting with '-', '_', '+' or '.'
/// (a leading '.' makes a hidden or system index), at most 255 bytes, and not "." or "..".
/// </summary>
public static partial class IndexName
{
    private const int MaxBytes = 255;

    /// <summary>Throws an <see cref="InputException"/> naming the option and the rule when the name is not allowed.</summary>
    public static void Check(string name, string option = "--index")
    {
        var problem = name.Length == 0 ? "the index name is empty"
            : Encoding.UTF8.GetByteCount(name) > MaxBytes ? $"the index name is longer than {MaxBytes} bytes"
            : name.Any(char.IsUpper) ? $"index name '{name}' has upper-case letters; OpenSearch and Elasticsearch take lower case only"
            : !Pattern().IsMatch(name) ? $"index name '{name}' may only hold a-z, 0-9, '-', '_' and '.', and must start with a letter or digit"
            : null;
        if (problem is not null)
        {
            throw new InputException(option, null, problem + $" (e.g. {OpenSearchExporter.DefaultIndex}).");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex Pattern();
}
