using System.Buffers.Binary;

namespace Archive.Reading.KeyTerms;

/// <summary>
/// What one report contributes to key terms and similar reports: how often its text uses each word of SmartCn's
/// dictionary of two or more Chinese characters. Words are found by longest match, one pass over the text at
/// ≈ 100–200 MB/s per core, not by SmartCn's segmentation (≈ 1.8 MB/s): the two agree on 96–97% of words, and the few
/// words a page shows are confirmed with SmartCn's model afterwards (<see cref="DistinctiveTerms"/>). Depends on the text
/// alone, so a build keeps it by the report's content hash (<see cref="ToBytes"/>).
/// </summary>
public sealed class ReportTerms
{
    /// <summary>The version of the analysis and of <see cref="ToBytes"/>; a cache entry of another version is analysed again.</summary>
    public const byte Version = 1;

    private const ushort Magic = 0x544B; // "KT"

    [ThreadStatic]
    private static int[]? _tally;

    [ThreadStatic]
    private static List<int>? _seen;

    // Each word as the difference of its id to the previous one and its count, 7-bit encoded: about 2.3 bytes a word
    // against 8 for two arrays of integers, which at 50,000 reports is 100 MB held against 340.
    private readonly byte[] _entries;

    private ReportTerms(int count, byte[] entries)
    {
        (Count, _entries) = (count, entries);
    }

    /// <summary>How many different words the report uses.</summary>
    public int Count { get; }

    /// <summary>Each word the report uses with how often, in ordinal order of the words.</summary>
    public IEnumerable<(string Word, int Count)> Words
    {
        get
        {
            var words = new List<(string, int)>(Count);
            foreach (var (id, count) in Entries)
            {
                words.Add((WordTrie.Shared.Words[id], count));
            }

            return words;
        }
    }

    /// <summary>Each word's id with its count, in id order, decoded as they are read.</summary>
    internal EntryList Entries => new(_entries);

    /// <summary>The words of a report's text: its title, headings and paragraphs, each block on a line of its own.</summary>
    public static ReportTerms Of(IEnumerable<string> blocks) => Of(string.Join('\n', blocks));

    public static ReportTerms Of(string text)
    {
        var trie = WordTrie.Shared;
        var tally = _tally ??= new int[trie.Words.Count];
        var seen = _seen ??= [];
        for (var i = 0; i < text.Length;)
        {
            var (word, end) = LongestAt(trie, text, i);
            if (word >= 0 && tally[word]++ == 0)
            {
                seen.Add(word);
            }

            i = end;
        }

        seen.Sort();
        var entries = new byte[seen.Count * 2 * 5];
        var (at, previous) = (0, 0);
        foreach (var id in seen)
        {
            at = Put(entries, at, id - previous);
            at = Put(entries, at, tally[id]);
            (tally[id], previous) = (0, id);
        }

        var terms = new ReportTerms(seen.Count, entries[..at]);
        seen.Clear();
        return terms;
    }

    /// <summary>How often the report uses <paramref name="word"/> (0 for a word it does not use or SmartCn's dictionary lacks).</summary>
    public int CountOf(string word)
    {
        var wanted = WordTrie.Shared.IdOf(word);
        foreach (var (id, count) in Entries)
        {
            if (id >= wanted)
            {
                return id == wanted ? count : 0;
            }
        }

        return 0;
    }

    /// <summary>
    /// A stable byte form: "KT", <see cref="Version"/>, the dictionary's fingerprint (4 bytes, little-endian), the
    /// number of words, then for each word in id order the difference to the previous id and the count, as 7-bit
    /// encoded integers (unsigned LEB128). About 2 KB for a report of 16 KB.
    /// </summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[7 + 5 + _entries.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, Magic);
        bytes[2] = Version;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(3), WordTrie.Shared.Fingerprint);
        var at = Put(bytes, 7, Count);
        _entries.CopyTo(bytes, at);
        return bytes[..(at + _entries.Length)];
    }

    /// <summary>
    /// The counts kept by <see cref="ToBytes"/>, or null when they were made by another version or over another
    /// dictionary (analyse the text again). Damaged bytes throw <see cref="FormatException"/>.
    /// </summary>
    public static ReportTerms? FromBytes(byte[] bytes)
    {
        if (bytes.Length < 8 || BinaryPrimitives.ReadUInt16LittleEndian(bytes) != Magic)
        {
            throw new FormatException("not the bytes of a report's terms");
        }

        if (bytes[2] != Version || BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(3)) != WordTrie.Shared.Fingerprint)
        {
            return null;
        }

        var words = WordTrie.Shared.Words.Count;
        var at = 7;
        var count = Get(bytes, ref at);
        var start = at;
        for (int i = 0, id = 0; i < count; i++)
        {
            var step = Get(bytes, ref at);
            id += step;
            if (step < (i == 0 ? 0 : 1) || id >= words || Get(bytes, ref at) < 1)
            {
                throw new FormatException("word ids out of order or out of range, or a count below one");
            }
        }

        return count > words || at != bytes.Length
            ? throw new FormatException("the number of words does not fit the bytes")
            : new ReportTerms(count, bytes[start..]);
    }

    /// <summary>
    /// The longest dictionary word of two or more characters at <paramref name="start"/> and where it ends, or
    /// (-1, start + 1) when none starts there.
    /// </summary>
    internal static (int Word, int End) LongestAt(WordTrie trie, string text, int start)
    {
        int word = -1, end = start + 1;
        if (!WordTrie.IsHan(text[start]))
        {
            return (word, end);
        }

        var node = trie.Step(0, text[start]);
        for (var j = start + 1; node != 0 && j < text.Length && WordTrie.IsHan(text[j]); j++)
        {
            node = trie.Step(node, text[j]);
            if (node != 0 && trie.WordAt(node) >= 0)
            {
                (word, end) = (trie.WordAt(node), j + 1);
            }
        }

        return (word, end);
    }

    // 7-bit encoded integers, as BinaryWriter writes them (the varints of Search.StaticIndex are not for this layer).
    private static int Put(byte[] bytes, int at, int value)
    {
        var rest = (uint)value;
        for (; rest >= 0x80; rest >>= 7)
        {
            bytes[at++] = (byte)(rest | 0x80);
        }

        bytes[at++] = (byte)rest;
        return at;
    }

    private static int Get(byte[] bytes, ref int at)
    {
        var value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (at >= bytes.Length)
            {
                throw new FormatException("the bytes end inside a number");
            }

            var b = bytes[at++];
            value |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException("a number longer than five bytes");
    }

    /// <summary>A report's (word id, count) pairs, decoded as a loop reads them.</summary>
    internal readonly struct EntryList(byte[] entries)
    {
        public Enumerator GetEnumerator() => new(entries);

        internal struct Enumerator(byte[] entries)
        {
            private int _at;
            private int _id;

            public (int Id, int Count) Current { get; private set; }

            public bool MoveNext()
            {
                if (_at >= entries.Length)
                {
                    return false;
                }

                _id += Get(entries, ref _at);
                Current = (_id, Get(entries, ref _at));
                return true;
            }
        }
    }
}
