using Archive.Search.StaticIndex;

namespace Archive.Tests.Search;

/// <summary>
/// The gram counter writes each gram's entries to the stream of its bucket, hundreds of streams at once, through
/// buffers that become records of one spill file: whatever the interleaving and the sizes, each stream must read
/// back as whole entries, in the order written.
/// </summary>
public sealed class EntryStreamsTests
{
    [Fact]
    public void InterleavedStreamsReadBackAsWrittenInWholeEntries()
    {
        var random = new Random(7);
        const int Streams = 300;
        using var streams = new EntryStreams(Streams, 256);
        var expected = new List<byte[]>[Streams];
        for (var i = 0; i < Streams; i++)
        {
            expected[i] = [];
        }

        for (var step = 0; step < 60_000; step++)
        {
            var stream = random.Next(10) == 0 ? random.Next(3) : random.Next(Streams);
            // Mostly a few bytes, sometimes more than a buffer holds; each entry starts with its payload's length.
            var payload = new byte[random.Next(50) == 0 ? random.Next(200, 1_000) : random.Next(0, 12)];
            random.NextBytes(payload);
            var entry = new byte[Varint.Size(payload.Length) + payload.Length];
            payload.CopyTo(entry, Varint.Put(entry, 0, payload.Length));
            if (random.Next(2) == 0)
            {
                streams.Write(stream, entry);
            }
            else
            {
                var room = streams.Room(stream, entry.Length + 5);
                entry.CopyTo(room);
                streams.Wrote(stream, entry.Length);
            }

            expected[stream].Add(entry);
        }

        streams.Finish();
        var buffer = Array.Empty<byte>();
        var records = 0;
        for (var stream = 0; stream < Streams; stream++)
        {
            var read = new List<byte[]>();
            foreach (var record in streams.Records(stream))
            {
                records++;
                var bytes = streams.Read(record, ref buffer);
                for (var at = 0; at < bytes.Length;)
                {
                    // Entries must not straddle records: each record starts at an entry's first byte.
                    var start = at;
                    var length = Varint.Get(bytes, ref at);
                    at += length;
                    read.Add(bytes[start..at].ToArray());
                }
            }

            Assert.Equal(expected[stream].Count, read.Count);
            for (var i = 0; i < read.Count; i++)
            {
                Assert.Equal(expected[stream][i], read[i]);
            }
        }

        Assert.True(records > 2 * Streams, $"only {records} records: the buffers were never flushed mid-stream");
    }
}
