namespace Archive.Reading.Figures;

/// <summary>
/// Clauses of a sentence, as punctuation bounds them. Both the measure of a figure and the reading of 一 (每年…一次 is a
/// frequency, 一批 an article) look no further back than the start of the clause.
/// </summary>
internal static class Clause
{
    // Full and half width: the seeds write half-width commas and semicolons between clauses. 、 is not here: a list
    // (8.9%、7.7%) stays within its clause.
    private const string Ends = "，,。；;：:！!？?\n";

    /// <summary>Where the clause holding <paramref name="at"/> starts: just after the previous clause's end.</summary>
    public static int Start(string text, int at)
    {
        var i = Math.Min(at, text.Length);
        while (i > 0 && !IsEnd(text[i - 1]))
        {
            i--;
        }

        return i;
    }

    /// <summary>Whether <paramref name="c"/> ends a clause.</summary>
    public static bool IsEnd(char c) => Ends.Contains(c);

    /// <summary>Whether the text at <paramref name="at"/> ends a clause or a list item, or the paragraph ends there.</summary>
    public static bool EndsAt(string text, int at) => at >= text.Length || IsEnd(text[at]) || text[at] is '、' or '）' or ')';
}
