namespace Archive.Reading.Figures;

/// <summary>
/// A key figure of a paragraph: a number with its counting unit as written (近30人次, 1.2万人, 超六成), where it stands
/// in the paragraph, its value with 万/亿 multiplied out and approximators dropped (30, 12000, 6), its base unit
/// (人次, 人, 成) and what it counts (办理行政复议案件).
/// </summary>
public sealed record Figure(string Text, int Start, int Length, decimal Value, string Unit, string Measure)
{
    public int End => Start + Length;
}
