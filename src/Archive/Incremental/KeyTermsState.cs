using Archive.Core;
using Archive.Reading.KeyTerms;

namespace Archive.Incremental;

/// <summary>
/// What a build found of one report, kept for the next: its bureau and file hash (what it was found from), the digest
/// of its candidates (so that unchanged candidates need not be confirmed on the text again), its key terms as word ids
/// and counts, its term vector, whether its search for similar reports used all its words, and those reports (as
/// places in <see cref="KeyTermsState.Reports"/>, with their cosines).
/// </summary>
internal sealed record ReportState(
    string Id,
    string Bureau,
    string SourceHash,
    ContentHash Candidates,
    (int Word, int Count)[] Terms,
    SimilarReports.TermVector Vector,
    bool SearchedAll,
    (int Other, double Similarity)[] Similar);

/// <summary>A bureau's key terms, and the digest of its candidates and its reports' files that they were confirmed on.</summary>
internal sealed record BureauState(ContentHash Key, (int Word, int Count)[] Terms);

/// <summary>
/// The key terms and similar reports of the last build, with what a rebuild needs to redo only what a change moves:
/// N and every word's document frequency, each report (in ordinal order of ids) and bureau, and for each word in fewer
/// than <see cref="RareLimit"/> + 1 reports, which reports use it (so that when such a word's weight changes, the
/// reports whose terms may change are known without reading any report's counts). 24 MB at 50,000 reports.
/// </summary>
internal sealed class KeyTermsState(int reportCount, int[] frequency, ReportState[] reports, Dictionary<string, BureauState> bureaus, Dictionary<int, List<int>> rare)
{
    /// <summary>
    /// The largest df for which a word's reports are listed: 2^k − 1, so that a word leaves or enters the lists only
    /// when its df crosses a power of two, which changes its weight and has the rebuild count anew anyway.
    /// </summary>
    public const int RareLimit = 255;

    public int ReportCount { get; } = reportCount;

    public int[] Frequency { get; } = frequency;

    public ReportState[] Reports { get; } = reports;

    public Dictionary<string, BureauState> Bureaus { get; } = bureaus;

    /// <summary>For each word in 1 to <see cref="RareLimit"/> reports, the places of those reports, ascending.</summary>
    public Dictionary<int, List<int>> Rare { get; } = rare;

    public void Write(BinaryWriter writer)
    {
        writer.Write(ReportCount);
        writer.Write(Frequency.Length);
        BinaryArrays.Write<int>(writer, Frequency);
        writer.Write(Reports.Length);
        foreach (var report in Reports)
        {
            writer.Write(report.Id);
            writer.Write(report.Bureau);
            WriteSourceHash(writer, report.SourceHash);
            writer.WriteHash(report.Candidates);
            WriteTerms(writer, report.Terms);
            // The vector as it is held (ids ascending, each as its step from the one before), so that reading it
            // sorts nothing.
            var vector = report.Vector;
            writer.Write((byte)vector.Ids.Length);
            for (var (i, previous) = (0, 0); i < vector.Ids.Length; previous = vector.Ids[i++])
            {
                writer.Write7BitEncodedInt(vector.Ids[i] - previous);
            }

            BinaryArrays.Write<float>(writer, vector.Weights);
            writer.Write((byte)vector.Query.Length);
            foreach (var at in vector.Query)
            {
                writer.Write((byte)at);
            }

            writer.Write(report.SearchedAll);
            writer.Write((byte)report.Similar.Length);
            foreach (var (other, similarity) in report.Similar)
            {
                writer.Write7BitEncodedInt(other);
                writer.Write(similarity);
            }
        }

        writer.Write(Bureaus.Count);
        foreach (var (id, bureau) in Bureaus)
        {
            writer.Write(id);
            writer.WriteHash(bureau.Key);
            WriteTerms(writer, bureau.Terms);
        }

        // Without the lists of words no report uses any longer.
        writer.Write(Rare.Count(list => list.Value.Count > 0));
        foreach (var (word, places) in Rare.Where(list => list.Value.Count > 0))
        {
            // Places ascending, each as its step from the one before: a byte or two each.
            writer.Write7BitEncodedInt(word);
            writer.Write7BitEncodedInt(places.Count);
            var previous = 0;
            foreach (var place in places)
            {
                writer.Write7BitEncodedInt(place - previous);
                previous = place;
            }
        }
    }

