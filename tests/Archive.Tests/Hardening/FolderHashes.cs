using System.Security.Cryptography;

namespace Archive.Tests.Hardening;

/// <summary>Every file of a folder (path relative to it, '/'-separated) with its SHA-256: equal hashes mean byte-identical folders.</summary>
public static class FolderHashes
{
    public static SortedDictionary<string, string> Of(string folder)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            hashes[Path.GetRelativePath(folder, file).Replace('\\', '/')] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
        }

        return hashes;
    }

    /// <summary>The files that differ between two snapshots, for a failure message that says where.</summary>
    public static string Difference(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual)
    {
        var missing = expected.Keys.Except(actual.Keys).Take(5).ToList();
        var extra = actual.Keys.Except(expected.Keys).Take(5).ToList();
        var changed = expected.Keys.Intersect(actual.Keys).Where(k => expected[k] != actual[k]).Take(5).ToList();
        return $"missing: [{string.Join(", ", missing)}]; extra: [{string.Join(", ", extra)}]; changed: [{string.Join(", ", changed)}]";
    }

    public static bool Same(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var other) && other == pair.Value);
}
