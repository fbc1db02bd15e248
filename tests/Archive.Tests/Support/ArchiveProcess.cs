using System.Diagnostics;
using System.Text;


namespace Archive.Tests.Support;

/// <summary>What a finished CLI run gave: its exit code and both streams.</summary>
public sealed record ArchiveRun(int Exit, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;
}

/// <summary>
/// The archive CLI as a separate process, as a user or a host runs it, with its own working directory and
/// environment (so a run can be given another time zone or culture), and killable mid-run.
/// </summary>
public static class ArchiveProcess
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    public static ArchiveRun Run(string workingDirectory, params string[] args) => Run(workingDirectory, new Dictionary<string, string>(), args);

    public static ArchiveRun Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Wait(Start(workingDirectory, environment, args), args);

    /// <summary>Runs the CLI at <paramref name="cli"/> (another build of it) to completion.</summary>
    public static ArchiveRun RunCli(string workingDirectory, string cli, string[] args) =>
        Wait(Start(workingDirectory, new Dictionary<string, string>(), cli, args), args);

    private static ArchiveRun Wait(Process started, string[] args)
    {
        using var process = started;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"archive {string.Join(' ', args)} ran longer than {Limit}");
        }

        return new ArchiveRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts the CLI and returns at once; the caller reads or discards its streams and ends it.</summary>
    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start(workingDirectory, environment, Path.Combine(AppContext.BaseDirectory, "Archive.Cli.dll"), args);

    private static Process Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, string cli, string[] args)
    {
        var info = new ProcessStartInfo("dotnet", [cli, .. args])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.Environment["COLUMNS"] = "400";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return Process.Start(info)!;
    }
}
