using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Archive.Incremental;

namespace Archive.Core;

/// <summary>
/// Builds a source digest (<see cref="ReusingOutput.Write(string, ContentHash, Func{byte[]})"/>) from the values a file is
/// made from, without serializing them first. Each value is framed (strings by their length), so different sequences
/// of values never hash alike. Starts from the program's identity: another build of the program may write other bytes.
/// </summary>
/// <remarks>
/// The values are gathered in a pooled buffer and hashed (SHA-256) when it fills or the digest is finished: a rebuild
/// digests every page, hundreds of thousands of small values, and a hash fed value by value paid a native call for
/// each (and a native context for each digest), a sixth of a 50,000-report rebuild's CPU. The bytes hashed are the
/// same either way, and so is the digest.
/// </remarks>
public sealed class DigestBuilder : IDisposable
{
    // A digest of more than this (the shared paragraphs' places, megabytes) is hashed a buffer at a time.
    private const int Chunk = 64 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1024);
    private int _length;
    private IncrementalHash? _hash;

    /// <param name="kind">What is being digested ("feed", "csv", …), so that two kinds of file never share a digest.</param>
    public DigestBuilder(string kind)
    {
        Add(ProgramIdentity.Current).Add(kind);
    }

    public DigestBuilder Add(string? value)
    {
        if (value is null)
        {
            return Add(-1);
        }

        Add(value.Length);
        // Room first: it may hand what is gathered to the hash and start the buffer again.
        var room = Room(Encoding.UTF8.GetMaxByteCount(value.Length));
        _length += Encoding.UTF8.GetBytes(value, room);
        return this;
    }

    public DigestBuilder Add(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(Room(sizeof(long)), value);
        _length += sizeof(long);
        return this;
    }

    public DigestBuilder Add(ContentHash value)
    {
        value.CopyTo(Room(ContentHash.Bytes));
        _length += ContentHash.Bytes;
        return this;
    }

    public ContentHash Finish()
    {
        if (_hash is null)
        {
            return ContentHash.Of(_buffer.AsSpan(0, _length));
        }

        _hash.AppendData(_buffer, 0, _length);
        _length = 0;
        return ContentHash.Of(_hash);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _hash?.Dispose();
    }

    // At least `size` free bytes after what is written so far.
    private Span<byte> Room(int size)
    {
        if (_buffer.Length - _length < size && _length + size > Chunk)
        {
            // Past a chunk: what is gathered goes to the hash, and the buffer starts again.
            _hash ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            _hash.AppendData(_buffer, 0, _length);
            _length = 0;
        }

        if (_buffer.Length - _length < size)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + size));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        return _buffer.AsSpan(_length);
    }
}
