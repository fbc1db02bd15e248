using System.Collections.Concurrent;
using Archive.Core;

namespace Archive.Incremental;

/// <summary>
/// How the last build made each open-data file of lines (data/reports/YYYY/PPPPPP.jsonl and the figures by year and
/// province): the digest it was written with and, line by line, the digest of what the line was made from (the
/// report's row and file hash) and its length. A rebuild that must write a file again (for one changed report) copies
/// the lines of unchanged reports out of the live file instead of reading, parsing and serializing them again. Kept in the cache;
/// a record is only used while output/ holds the file the manifest says was written with its digest.
/// </summary>
public sealed class YearLines
{
    private const string Header = "archive-year-lines 1";
    private readonly ConcurrentDictionary<string, Record> _files = new(StringComparer.Ordinal);

    /// <summary>One file: the source digest it was written with, and per line its digest and length in bytes.</summary>
    public sealed record Record(ContentHash SourceDigest, ContentHash[] Lines, int[] Lengths);

    public static string PathFor(string cacheFolder, string outputFolder) => CacheFile.PathFor(cacheFolder, "open-data", outputFolder, ".bin");

    /// <summary>The records saved at <paramref name="path"/> by this program (none when missing or unreadable).</summary>
    public static YearLines Load(string path) =>
        CacheFile.Read(path, [Header, ProgramIdentity.Current], reader =>
        {
            var lines = new YearLines();
            for (var files = reader.ReadInt32(); files > 0; files--)
            {
                var file = reader.ReadString();
                var sourceDigest = reader.ReadHash();
                var digests = new ContentHash[reader.ReadInt32()];
                var lengths = new int[digests.Length];
                for (var i = 0; i < digests.Length; i++)
                {
                    digests[i] = reader.ReadHash();
                    lengths[i] = reader.ReadInt32();
                }

                lines._files[file] = new Record(sourceDigest, digests, lengths);
            }

            return lines;
        }) ?? new YearLines();

    public Record? Of(string relativePath) => _files.GetValueOrDefault(relativePath);

    public void Set(string relativePath, Record record) => _files[relativePath] = record;

    /// <summary>Saves the records (call after the build's commit: they describe output/ as it then is).</summary>
    public void Save(string path) =>
        CacheFile.Write(path, [Header, ProgramIdentity.Current], writer =>
        {
            var files = _files.OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
            writer.Write(files.Count);
            foreach (var (file, record) in files)
            {
                writer.Write(file);
                writer.WriteHash(record.SourceDigest);
                writer.Write(record.Lines.Length);
                for (var i = 0; i < record.Lines.Length; i++)
                {
                    writer.WriteHash(record.Lines[i]);
                    writer.Write(record.Lengths[i]);
                }
            }
        });
}
