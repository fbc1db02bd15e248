namespace Archive.Reading.Figures;

/// <summary>
/// A number followed by a counting unit, before the rules decide whether it is a figure. A range (3至5天) has two
/// numbers; otherwise First and Last are the same. Value is the lower bound; End is just after the unit (and a 多
/// that follows it, as in 2倍多).
/// </summary>
internal sealed record Candidate(WrittenNumber First, WrittenNumber Last, string Unit, int End, decimal Value)
{
    public int Start => First.Start;

    /// <summary>The number as written, without its unit (一, 2020, 上万).</summary>
    public string Numeral(string text) => text[First.Start..Last.End];
}
