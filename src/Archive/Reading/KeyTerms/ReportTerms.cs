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

    private readonly int[] _ids;
    private readonly int[] _counts;

    private ReportTerms(int[] ids, int[] counts)
    {
        (_ids, _counts) = (ids, counts);
    }

    /// <summary>How many different words the report uses.</summary>
    public int Count => _ids.Length;

    /// <summary>Each word the report uses with how often, in ordinal order of the words.</summary>
    public IEnumerable<(string Word, int Count)> Words => _ids.Select((id, i) => (WordTrie.Shared.Words[id], _counts[i]));

    internal ReadOnlySpan<int> Ids => _ids;

    internal ReadOnlySpan<int> Counts => _counts;

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
        var ids = seen.ToArray();
        var counts = new int[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            counts[i] = tally[ids[i]];
            tally[ids[i]] = 0;
        }

        seen.Clear();
        return new ReportTerms(ids, counts);
    }

    /// <summary>How often the report uses <paramref name="word"/> (0 for a word it does not use or SmartCn's dictionary lacks).</summary>
    public int CountOf(string word)
    {
        var at = Array.BinarySearch(_ids, WordTrie.Shared.IdOf(word));
        return at >= 0 ? _counts[at] : 0;
    }

    /// <summary>
    /// A stable byte form: "KT", <see cref="Version"/>, the dictionary's fingerprint (4 bytes, little-endian), the
    /// number of words, then for each word in id order the difference to the previous id and the count, as 7-bit
    /// encoded integers (unsigned LEB128). About 2 KB for a report of 16 KB.
    /// </summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream(8 + (_ids.Length * 3));
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(WordTrie.Shared.Fingerprint);
            writer.Write7BitEncodedInt(_ids.Length);
            var previous = 0;
            for (var i = 0; i < _ids.Length; i++)
            {
                writer.Write7BitEncodedInt(_ids[i] - previous);
                writer.Write7BitEncodedInt(_counts[i]);
                previous = _ids[i];
            }
        }

        return stream.ToArray();
    }

    /// <summary>
    /// The counts kept by <see cref="ToBytes"/>, or null when they were made by another version or over another
    /// dictionary (analyse the text again). Damaged bytes throw <see cref="FormatException"/>.
    /// </summary>
    public static ReportTerms? FromBytes(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
        try
        {
            if (reader.ReadUInt16() != Magic)
            {
                throw new FormatException("not the bytes of a report's terms");
            }

            if (reader.ReadByte() != Version || reader.ReadUInt32() != WordTrie.Shared.Fingerprint)
            {
                return null;
            }

            var words = WordTrie.Shared.Words.Count;
            var count = reader.Read7BitEncodedInt();
            if (count < 0 || count > words)
            {
                throw new FormatException("more words than the dictionary has");
            }

            var (ids, counts) = (new int[count], new int[count]);
            for (int i = 0, id = 0; i < count; i++)
            {
                var step = reader.Read7BitEncodedInt();
                id += step;
                if (step < (i == 0 ? 0 : 1) || id >= words || (counts[i] = reader.Read7BitEncodedInt()) < 1)
                {
                    throw new FormatException("word ids out of order or out of range, or a count below one");
                }

                ids[i] = id;
            }

            return reader.BaseStream.Position == bytes.Length ? new ReportTerms(ids, counts) : throw new FormatException("bytes left over after the last word");
        }
        catch (EndOfStreamException)
        {
            throw new FormatException("the bytes end before the last word");
        }
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
}
