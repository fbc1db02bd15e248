namespace Archive.Search;

/// <summary>
/// The doc postings of every gram key with hit counts, encoded as FORMAT.md §4.3 fixes: a mode byte, the
/// documents (gaps as varints, or a bitset over all documents when that is smaller), then one varint hit count per
/// document; and for grams of <see cref="GramIndex.MaxGram"/> code points, the positions of their hits. Built on
/// every core: each worker takes a contiguous range of documents, so joining their lists in worker order keeps
/// every list in doc order.
/// </summary>
public static class GramPostings
{
    public const byte GapMode = 0;
    public const byte BitsetMode = 1;

    /// <summary>Postings of every gram, and positions of the grams of <see cref="GramIndex.MaxGram"/> code points (null for the others).</summary>
    public static (byte[][] Postings, byte[]?[] Positions) Build(GramIndex grams, IReadOnlyList<int[]> docs)
    {
        var workers = Math.Max(1, Math.Min(Environment.ProcessorCount, docs.Count / 64));
        var parts = new Part[workers];
        Parallel.For(0, workers, w =>
        {
            var from = (int)((long)docs.Count * w / workers);
            var to = (int)((long)docs.Count * (w + 1) / workers);
            parts[w] = Collect(grams, docs, from, to);
        });

        var encoded = new byte[grams.Count][];
        var positions = new byte[grams.Count][];
        Parallel.For(0, grams.Count, gram =>
        {
            encoded[gram] = Encode(parts, gram, docs.Count);
            if (grams.LevelOf(gram) == GramIndex.MaxGram)
            {
                positions[gram] = Positions(parts, gram);
            }
        });
        return (encoded, positions);
    }

    private static Part Collect(GramIndex grams, IReadOnlyList<int[]> docs, int from, int to)
    {
        var part = new Part(grams.Count);
        var counts = new int[grams.Count];
        var touched = new List<int>();
        var longest = 1;
        for (var d = from; d < to; d++)
        {
            longest = Math.Max(longest, docs[d].Length + 1);
        }

        var ids = new int[longest];
        var longestGrams = new List<(int Gram, int Position)>();
        void Add(int gram, int position)
        {
            if (counts[gram]++ == 0)
            {
                touched.Add(gram);
            }

            if (grams.LevelOf(gram) == GramIndex.MaxGram)
            {
                longestGrams.Add((gram, position));
            }
        }

        for (var d = from; d < to; d++)
        {
            grams.ForEachOccurrence(docs[d], ids, Add);
            foreach (var gram in touched)
            {
                part.Append(gram, d, counts[gram]);
                counts[gram] = 0;
            }

            touched.Clear();

            // Occurrences come in increasing position, so a stable sort by gram keeps each gram's positions in order.
            foreach (var group in longestGrams.GroupBy(g => g.Gram))
            {
                var previous = -1;
                foreach (var (gram, position) in group)
                {
                    part.AppendPosition(gram, previous < 0 ? position : position - previous);
                    previous = position;
                }
            }

            longestGrams.Clear();
        }

        return part;
    }

    private static byte[] Positions(Part[] parts, int gram)
    {
        using var output = new MemoryStream();
        foreach (var part in parts)
        {
            part.CopyPositions(gram, output);
        }

        return output.ToArray();
    }

    private static byte[] Encode(Part[] parts, int gram, int docCount)
    {
        var docs = new List<int>();
        var hits = new List<int>();
        foreach (var part in parts)
        {
            part.Read(gram, docs, hits);
        }

        var gapBytes = 0;
        var previous = -1;
        foreach (var doc in docs)
        {
            gapBytes += Varint.Size(doc - previous - 1);
            previous = doc;
        }

        var bitsetBytes = (docCount + 7) >> 3;
        using var output = new MemoryStream(1 + Math.Min(gapBytes, bitsetBytes) + hits.Count);
        if (bitsetBytes < gapBytes)
        {
            output.WriteByte(BitsetMode);
            var bits = new byte[bitsetBytes];
            foreach (var doc in docs)
            {
                bits[doc >> 3] |= (byte)(1 << (doc & 7));
            }

            output.Write(bits);
        }
        else
        {
            output.WriteByte(GapMode);
            previous = -1;
            foreach (var doc in docs)
            {
                Varint.Write(output, doc - previous - 1);
                previous = doc;
            }
        }

        foreach (var count in hits)
        {
            Varint.Write(output, count);
        }

        return output.ToArray();
    }

    private static int ReadVarint(byte[] bytes, ref int at)
    {
        var value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            value |= (b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }

    /// <summary>One worker's postings: per gram, (doc, hits) pairs as varints in a growing buffer; positions apart.</summary>
    private sealed class Part(int gramCount)
    {
        private readonly byte[]?[] _buffers = new byte[gramCount][];
        private readonly int[] _lengths = new int[gramCount];
        private readonly Dictionary<int, MemoryStream> _positions = [];

        public void Append(int gram, int doc, int hits)
        {
            var buffer = _buffers[gram];
            var length = _lengths[gram];
            if (buffer is null || buffer.Length - length < 10)
            {
                Array.Resize(ref buffer, Math.Max(16, (buffer?.Length ?? 0) * 2));
                _buffers[gram] = buffer;
            }

            length = Put(buffer, length, doc);
            _lengths[gram] = Put(buffer, length, hits);
        }

        public void AppendPosition(int gram, int value)
        {
            if (!_positions.TryGetValue(gram, out var stream))
            {
                _positions[gram] = stream = new MemoryStream();
            }

            Varint.Write(stream, value);
        }

        public void CopyPositions(int gram, Stream output)
        {
            if (_positions.TryGetValue(gram, out var stream))
            {
                stream.Position = 0;
                stream.CopyTo(output);
            }
        }

        public void Read(int gram, List<int> docs, List<int> hits)
        {
            var buffer = _buffers[gram];
            var at = 0;
            while (at < _lengths[gram])
            {
                docs.Add(ReadVarint(buffer!, ref at));
                hits.Add(ReadVarint(buffer!, ref at));
            }
        }

        private static int Put(byte[] buffer, int at, int value)
        {
            var v = (uint)value;
            while (v >= 0x80)
            {
                buffer[at++] = (byte)(v | 0x80);
                v >>= 7;
            }

            buffer[at++] = (byte)v;
            return at;
        }
    }
}
