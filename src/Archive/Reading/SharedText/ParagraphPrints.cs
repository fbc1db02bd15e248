using System.Buffers;
using System.Globalization;
using Archive.Core;
using Archive.Corpus;
using Archive.Search.Contract;

namespace Archive.Reading.SharedText;

/// <summary>
/// What the finder of shared text keeps of one report, so that it never needs the report's text again while the text
/// is unchanged: for each paragraph of at least <see cref="SharedParagraphs.Shortest"/> normalized characters, its
/// number (the n of its anchor pn), its normalized length, a 64-bit hash of its normalized text (equal texts are
/// copies), and a MinHash signature of its character trigrams (similar texts have similar signatures).
/// </summary>
/// <remarks>
/// The signature is one-permutation MinHash: each trigram is hashed once and falls into one of
/// <see cref="Slots"/> slots, which keep their smallest hash; empty slots borrow from the next filled one (rotation
/// densification). Two texts agree on a slot with probability about the Jaccard similarity of their trigram sets, as with
/// <see cref="Slots"/> independent hash functions, at the cost of one. Slots keep 16 bits (b-bit MinHash): an
/// accidental agreement costs a candidate that the exact check then rejects.
/// </remarks>
public sealed class ParagraphPrints
{
    /// <summary>Signature slots per paragraph: <see cref="Bands"/> bands of <see cref="Rows"/>.</summary>
    public const int Slots = Bands * Rows;

    // 12 bands of 3 rows: a pair at the threshold (Dice 0.9, Jaccard 0.82) agrees on some band with probability
    // 1 − (1 − 0.82³)¹² > 0.9999; unrelated paragraphs (Jaccard < 0.1) almost never.
    internal const int Bands = 12;
    internal const int Rows = 3;

    private const int Version = 1;

    private const char FigurePlaceholder = '#';

    private ParagraphPrints(int totalLength, int[] numbers, int[] lengths, int[] trigrams, ulong[] hashes, ushort[] signatures)
    {
        TotalLength = totalLength;
        Numbers = numbers;
        Lengths = lengths;
        Trigrams = trigrams;
        Hashes = hashes;
        Signatures = signatures;
    }

    /// <summary>The normalized length of all the report's paragraphs, short ones too: what a share of its text is of.</summary>
    public int TotalLength { get; }

    /// <summary>Each kept paragraph's number n (its anchor is pn), in reading order.</summary>
    public int[] Numbers { get; }

    /// <summary>Each kept paragraph's normalized length in UTF-16 units.</summary>
    public int[] Lengths { get; }

    /// <summary>
    /// How many distinct character trigrams each kept paragraph has: two texts whose counts differ by more than
    /// <see cref="SharedParagraphs.NearlySame"/> allows cannot be nearly the same.
    /// </summary>
    public int[] Trigrams { get; }

    /// <summary>Each kept paragraph's normalized text, hashed.</summary>
    public ulong[] Hashes { get; }

    /// <summary><see cref="Slots"/> values per kept paragraph, one after the other.</summary>
    internal ushort[] Signatures { get; }

    public int Count => Numbers.Length;

    /// <summary>The prints of a report's paragraphs (headings are not paragraphs).</summary>
    public static ParagraphPrints Of(ReportBody body) =>
        Of(body.AllParagraphs.Select(p => (int.Parse(p.Anchor.AsSpan(1), CultureInfo.InvariantCulture), p.Text)));

    /// <summary>The prints of plain paragraphs, each numbered by its place in the list (from 0).</summary>
    public static ParagraphPrints Of(IEnumerable<string> paragraphs) => Of(paragraphs.Select((text, i) => (i, text)));

    /// <summary>A text as the prints see it: normalized (<see cref="TextNormalizer"/>).</summary>
    public static string Normalize(string text)
    {
        var buffer = ArrayPool<char>.Shared.Rent(text.Length);
        var normalized = new string(buffer, 0, NormalizeInto(text, buffer));
        ArrayPool<char>.Shared.Return(buffer);
        return normalized;
    }

    private static ParagraphPrints Of(IEnumerable<(int Number, string Text)> paragraphs)
    {
        var numbers = new List<int>();
        var lengths = new List<int>();
        var trigrams = new List<int>();
        var hashes = new List<ulong>();
        var signatures = new List<ushort>();
        Span<ushort> signature = stackalloc ushort[Slots];
        var total = 0;
        foreach (var (number, text) in paragraphs)
        {
            var buffer = ArrayPool<char>.Shared.Rent(text.Length);
            var length = NormalizeInto(text, buffer);
            total += length;
            if (length >= SharedParagraphs.Shortest)
            {
                var normalized = buffer.AsSpan(0, length);
                numbers.Add(number);
                lengths.Add(length);
                hashes.Add(HashOf(normalized));
                trigrams.Add(Sign(normalized, signature));
                signatures.AddRange(signature);
            }

            ArrayPool<char>.Shared.Return(buffer);
        }

        return new ParagraphPrints(total, [.. numbers], [.. lengths], [.. trigrams], [.. hashes], [.. signatures]);
    }

