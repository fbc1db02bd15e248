using Archive.Core;
using Archive.Search.StaticIndex;

namespace Archive.Incremental;

/// <summary>
/// The base of the static search index (<see cref="SearchIndexBase"/>) kept in the cache between builds, with the
/// digest of its files as output/ held them when it was saved.
/// </summary>
public static class IndexBaseFile
{
    private const string Header = "archive-search-base 3";

    public static string PathFor(string cacheFolder, string outputFolder) => CacheFile.PathFor(cacheFolder, "search-base", outputFolder, ".bin");

    /// <summary>The base saved at <paramref name="path"/> by this program, or null.</summary>
    public static SearchIndexBase? Load(string path) =>
        CacheFile.Read(path, [Header, ProgramIdentity.Current], reader =>
        {
            var digest = reader.ReadString();
            var layout = new IndexLayout(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
            var (chunkCount, textPacks, minDf, keyShards) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
            var docs = new BaseDoc[reader.ReadInt32()];
            for (var d = 0; d < docs.Length; d++)
            {
                docs[d] = new BaseDoc(reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadByte(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), ReadInts(reader));
            }

            var files = new string[reader.ReadInt32()];
            for (var f = 0; f < files.Length; f++)
            {
                files[f] = reader.ReadString();
            }

            return new SearchIndexBase(layout, chunkCount, textPacks, minDf, keyShards, docs, files) { FilesDigest = digest };
        });

    /// <summary>Saves the base with the digest of its files as they are now in output/.</summary>
    public static void Save(string path, SearchIndexBase indexBase, string filesDigest) =>
        CacheFile.Write(path, [Header, ProgramIdentity.Current], writer =>
        {
            writer.Write(filesDigest);
            writer.Write(indexBase.Layout.InlineLimit);
            writer.Write(indexBase.Layout.PackBytes);
            writer.Write(indexBase.Layout.ShardsPerPack);
            writer.Write(indexBase.Layout.BlocksPerPack);
            writer.Write(indexBase.Layout.MinDf);
            writer.Write(indexBase.ChunkCount);
            writer.Write(indexBase.TextPacks);
            writer.Write(indexBase.MinDf);
            writer.Write(indexBase.KeyShards);
            writer.Write(indexBase.Docs.Length);
            foreach (var doc in indexBase.Docs)
            {
                writer.Write(doc.Id);
                writer.Write(doc.BureauId);
                writer.Write(doc.SourceHash);
                writer.Write(doc.LengthCode);
                writer.Write(doc.FirstChunk);
                writer.Write(doc.TextPack);
                writer.Write(doc.TextOffset);
                writer.Write(doc.ChunkBytes.Length);
                foreach (var length in doc.ChunkBytes)
                {
                    writer.Write(length);
                }
            }

            writer.Write(indexBase.Files.Length);
            foreach (var file in indexBase.Files)
            {
                writer.Write(file);
            }
        });

    private static int[] ReadInts(BinaryReader reader)
    {
        var values = new int[reader.ReadInt32()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadInt32();
        }

        return values;
    }
}
