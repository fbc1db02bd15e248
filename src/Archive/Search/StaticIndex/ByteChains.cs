namespace Archive.Search.StaticIndex;

/// <summary>
/// Many byte sequences that grow at their ends, kept in shared pages: each is a chain of slices that double in size
/// (16 bytes up to 1 KB), each slice ending in the address of the next. Growing a sequence never copies it, its
/// only slack is the unused end of its last slice, and the pages are large objects that the collector never moves.
/// The gram counter appends the postings of every gram of a level here. With an array per gram that doubled when
/// full, a level also held each array's empty half and the outgrown arrays waiting for the collector: at 50,000
/// reports the build's peak went from 2.35–2.61 GB to 2.06 GB with chains.
/// </summary>
internal sealed class ByteChains
{
    private const int PageBits = 20;
    private const int PageSize = 1 << PageBits;
    private const int PageMask = PageSize - 1;
    private const int FirstSlice = 16;
    private const int LargestSlice = 1024;
    // A link is the next slice's address / 16 (slices start on 16-byte boundaries): an int reaches 32 GB.
    private const int LinkBytes = sizeof(int);

    private List<byte[]> _pages = [];
    // Where the next slice goes, and the end of its page.
    private long _free;
    private long _pageEnd;

    // Per sequence: the address of its first slice, where its next byte goes, where its current slice's data ends
    // (its link follows), the size of that slice, and its length. An address is page · PageSize + offset.
    private long[] _head = [];
    private long[] _write = [];
    private long[] _end = [];
    private int[] _slice = [];
    private int[] _length = [];

    /// <summary>The bytes held by sequence <paramref name="chain"/> (0 for one never written).</summary>
    public int Length(int chain) => chain < _length.Length ? _length[chain] : 0;

    /// <summary>Appends an unsigned LEB128 varint (<see cref="Varint"/>) to sequence <paramref name="chain"/>.</summary>
    public void AddVarint(int chain, int value)
    {
        if (chain >= _length.Length)
        {
            Grow(chain + 1);
        }

        Span<byte> bytes = stackalloc byte[5];
        foreach (var b in bytes[..Varint.Put(bytes, 0, value)])
        {
            Add(chain, b);
        }
    }

    /// <summary>Copies sequence <paramref name="chain"/> into <paramref name="destination"/> (at least <see cref="Length"/> bytes).</summary>
    public void CopyTo(int chain, Span<byte> destination)
    {
        var remaining = Length(chain);
        var slice = FirstSlice;
        var at = remaining > 0 ? _head[chain] : 0;
        var copied = 0;
        while (remaining > 0)
        {
            var data = slice - LinkBytes;
            var take = Math.Min(remaining, data);
            var page = _pages[(int)(at >> PageBits)];
            var offset = (int)(at & PageMask);
            page.AsSpan(offset, take).CopyTo(destination[copied..]);
            copied += take;
            remaining -= take;
            if (remaining > 0)
            {
                at = (long)BitConverter.ToInt32(page, offset + data) << 4;
                slice = Math.Min(slice * 2, LargestSlice);
            }
        }
    }

    /// <summary>Lets go of every sequence at once.</summary>
    public void Clear()
    {
        _pages = [];
        _free = _pageEnd = 0;
        _head = _write = _end = [];
        _slice = _length = [];
    }

    private void Add(int chain, byte value)
    {
        if (_write[chain] == _end[chain])
        {
            NextSlice(chain);
        }

        var at = _write[chain]++;
        _pages[(int)(at >> PageBits)][at & PageMask] = value;
        _length[chain]++;
    }

    private void NextSlice(int chain)
    {
        var size = _length[chain] == 0 ? FirstSlice : Math.Min(_slice[chain] * 2, LargestSlice);
        if (_free + size > _pageEnd)
        {
            _free = (long)_pages.Count << PageBits;
            _pageEnd = _free + PageSize;
            _pages.Add(new byte[PageSize]);
        }

        var start = _free;
        _free += size;
        if (_length[chain] == 0)
        {
            _head[chain] = start;
        }
        else
        {
            // The link goes where the current slice's data ends.
            var link = _end[chain];
            BitConverter.TryWriteBytes(_pages[(int)(link >> PageBits)].AsSpan((int)(link & PageMask), LinkBytes), (int)(start >> 4));
        }

        _write[chain] = start;
        _end[chain] = start + size - LinkBytes;
        _slice[chain] = size;
    }

    private void Grow(int count)
    {
        var size = Math.Max(count, Math.Max(1024, _length.Length * 2));
        Array.Resize(ref _head, size);
        Array.Resize(ref _write, size);
        Array.Resize(ref _end, size);
        Array.Resize(ref _slice, size);
        Array.Resize(ref _length, size);
    }
}
