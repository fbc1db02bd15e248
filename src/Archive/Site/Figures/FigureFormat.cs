using System.Globalization;

namespace Archive.Site.Figures;

/// <summary>How a figure's value is written where figures are compared: digits with thousands separators, no trailing zeros.</summary>
internal static class FigureFormat
{
    public static string Value(decimal value) => value.ToString("#,0.##########", CultureInfo.InvariantCulture);

    /// <summary>The value as data: no separators and no trailing zeros (1.2万 is 12000, not 12000.0).</summary>
    public static string Plain(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>The value without trailing zeros, as JSON numbers are written.</summary>
    public static decimal Normalized(decimal value) => decimal.Parse(Plain(value), CultureInfo.InvariantCulture);

    /// <summary>The value with its unit, as a reader says it: 12,000人, 5.1%, 0.8个百分点.</summary>
    public static string WithUnit(decimal value, string unit) => Value(value) + unit;
}
