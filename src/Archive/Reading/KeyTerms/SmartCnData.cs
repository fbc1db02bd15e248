using System.Text;
using Lucene.Net.Analysis.Cn.Smart;

namespace Archive.Reading.KeyTerms;

/// <summary>
/// SmartCn's two dictionaries, read from the resources of the Lucene.Net.Analysis.SmartCn assembly (not copied into
/// this project): the core dictionary (each word with its frequency in the corpus SmartCn was trained on) and the
/// bigram dictionary (how often two words followed each other there, kept only as a hash of "first@second"). Read
/// once per process, on first use.
/// </summary>
internal sealed class SmartCnData
{
    private const string Resources = "Lucene.Net.Analysis.SmartCn.Hhmm.";

    private static readonly Lazy<SmartCnData> Loaded = new(Load);

    private SmartCnData(Dictionary<string, int> words, Dictionary<long, int> bigrams)
    {
        (Words, Bigrams) = (words, bigrams);
    }

    public static SmartCnData Shared => Loaded.Value;

    /// <summary>Every entry of the core dictionary with its frequency: words, single characters, and the markers of
    /// sentence start and end, numbers and other strings (始##始, 末##末, 未##数, 未##串).</summary>
    public IReadOnlyDictionary<string, int> Words { get; }

    /// <summary>How often two tokens followed each other, by the FNV hash of "first@second" (<see cref="BigramHash"/>).</summary>
    public IReadOnlyDictionary<long, int> Bigrams { get; }

    /// <summary>The hash SmartCn keys its bigram dictionary with: 64-bit FNV-1 over each UTF-16 unit's low byte, then its high byte.</summary>
    public static long BigramHash(long hash, char c)
    {
        const long Prime = 1099511628211L;
        hash = (hash ^ (c & 0xFF)) * Prime;
        return (hash ^ (c >> 8)) * Prime;
    }

    public const long BigramHashStart = unchecked((long)0xcbf29ce484222325UL);

    private static SmartCnData Load()
    {
        var assembly = typeof(SmartChineseAnalyzer).Assembly;
        using var core = assembly.GetManifestResourceStream(Resources + "coredict.mem")
            ?? throw new InvalidOperationException("Lucene.Net.Analysis.SmartCn has no coredict.mem resource: another version of the package?");
        using var bigram = assembly.GetManifestResourceStream(Resources + "bigramdict.mem")
            ?? throw new InvalidOperationException("Lucene.Net.Analysis.SmartCn has no bigramdict.mem resource: another version of the package?");
        return new SmartCnData(ReadWords(core), ReadBigrams(bigram));
    }

    // The layout of coredict.mem (BinaryWriter, characters as UTF-8): a hash table from a word's first character to
    // its row, then the rows (the rest of each word), then each row's frequencies in the same order.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static Dictionary<string, int> ReadWords(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var rowOfSlot = new short[reader.ReadInt32()];
        for (var i = 0; i < rowOfSlot.Length; i++)
        {
            rowOfSlot[i] = reader.ReadInt16();
        }

        var firstOfSlot = new char[reader.ReadInt32()];
        for (var i = 0; i < firstOfSlot.Length; i++)
        {
            firstOfSlot[i] = reader.ReadChar();
        }

        var rests = new string?[reader.ReadInt32()][];
        for (var row = 0; row < rests.Length; row++)
        {
            var count = reader.ReadInt32();
            rests[row] = count < 0 ? [] : new string?[count];
            for (var j = 0; j < count; j++)
            {
                var length = reader.ReadInt32();
                rests[row][j] = length < 0 ? null : new string(reader.ReadChars(length));
            }
        }

        var frequencies = new int[reader.ReadInt32()][];
        for (var row = 0; row < frequencies.Length; row++)
        {
            var count = reader.ReadInt32();
            frequencies[row] = new int[Math.Max(0, count)];
            for (var j = 0; j < count; j++)
            {
                frequencies[row][j] = reader.ReadInt32();
            }
        }

        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var slot = 0; slot < rowOfSlot.Length; slot++)
        {
            var row = rowOfSlot[slot];
            if (row < 0 || firstOfSlot[slot] == 0)
            {
                continue;
            }

            for (var j = 0; j < rests[row].Length; j++)
            {
                words[firstOfSlot[slot] + (rests[row][j] ?? "")] = frequencies[row][j];
            }
        }

        return words;
    }

    // bigramdict.mem: the hash table as it is (0 = an empty slot), then its frequencies.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static Dictionary<long, int> ReadBigrams(Stream stream)
    {
        using var reader = new BinaryReader(stream);
        var hashes = new long[reader.ReadInt32()];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = reader.ReadInt64();
        }

        var frequencies = new int[reader.ReadInt32()];
        for (var i = 0; i < frequencies.Length; i++)
        {
            frequencies[i] = reader.ReadInt32();
        }

        var bigrams = new Dictionary<long, int>(hashes.Length / 2);
        for (var i = 0; i < hashes.Length; i++)
        {
            if (hashes[i] != 0)
            {
                bigrams[hashes[i]] = frequencies[i];
            }
        }

        return bigrams;
    }
}
