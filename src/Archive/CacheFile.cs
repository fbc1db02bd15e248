using System.Security.Cryptography;
using System.Text;

namespace Archive;

/// <summary>Where the cache keeps what it knows about one folder, and which build of the program wrote it.</summary>
public static class CacheFile
{
    /// <summary>
    /// An identity of this build of the program: what a cache derived with it (parsed reports, an index base) holds is
    /// only trusted by the same build, since parsing or formats may have changed.
    /// </summary>
    public static readonly string Program = typeof(CacheFile).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <summary>
    /// The file in <paramref name="cacheFolder"/>/<paramref name="kind"/>/ for <paramref name="folder"/>, named by its full
    /// path's digest: one cache can serve several input and output folders.
    /// </summary>
    public static string PathFor(string cacheFolder, string kind, string folder, string extension)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(folder))))[..16];
        return Path.Combine(cacheFolder, kind, key + extension);
    }

    /// <summary>
    /// Writes a cache file whole or not at all: to a temporary file beside it first, then moved over it, so a reader (or
    /// a build killed midway) never sees half of one.
    /// </summary>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        using (var stream = new BufferedStream(File.Create(temporary), 1 << 20))
        {
            write(stream);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