    /// <summary>The 64-bit hash of a normalized text that <see cref="Hashes"/> holds.</summary>
    public static ulong HashOf(ReadOnlySpan<char> normalized)
    {
        // FNV-1a over the UTF-16 units, then mixed: equal texts, equal hashes; at 64 bits, two of a few million
        // distinct paragraphs collide with a probability under one in a million.
        var hash = 14695981039346656037UL;
        foreach (var c in normalized)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return Mix(hash);
    }

    /// <summary>The signature of kept paragraph <paramref name="index"/>.</summary>
    internal ReadOnlySpan<ushort> SignatureOf(int index) => Signatures.AsSpan(index * Slots, Slots);

    /// <summary>The prints as bytes, array by array (<see cref="BinaryArrays"/>).</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(TotalLength);
        writer.Write(Count);
        BinaryArrays.Write<int>(writer, Numbers);
        BinaryArrays.Write<int>(writer, Lengths);
        BinaryArrays.Write<int>(writer, Trigrams);
        BinaryArrays.Write<ulong>(writer, Hashes);
        BinaryArrays.Write<ushort>(writer, Signatures);
    }

    public static ParagraphPrints Read(BinaryReader reader)
    {
        var total = reader.ReadInt32();
        var count = reader.ReadInt32();
        return new ParagraphPrints(
            total,
            BinaryArrays.Read<int>(reader, count),
            BinaryArrays.Read<int>(reader, count),
            BinaryArrays.Read<int>(reader, count),
            BinaryArrays.Read<ulong>(reader, count),
            BinaryArrays.Read<ushort>(reader, count * Slots));
    }

    /// <summary>What a cache of prints is bound to: a change to how they are made makes earlier ones none.</summary>
    public static string FormatName => $"paragraph-prints {Version} normalization {TextNormalizer.Version}";

    // TextNormalizer's normalization, then figures aside: a run of digits becomes one placeholder, which normalized
    // text never holds otherwise.
    private static int NormalizeInto(string text, char[] buffer)
    {
        var normalized = TextNormalizer.NormalizeInto(text, buffer);
        var length = 0;
        for (var i = 0; i < normalized; i++)
        {
            var c = buffer[i];
            if (c is >= '0' and <= '9')
            {
                if (length == 0 || buffer[length - 1] != FigurePlaceholder)
                {
                    buffer[length++] = FigurePlaceholder;
                }
            }
            else
            {
                buffer[length++] = c;
            }
        }

        return length;
    }

    // Fills the signature; returns how many distinct trigrams the text has.
    private static int Sign(ReadOnlySpan<char> text, Span<ushort> signature)
    {
        Span<ulong> slots = stackalloc ulong[Slots];
        slots.Fill(ulong.MaxValue);
        var count = Math.Max(0, text.Length - 2);
        var rented = ArrayPool<ulong>.Shared.Rent(count);
        var hashes = rented.AsSpan(0, count);
        for (var i = 0; i < count; i++)
        {
            var hash = hashes[i] = TrigramHash(text[i], text[i + 1], text[i + 2]);
            // The top bits choose the slot (a multiply, not a modulo); the rest is the value it competes with.
            var slot = (int)(((hash >> 32) * Slots) >> 32);
            slots[slot] = Math.Min(slots[slot], hash & 0xFFFF_FFFF);
        }

        hashes.Sort();
        var distinct = count == 0 ? 0 : 1;
        for (var i = 1; i < count; i++)
        {
            distinct += hashes[i] != hashes[i - 1] ? 1 : 0;
        }

        ArrayPool<ulong>.Shared.Return(rented);
        for (var s = 0; s < Slots; s++)
        {
            var value = slots[s];
            // An empty slot takes the next filled slot's value, rehashed by how far it looked: two texts with the same
            // filled slots fill their empty ones alike.
            for (var step = 1; value == ulong.MaxValue && step < Slots; step++)
            {
                var borrowed = slots[(s + step) % Slots];
                value = borrowed == ulong.MaxValue ? ulong.MaxValue : Mix(borrowed + (ulong)step) & 0xFFFF_FFFF;
            }

            signature[s] = (ushort)(Mix(value) >> 48);
        }

        return distinct;
    }

    /// <summary>A character trigram's 64-bit hash, as the signatures and the checks of pairs take it.</summary>
    internal static ulong TrigramHash(char a, char b, char c) => Mix(((ulong)a << 32) | ((ulong)b << 16) | c);

    // SplitMix64's finalizer: a well-spread hash of a 64-bit value.
    internal static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
