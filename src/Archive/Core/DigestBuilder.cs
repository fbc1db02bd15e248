using System.Security.Cryptography;
using System.Text;
using Archive.Incremental;

namespace Archive.Core;

/// <summary>
/// Builds a source digest (<see cref="ReusingOutput.Write(string, ContentHash, Func{byte[]})"/>) from the values a file is
/// made from, without serializing them first. Each value is framed (strings by their length), so different sequences
/// of values never hash alike. Starts from the program's identity: another build of the program may write other bytes.
/// </summary>
public sealed class DigestBuilder : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _buffer = new byte[1024];

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
        var bytes = value.Length * 3 <= _buffer.Length ? _buffer : new byte[Encoding.UTF8.GetMaxByteCount(value.Length)];
        _hash.AppendData(bytes, 0, Encoding.UTF8.GetBytes(value, bytes));
        return this;
    }

    public DigestBuilder Add(long value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BitConverter.TryWriteBytes(bytes, value);
        _hash.AppendData(bytes);
        return this;
    }

    public DigestBuilder Add(ContentHash value)
    {
        Span<byte> bytes = stackalloc byte[ContentHash.Bytes];
        value.CopyTo(bytes);
        _hash.AppendData(bytes);
        return this;
    }

    public ContentHash Finish() => ContentHash.Of(_hash);

    public void Dispose() => _hash.Dispose();
}
