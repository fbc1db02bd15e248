namespace Archive.Search;

/// <summary>One document of a base index: the report it was made from and where its text went.</summary>
/// <param name="ChunkBytes">The compressed length of each of its chunks in its text file (FORMAT.md §4.4).</param>
public sealed record BaseDoc(string Id, string BureauId, string SourceHash, byte LengthCode, int FirstChunk, int[] ChunkBytes);

/// <summary>
/// What a full export of the static index leaves in the cache so that the next builds can add an update to it
/// (FORMAT.md §4.6) instead of making it again: its documents in doc order with the report hashes they were made
/// from, its parameters, and the files that hold its keys, postings, positions and texts. The SHA-256 of those files'
/// contents (as the output manifest records them) ties it to the index in output/: if the files are not exactly
/// those, there is no base and the next export is a full one.
/// </summary>
public sealed record SearchIndexBase(int InlineLimit, int ChunkCount, int MinDf, int KeyShards, BaseDoc[] Docs, string[] Files)
{
    private const string Header = "archive-search-base 2";

    /// <summary>The digest of the files' contents the base was saved with (empty until saved or loaded).</summary>
    public string FilesDigest { get; init; } = "";

    public static string PathFor(string cacheFolder, string outputFolder) => CacheFile.PathFor(cacheFolder, "search-base", outputFolder, ".bin");

    /// <summary>The base saved at <paramref name="path"/> by this program, or null.</summary>
    public static SearchIndexBase? Load(string path)
    {
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            if (reader.ReadString() != Header || reader.ReadString() != CacheFile.Program)
            {
                return null;
            }

            var digest = reader.ReadString();
            var (inlineLimit, chunkCount, minDf, keyShards) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
            var docs = new BaseDoc[reader.ReadInt32()];
            for (var d = 0; d < docs.Length; d++)
            {
                docs[d] = new BaseDoc(reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadByte(), reader.ReadInt32(), ReadInts(reader));
            }

            var files = new string[reader.ReadInt32()];
            for (var f = 0; f < files.Length; f++)
            {
                files[f] = reader.ReadString();
            }

            return new SearchIndexBase(inlineLimit, chunkCount, minDf, keyShards, docs, files) { FilesDigest = digest };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EndOfStreamException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    private static int[] ReadInts(BinaryReader reader)
    {
        var values = new int[reader.ReadInt32()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadInt32();
        }

        return values;
    }

    /// <summary>Saves the base with the digest of its files as they are now in output/ (to a temporary file first).</summary>
    public void Save(string path, string filesDigest)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        using (var writer = new BinaryWriter(File.Create(temporary)))
        {
            writer.Write(Header);
            writer.Write(CacheFile.Program);
            writer.Write(filesDigest);
            writer.Write(InlineLimit);
            writer.Write(ChunkCount);
            writer.Write(MinDf);
            writer.Write(KeyShards);
            writer.Write(Docs.Length);
            foreach (var doc in Docs)
            {
                writer.Write(doc.Id);
                writer.Write(doc.BureauId);
                writer.Write(doc.SourceHash);
                writer.Write(doc.LengthCode);
                writer.Write(doc.FirstChunk);
                writer.Write(doc.ChunkBytes.Length);
                foreach (var length in doc.ChunkBytes)
                {
                    writer.Write(length);
                }
            }

            writer.Write(Files.Length);
            foreach (var file in Files)
            {
                writer.Write(file);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }
}
