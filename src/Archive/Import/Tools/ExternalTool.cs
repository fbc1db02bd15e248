using System.Diagnostics;
using Archive.Core;

namespace Archive.Import.Tools;

/// <summary>What a finished run of an external program gave.</summary>
internal sealed record ToolRun(int Exit, string Stdout, string Stderr);

/// <summary>
/// Runs the programs import leans on (Tesseract, pdftoppm, LibreOffice) as separate processes with a time limit: a
/// program that is not installed, fails or runs past its limit is an <see cref="InputException"/> that names the file,
/// what went wrong and what to do (which Debian package to install).
/// </summary>
internal static class ExternalTool
{
    /// <summary>The full path of <paramref name="program"/> on PATH, or null.</summary>
    public static string? Find(string program)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.Combine(folder, program);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>The path of <paramref name="program"/>, or an error for <paramref name="file"/> naming the package that has it.</summary>
    public static string Require(string program, string package, string file, string purpose) =>
        Find(program) ?? throw new InputException(file, null, $"{purpose} needs '{program}', which is not installed; install the Debian package {package} (apt-get install {package}) and import again.");

    /// <summary>
    /// Runs <paramref name="program"/> to completion within <paramref name="limit"/>; past it the process tree is
    /// killed and the run is an error for <paramref name="file"/>. Stdout and stderr are read whole.
    /// </summary>
    public static ToolRun Run(string program, IEnumerable<string> arguments, TimeSpan limit, string file, string purpose, string whenTooSlow, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InputException(file, null, $"{purpose}: {program} could not be started ({e.Message}); reinstall it, or check that it is executable.");
        }

        using var process = started ?? throw new InputException(file, null, $"{purpose}: could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new InputException(file, null, $"{purpose} ran past its limit of {limit.TotalSeconds:0} s and was stopped; {whenTooSlow}");
        }

        return new ToolRun(process.ExitCode, stdout.Result, stderr.Result);
    }
}
