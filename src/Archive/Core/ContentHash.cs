using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Archive.Core;

/// <summary>
/// A SHA-256 digest held as a value: the output manifest keeps two per file for a million files, and as hex strings
/// they were most of what loading it allocated. <c>default</c> is "none" (a file written without a hash or digest).
/// </summary>
public readonly record struct ContentHash(ulong A, ulong B, ulong C, ulong D)
{
    public const int Bytes = 32;

    public bool IsNone => this == default;

    public static ContentHash Of(ReadOnlySpan<byte> content)
    {
        Span<byte> digest = stackalloc byte[Bytes];
        SHA256.HashData(content, digest);
        return From(digest);
    }

    /// <summary>The digest <paramref name="hash"/> has made (a SHA-256 <see cref="IncrementalHash"/>), which it resets.</summary>
    public static ContentHash Of(IncrementalHash hash)
    {
        Span<byte> digest = stackalloc byte[Bytes];
        hash.GetHashAndReset(digest);
        return From(digest);
    }

    public static ContentHash From(ReadOnlySpan<byte> digest) => new(
        BinaryPrimitives.ReadUInt64BigEndian(digest),
        BinaryPrimitives.ReadUInt64BigEndian(digest[8..]),
        BinaryPrimitives.ReadUInt64BigEndian(digest[16..]),
        BinaryPrimitives.ReadUInt64BigEndian(digest[24..]));

    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, A);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], B);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], C);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], D);
    }

    /// <summary>The digest in lower-case hex, as sha256sum prints it.</summary>
    public override string ToString()
    {
        Span<byte> digest = stackalloc byte[Bytes];
        CopyTo(digest);
        return Convert.ToHexStringLower(digest);
    }
}
