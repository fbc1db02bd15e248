namespace Archive.Core;

/// <summary>
/// Which compressed copies a build writes beside its text files: both .gz and .br (nginx, Apache and Caddy send them
/// without compressing per request), one of them, or none (CDNs and Pages hosts compress on their own and count
/// files: at 50,000 reports the copies are two of every three files).
/// </summary>
public enum Precompress
{
    Both,
    Gzip,
    Brotli,
    None,
}

public static class PrecompressNames
{
    /// <summary>The names site.yml and --precompress take.</summary>
    public const string Allowed = "both, gzip, brotli or none";

    public static Precompress? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "both" => Precompress.Both,
        "gzip" => Precompress.Gzip,
        "brotli" => Precompress.Brotli,
        "none" => Precompress.None,
        _ => null,
    };

    public static string Name(this Precompress precompress) => precompress.ToString().ToLowerInvariant();
}
