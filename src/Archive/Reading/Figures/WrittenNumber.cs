namespace Archive.Reading.Figures;

/// <summary>
/// A number as a report writes it: where it stands in the text, its value (万 and 亿 multiplied out), and whether
/// it is spelled in Chinese numerals, which the rules for names and articles (一个, 三项制度) need to know. Factor is
/// the 万/亿 written after it (1 when none), which the lower bound of a range like 3至5万元 borrows.
/// </summary>
public readonly record struct WrittenNumber(int Start, int Length, decimal Value, bool InChinese, decimal Factor)
{
    public int End => Start + Length;
}
