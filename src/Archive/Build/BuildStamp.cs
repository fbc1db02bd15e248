using System.Globalization;
using Archive.Search;

namespace Archive.Build;

/// <summary>
/// What a completed build was made from — input/ and theme/ (every file's path, size and write time) and the program
/// itself — and what it made. When the next build finds the same sources and output/ as that build left it, there is
/// nothing to do. Kept in the cache beside the output manifest.
/// </summary>
public sealed record BuildStamp(string Input, string Theme, string Program, int Reports, int Bureaus, int Files, long Bytes)
{
    private const string Header = "archive-build-stamp 1";

    /// <summary>The sources of a build about to run (the counts are filled in when it completes).</summary>
    public static BuildStamp Of(BuildPaths paths) => new(
        InputFingerprint.Of(paths.Input),
        Directory.Exists(paths.Theme) ? InputFingerprint.Of(paths.Theme) : "",
        CacheFile.Program,
        0,
        0,
        0,
        0);

    public static string PathFor(string cacheFolder, string outputFolder) => Path.ChangeExtension(OutputManifest.PathFor(cacheFolder, outputFolder), ".stamp");

    public bool HasSameSources(BuildStamp other) => Input == other.Input && Theme == other.Theme && Program == other.Program;

    /// <summary>The stamp at <paramref name="path"/>, or null when there is none or it cannot be read.</summary>
    public static BuildStamp? Load(string path)
    {
        try
        {
            var lines = File.ReadAllLines(path);
            return lines.Length == 8 && lines[0] == Header
                ? new BuildStamp(lines[1], lines[2], lines[3], Int(lines[4]), Int(lines[5]), Int(lines[6]), long.Parse(lines[7], CultureInfo.InvariantCulture))
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            return null;
        }

        static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllLines(temporary, [Header, Input, Theme, Program, .. new object[] { Reports, Bureaus, Files, Bytes }.Select(n => Convert.ToString(n, CultureInfo.InvariantCulture)!)]);
        File.Move(temporary, path, overwrite: true);
    }
}
