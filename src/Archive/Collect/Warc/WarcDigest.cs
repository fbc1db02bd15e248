using System.Security.Cryptography;

namespace Archive.Collect.Warc;

/// <summary>
/// The digest WARC files carry in WARC-Block-Digest and WARC-Payload-Digest: SHA-1 written as "sha1:" and RFC 4648
/// base32. Hex or SHA-256 would be as valid under the standard, but this is the form warcio, pywb, Heritrix and most
/// deduplicating tools write and compare, so a revisit record of ours matches their indexes.
/// </summary>
public static class WarcDigest
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Sha1Base32(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(data, hash);
        return "sha1:" + Base32(hash);
    }

    /// <summary>RFC 4648 base32, upper case, padded with '=' to a multiple of eight characters.</summary>
    internal static string Base32(ReadOnlySpan<byte> bytes)
    {
        var text = new System.Text.StringBuilder((bytes.Length + 4) / 5 * 8);
        var buffer = 0;
        var bits = 0;
        foreach (var b in bytes)
        {
            buffer = ((buffer << 8) | b) & 0xFFFF; // only the bits not yet written matter
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                text.Append(Alphabet[(buffer >> bits) & 31]);
            }
        }

        if (bits > 0)
        {
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        while (text.Length % 8 != 0)
        {
            text.Append('=');
        }

        return text.ToString();
    }
}
