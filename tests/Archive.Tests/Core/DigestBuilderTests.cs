using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Archive.Core;

namespace Archive.Tests.Core;

public sealed class DigestBuilderTests
{
    // What the builder promises to hash: the program's identity and the kind, then each value framed (a string by its
    // length, then its UTF-8 bytes; a number as 8 little-endian bytes), all in one SHA-256.
    private static ContentHash Expected(string kind, IEnumerable<object> values)
    {
        using var bytes = new MemoryStream();
        void Number(long value)
        {
            Span<byte> eight = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(eight, value);
            bytes.Write(eight);
        }

        void Text(string value)
        {
            Number(value.Length);
            bytes.Write(Encoding.UTF8.GetBytes(value));
        }

        Text(ProgramIdentity.Current);
        Text(kind);
        foreach (var value in values)
        {
            if (value is string text)
            {
                Text(text);
            }
            else
            {
                Number((long)value);
            }
        }

        return ContentHash.From(SHA256.HashData(bytes.ToArray()));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5_000)]
    [InlineData(60_000)]
    public void A_digest_is_the_sha256_of_its_framed_values_however_many_there_are(int count)
    {
        // Small, then past the buffer a digest hashes at a time, with a string longer than that buffer among them.
        var values = Enumerable.Range(0, count)
            .Select(i => i % 3 == 0 ? (object)((long)i * 7919) : i % 1000 == 1 ? new string('报', 30_000) : $"第{i}段")
            .ToList();
        using var digest = new DigestBuilder("test");
        foreach (var value in values)
        {
            _ = value is string text ? digest.Add(text) : digest.Add((long)value);
        }

        Assert.Equal(Expected("test", values), digest.Finish());
    }

    [Fact]
    public void Values_framed_differently_do_not_hash_alike()
    {
        using var joined = new DigestBuilder("test");
        using var split = new DigestBuilder("test");
        Assert.NotEqual(joined.Add("ab").Add("c").Finish(), split.Add("a").Add("bc").Finish());
    }
}
