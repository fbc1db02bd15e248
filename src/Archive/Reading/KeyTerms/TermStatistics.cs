namespace Archive.Reading.KeyTerms;

/// <summary>
/// What the whole archive says about each word: in how many reports it stands (its document frequency), and from
/// that its weight in a report, TF-IDF as (1 + ln tf) · ln(1 + 2^(⌊log₂ N⌋ − ⌊log₂ df⌋)), and whether it can be a
/// key term at all: not a stop word, and not boilerplate, which here means standing in at least 2^(⌊log₂ N⌋ − 1)
/// reports (between a quarter and a half of them). N and df count only by their octave so that one report more or
/// less, or a report's edit, moves the weight of only the few words whose df crosses a power of two: a rebuild then
/// recomputes the terms of only the reports that use those words (Incremental.KeyTermsSearch). Made from every
/// report's <see cref="ReportTerms"/> in one pass (≈ 0.1 s at 50,000 reports), or from last build's counts.
/// </summary>
public sealed class TermStatistics
{
    // The boilerplate rule needs a few reports to mean anything: with three, a word in two would be boilerplate.
    private const int FewestForBoilerplate = 4;

    // 1 + ln tf for the counts most words have, so that ranking a report's hundreds of words takes no logarithms.
    private static readonly double[] TermFactors = [.. Enumerable.Range(0, 256).Select(tf => tf == 0 ? 0 : 1 + Math.Log(tf))];

    private readonly int[] _documentFrequency;

    // The idf of each distinctive word, 0 for every other: one look-up answers both questions in the hot loops.
    private readonly double[] _idf;

    private TermStatistics(int reports, int[] documentFrequency)
    {
        (Reports, _documentFrequency) = (reports, documentFrequency);
        var words = WordTrie.Shared.Words;
        _idf = new double[words.Count];
        var octave = OctaveOf(reports);
        for (var id = 0; id < _idf.Length; id++)
        {
            var frequency = documentFrequency[id];
            if (frequency > 0 && !StopWords.Contains(words[id]) && (reports < FewestForBoilerplate || OctaveOf(frequency) < octave - 1))
            {
                _idf[id] = Math.Log(1 + Math.Pow(2, octave - OctaveOf(frequency)));
            }
        }
    }

    /// <summary>The number of reports (N).</summary>
    public int Reports { get; }

    /// <summary>The statistics of <paramref name="reports"/> reports whose words have <paramref name="documentFrequency"/> (by word id, kept, not copied).</summary>
    internal static TermStatistics Of(int reports, int[] documentFrequency) => new(reports, documentFrequency);

    /// <summary>⌊log₂ n⌋, 0 for 0: all that N says to the weights, and with whether it is 0, all that a df says.</summary>
    internal static int OctaveOf(int n) => n <= 0 ? 0 : System.Numerics.BitOperations.Log2((uint)n);

    /// <summary>
    /// Whether a word's weight in every report, and whether it is distinctive, stay the same when its df goes from
    /// <paramref name="before"/> to <paramref name="after"/> while N stays in its octave: the df's octave is unchanged,
    /// and so is whether the word is in any report.
    /// </summary>
    internal static bool SameWeight(int before, int after) =>
        OctaveOf(before) == OctaveOf(after) && (before == 0) == (after == 0);

    public static TermStatistics Of(IEnumerable<ReportTerms> reports)
    {
        var frequency = new int[WordTrie.Shared.Words.Count];
        var count = 0;
        foreach (var report in reports)
        {
            count++;
            foreach (var (id, _) in report.Entries)
            {
                frequency[id]++;
            }
        }

        return new TermStatistics(count, frequency);
    }

    /// <summary>In how many reports <paramref name="word"/> stands.</summary>
    public int DocumentFrequency(string word) => WordTrie.Shared.IdOf(word) is var id and >= 0 ? _documentFrequency[id] : 0;

    internal int DocumentFrequency(int id) => _documentFrequency[id];

    /// <summary>
    /// (1 + ln tf) · idf for a distinctive word, one that can be a key term or a dimension of similarity (not a stop
    /// word, not boilerplate); 0 for any other.
    /// </summary>
    internal double Weight(int id, int count) => (count < TermFactors.Length ? TermFactors[count] : 1 + Math.Log(count)) * _idf[id];
}
