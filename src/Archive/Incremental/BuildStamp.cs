using System.Globalization;
using Archive.Core;

namespace Archive.Incremental;

/// <summary>
/// What a completed build was made from — input/ and theme/ (every file's path, size and write time), the program
/// itself and the options it was run with — and what it made. When the next build finds the same sources and output/ as that build left it, there is
/// nothing to do. Kept in the cache beside the output manifest.
/// </summary>
public sealed record BuildStamp(string Input, string Theme, string Program, int Reports, int Bureaus, int Files, long Bytes)
{
    private const string Header = "archive-build-stamp 1";

    /// <summary>
    /// The sources of a build about to run (the counts are filled in when it completes); <paramref name="options"/>
    /// are the command-line options that change what it writes (--precompress), as text.
    /// </summary>
    public static BuildStamp Of(InputListing input, string theme, string options = "") => new(
        input.Fingerprint,
        Directory.Exists(theme) ? InputFingerprint.Of(theme) : "",
        options.Length == 0 ? ProgramIdentity.Current : $"{ProgramIdentity.Current} {options}",
        0,
        0,
        0,
        0);

    public static string PathFor(string cacheFolder, string outputFolder) => Path.ChangeExtension(OutputManifest.PathFor(cacheFolder, outputFolder), ".stamp");

    public bool HasSameSources(BuildStamp other) => Input == other.Input && Theme == other.Theme && Program == other.Program;

    /// <summary>The stamp at <paramref name="path"/>, or null when there is none or it cannot be read.</summary>
    public static BuildStamp? Load(string path) =>
        CacheFile.ReadLines(path, Header, lines => lines.Length == 7
            ? new BuildStamp(lines[0], lines[1], lines[2], Int(lines[3]), Int(lines[4]), Int(lines[5]), long.Parse(lines[6], CultureInfo.InvariantCulture))
            : null);

    public void Save(string path) =>
        CacheFile.WriteLines(path, Header, [Input, Theme, Program, .. new object[] { Reports, Bureaus, Files, Bytes }.Select(n => Convert.ToString(n, CultureInfo.InvariantCulture)!)]);

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
