namespace Archive.Search.StaticIndex;

/// <summary>
/// The postings of one bucket of grams, made from the entries the counting passes wrote: the bucket's stream of
/// every part is read in part order (so each gram's entries arrive in doc order), the entries are placed by gram (a
/// counting sort, which keeps that order), and each gram's postings and positions are encoded one after another, in
/// the order of the grams' numbers. The arrays are kept from bucket to bucket.
/// </summary>
internal sealed class PostingsBatch
{
    /// <summary>
    /// One part's entries: its streams, and the place among its bucket's grams of the gram the part numbered
    /// <c>own</c> at <c>PlaceOf[own − Offset]</c> (one lookup per entry, on the hottest loop of the seal).
    /// </summary>
    public sealed record Source(EntryStreams Streams, int[] PlaceOf, int Offset);

    private byte[] _read = [];

    // The entries as read, before they are placed.
    private int[] _arrivedGram = [];
    private int[] _arrivedDoc = [];
    private int[] _arrivedHits = [];
    private int[] _arrivedPositionEnd = [];
    private byte[] _arrivedPositions = [];

    // The entries placed by gram: gram g's are [_start[g], _start[g + 1]).
    private int[] _start = [];
    private int[] _next = [];
    private int[] _slotOf = [];
    private int[] _docs = [];
    private int[] _hits = [];
    private int[] _positionStart = [];
    private byte[] _positions = [];
    private byte[] _postings = [];

    // Kept from bucket to bucket like the rest: arrays of a bucket's size are large objects, and making them anew
    // for each of thousands of buckets set off full collections.
    private int[] _postingsLengths = [];
    private int[] _positionsLengths = [];
    private int _grams;
    private int _postingsUsed;
    private int _positionsUsed;
    private bool _withPositions;

    /// <summary>The encoded postings of the bucket's grams, one after another (<see cref="PostingsLengths"/> long each).</summary>
    public ReadOnlySpan<byte> Postings => _postings.AsSpan(0, _postingsUsed);

    public ReadOnlySpan<int> PostingsLengths => _postingsLengths.AsSpan(0, _grams);

    /// <summary>The positions of the bucket's grams, one after another (empty unless they are the longest grams).</summary>
    public ReadOnlySpan<byte> Positions => _positions.AsSpan(0, _positionsUsed);

    public ReadOnlySpan<int> PositionsLengths => _withPositions ? _positionsLengths.AsSpan(0, _grams) : [];

    /// <summary>Makes the postings of the <paramref name="grams"/> grams of bucket <paramref name="bucket"/>.</summary>
    public void Make(Source[] parts, int bucket, int grams, bool withPositions, int docCount)
    {
        var count = Read(parts, bucket, withPositions);
        Place(count, grams, withPositions);
        _grams = grams;
        Room(ref _postingsLengths, grams);
        var used = 0;
        for (var gram = 0; gram < grams; gram++)
        {
            var slots = _start[gram].._start[gram + 1];
            _postingsLengths[gram] = GramPostings.Encode(_docs.AsSpan(slots), _hits.AsSpan(slots), docCount, ref _postings, used);
            used += _postingsLengths[gram];
        }

        _postingsUsed = used;
        _positionsUsed = 0;
        _withPositions = withPositions;
        if (withPositions)
        {
            Room(ref _positionsLengths, grams);
            for (var gram = 0; gram < grams; gram++)
            {
                _positionsLengths[gram] = _positionStart[_start[gram + 1]] - _positionStart[_start[gram]];
            }

            _positionsUsed = _positionStart[count];
        }
    }

    /// <summary>Reads every entry of the bucket once, in arrival order; returns how many.</summary>
    private int Read(Source[] parts, int bucket, bool withPositions)
    {
        var count = 0;
        var positionBytes = 0;
        foreach (var part in parts)
        {
            var doc = 0;
            foreach (var record in part.Streams.Records(bucket))
            {
                var bytes = part.Streams.Read(record, ref _read);
                for (var at = 0; at < bytes.Length;)
                {
                    Room(ref _arrivedGram, count + 1);
                    Room(ref _arrivedDoc, count + 1);
                    Room(ref _arrivedHits, count + 1);
                    var own = Varint.Get(bytes, ref at);
                    _arrivedGram[count] = part.PlaceOf[own - part.Offset];
                    doc += Varint.Get(bytes, ref at);
                    _arrivedDoc[count] = doc;
                    var hits = _arrivedHits[count] = Varint.Get(bytes, ref at);
                    count++;
                    if (withPositions)
                    {
                        var start = at;
                        for (var h = 0; h < hits; h++)
                        {
                            Varint.Get(bytes, ref at);
                        }

                        Room(ref _arrivedPositions, positionBytes + at - start);
                        bytes[start..at].CopyTo(_arrivedPositions.AsSpan(positionBytes));
                        positionBytes += at - start;
                        Room(ref _arrivedPositionEnd, count);
                        _arrivedPositionEnd[count - 1] = positionBytes;
                    }
                }
            }
        }

        return count;
    }

    /// <summary>Places the entries by gram, keeping their order within a gram.</summary>
    private void Place(int count, int grams, bool withPositions)
    {
        Room(ref _start, grams + 1);
        _start.AsSpan(0, grams + 1).Clear();
        for (var e = 0; e < count; e++)
        {
            _start[_arrivedGram[e] + 1]++;
        }

        for (var gram = 0; gram < grams; gram++)
        {
            _start[gram + 1] += _start[gram];
        }

        Room(ref _next, grams);
        var next = _next;
        _start.AsSpan(0, grams).CopyTo(next);
        Room(ref _slotOf, count);
        Room(ref _docs, count);
        Room(ref _hits, count);
        for (var e = 0; e < count; e++)
        {
            var slot = _slotOf[e] = next[_arrivedGram[e]]++;
            _docs[slot] = _arrivedDoc[e];
            _hits[slot] = _arrivedHits[e];
        }

        if (!withPositions)
        {
            return;
        }

        Room(ref _positionStart, count + 1);
        _positionStart[0] = 0;
        for (var e = 0; e < count; e++)
        {
            _positionStart[_slotOf[e] + 1] = _arrivedPositionEnd[e] - (e == 0 ? 0 : _arrivedPositionEnd[e - 1]);
        }

        for (var slot = 0; slot < count; slot++)
        {
            _positionStart[slot + 1] += _positionStart[slot];
        }

        Room(ref _positions, _positionStart[count]);
        for (var e = 0; e < count; e++)
        {
            var from = e == 0 ? 0 : _arrivedPositionEnd[e - 1];
            _arrivedPositions.AsSpan(from, _arrivedPositionEnd[e] - from).CopyTo(_positions.AsSpan(_positionStart[_slotOf[e]]));
        }
    }

    private static void Room<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            Array.Resize(ref array, Math.Max(length, Math.Max(1024, array.Length * 2)));
        }
    }
}
