using System.Security.Cryptography;
using System.Text;
using Archive.Core;

namespace Archive.Incremental;

/// <summary>
/// The one policy for every file of the build cache: where it lives, that it is written whole or not at all, and that
/// one that is missing, damaged, or written by another build of the program is no cache at all (its reader gets
/// null and the build does the work again), never an error.
/// </summary>
public static class CacheFile
{
    /// <summary>
    /// The file in <paramref name="cacheFolder"/>/<paramref name="kind"/>/ for <paramref name="folder"/>, named by its full
    /// path's digest: one cache can serve several input and output folders.
    /// </summary>
    public static string PathFor(string cacheFolder, string kind, string folder, string extension)
    {
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(folder))))[..16];
        return Path.Combine(cacheFolder, kind, name + extension);
    }

    /// <summary>
    /// Reads a binary cache file through a buffer of a megabyte (a reader over the file with the usual few KB would ask
    /// the system for each; the whole file in memory first cost as much again, and a shared-text cache of 140 MB at
    /// 50,000 reports made the collector sweep every generation) when it starts with <paramref name="heading"/> (a
    /// format's header and what it is bound to: the program's identity, a folder); null otherwise, or when it is
    /// missing or damaged.
    /// </summary>
    public static T? Read<T>(string path, IReadOnlyList<string> heading, Func<BinaryReader, T?> read) where T : class
    {
        try
        {
            using var reader = new BinaryReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan), Encoding.UTF8);
            foreach (var expected in heading)
            {
                if (reader.ReadString() != expected)
                {
                    return null;
                }
            }

            return read(reader);
        }
        catch (Exception e) when (IsDamage(e))
        {
            return null;
        }
    }

    /// <summary>Writes a binary cache file that <see cref="Read"/> takes back: the heading, then the content, atomically.</summary>
    public static void Write(string path, IReadOnlyList<string> heading, Action<BinaryWriter> write) =>
        WriteAtomically(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8);
            foreach (var line in heading)
            {
                writer.Write(line);
            }

            write(writer);
        });

    /// <summary>Reads a text cache file whose first line is <paramref name="header"/>; null when it is not, or missing or damaged.</summary>
    public static T? ReadLines<T>(string path, string header, Func<string[], T?> parse) where T : class
    {
        try
        {
            var lines = File.ReadAllLines(path);
            return lines.Length > 0 && lines[0] == header ? parse(lines[1..]) : null;
        }
        catch (Exception e) when (IsDamage(e))
        {
            return null;
        }
    }

    /// <summary>Writes a text cache file that <see cref="ReadLines"/> takes back, atomically.</summary>
    public static void WriteLines(string path, string header, IEnumerable<string> lines) =>
        WriteAtomically(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false));
            writer.WriteLine(header);
            foreach (var line in lines)
            {
                writer.WriteLine(line);
            }
        });

    /// <summary>
    /// Writes a cache file whole or not at all: to a temporary file beside it first, then moved over it, so a reader (or
    /// a build killed midway) never sees half of one.
    /// </summary>
    private static void WriteAtomically(string path, Action<Stream> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        using (var stream = new BufferedStream(File.Create(temporary), 1 << 20))
        {
            write(stream);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a digest that <see cref="WriteHash"/> wrote.</summary>
    public static ContentHash ReadHash(this BinaryReader reader)
    {
        Span<byte> digest = stackalloc byte[ContentHash.Bytes];
        reader.BaseStream.ReadExactly(digest);
        return ContentHash.From(digest);
    }

    public static void WriteHash(this BinaryWriter writer, ContentHash hash)
    {
        Span<byte> digest = stackalloc byte[ContentHash.Bytes];
        hash.CopyTo(digest);
        writer.Write(digest);
    }

    // What a damaged or foreign cache file throws while it is read or parsed.
    private static bool IsDamage(Exception e) =>
        e is IOException or UnauthorizedAccessException or EndOfStreamException or FormatException or ArgumentException or OverflowException;
}