    public static KeyTermsState Read(BinaryReader reader)
    {
        var reportCount = reader.ReadInt32();
        var frequency = BinaryArrays.Read<int>(reader, reader.ReadInt32());
        if (frequency.Length != WordTrie.Shared.Words.Count)
        {
            throw new FormatException("counts of another dictionary");
        }

        var reports = new ReportState[reader.ReadInt32()];
        for (var r = 0; r < reports.Length; r++)
        {
            var (id, bureau, hash, candidates, terms) = (reader.ReadString(), reader.ReadString(), ReadSourceHash(reader), reader.ReadHash(), ReadTerms(reader));
            var ids = new int[reader.ReadByte()];
            for (var (i, previous) = (0, 0); i < ids.Length; previous = ids[i++])
            {
                ids[i] = previous + reader.Read7BitEncodedInt();
            }

            var weights = BinaryArrays.Read<float>(reader, ids.Length);
            var query = new int[reader.ReadByte()];
            for (var q = 0; q < query.Length; q++)
            {
                query[q] = reader.ReadByte();
            }

            var vector = SimilarReports.TermVector.Of(ids, weights, query);
            var searchedAll = reader.ReadBoolean();
            var similar = new (int, double)[reader.ReadByte()];
            for (var s = 0; s < similar.Length; s++)
            {
                similar[s] = (reader.Read7BitEncodedInt(), reader.ReadDouble());
            }

            reports[r] = new ReportState(id, bureau, hash, candidates, terms, vector, searchedAll, similar);
        }

        var bureaus = new Dictionary<string, BureauState>(StringComparer.Ordinal);
        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            bureaus[reader.ReadString()] = new BureauState(reader.ReadHash(), ReadTerms(reader));
        }

        var rare = new Dictionary<int, List<int>>();
        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            var (word, places) = (reader.Read7BitEncodedInt(), new List<int>(reader.Read7BitEncodedInt()));
            for (var (i, place) = (0, 0); i < places.Capacity; i++)
            {
                place += reader.Read7BitEncodedInt();
                places.Add(place);
            }

            rare[word] = places;
        }

        return new KeyTermsState(reportCount, frequency, reports, bureaus, rare);
    }

    // A report file's SHA-256 as the corpus reader writes it (64 lowercase hex digits) in its 32 bytes; any other as it is.
    private static void WriteSourceHash(BinaryWriter writer, string hash)
    {
        var raw = hash.Length == 64 && hash.All(char.IsAsciiHexDigitLower) ? Convert.FromHexString(hash) : null;
        writer.Write(raw is not null);
        if (raw is not null)
        {
            writer.Write(raw);
        }
        else
        {
            writer.Write(hash);
        }
    }

    private static string ReadSourceHash(BinaryReader reader) =>
        reader.ReadBoolean() ? Convert.ToHexStringLower(reader.ReadBytes(32)) : reader.ReadString();

    private static void WriteTerms(BinaryWriter writer, (int Word, int Count)[] terms)
    {
        writer.Write((byte)terms.Length);
        foreach (var (word, count) in terms)
        {
            writer.Write7BitEncodedInt(word);
            writer.Write7BitEncodedInt(count);
        }
    }

    private static (int Word, int Count)[] ReadTerms(BinaryReader reader)
    {
        var terms = new (int, int)[reader.ReadByte()];
        for (var t = 0; t < terms.Length; t++)
        {
            terms[t] = (reader.Read7BitEncodedInt(), reader.Read7BitEncodedInt());
        }

        return terms;
    }
}
