using System.Security.Cryptography;
using System.Text;

namespace Archive.Core;

/// <summary>
/// A digest of input/ (every file's path, size and write time), stored beside the Lucene index: when input/ changes
/// in any way, including a deleted report, the fingerprint differs and the index is rebuilt.
/// </summary>
public static class InputFingerprint
{
    public static string Of(string inputDirectory)
    {
        var root = Path.GetFullPath(inputDirectory);
        var lines = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            lines.Append(Path.GetRelativePath(root, file)).Append('\t').Append(info.Length).Append('\t')
                .Append(info.LastWriteTimeUtc.Ticks).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines.ToString())));
    }
}
