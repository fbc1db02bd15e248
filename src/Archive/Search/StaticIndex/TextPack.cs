using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Archive.Search.StaticIndex;

/// <summary>
/// The text record of one report (FORMAT.md §4.4): its chunks one after another, each compressed on its own as raw
/// deflate, with their compressed lengths. A browser fetches any run of a report's chunks with one HTTP range request
/// and inflates them with <c>DecompressionStream('deflate-raw')</c>.
/// </summary>
public sealed class TextPack
{
    // zlib level 6: on 7,800 chunks of the raw benchmark corpus, 0.5879 of the JSON, as level 9 (0.5879) and 5
    // (0.5879) give, at twice level 9's speed (19 against 11 MB/s a core; level 1: 0.598 at 25 MB/s). Brotli 5 gave
    // 0.51, but no browser API inflates brotli, and a stream of its own per chunk is what lets a range request stand
    // alone.
    private static readonly ZLibCompressionOptions Compression = new() { CompressionLevel = 6, CompressionStrategy = ZLibCompressionStrategy.Default };

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private TextPack(byte[] bytes, int[] chunkBytes)
    {
        Bytes = bytes;
        ChunkBytes = chunkBytes;
    }

    /// <summary>The record: every chunk's deflate stream, in order.</summary>
    public byte[] Bytes { get; }

    /// <summary>Each chunk's compressed length in <see cref="Bytes"/>, in order.</summary>
    public int[] ChunkBytes { get; }

    public static TextPack Of(IReadOnlyList<TextChunk> chunks)
    {
        using var file = new MemoryStream();
        var lengths = new int[chunks.Count];
        for (var i = 0; i < chunks.Count; i++)
        {
            var start = file.Length;
            using (var deflate = new DeflateStream(file, Compression, leaveOpen: true))
            {
                deflate.Write(Json(chunks[i]));
            }

            lengths[i] = checked((int)(file.Length - start));
        }

        return new TextPack(file.ToArray(), lengths);
    }

    /// <summary>A chunk as its file holds it before compression: the JSON array [tail, anchor, text, anchor, text, …].</summary>
    public static byte[] Json(TextChunk chunk)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartArray();
            json.WriteStringValue(chunk.Tail);
            foreach (var block in chunk.Blocks)
            {
                json.WriteStringValue(block.Anchor);
                json.WriteStringValue(block.Text);
            }

            json.WriteEndArray();
        }

        return buffer.ToArray();
    }
}
