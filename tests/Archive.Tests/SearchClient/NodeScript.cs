using Archive.Tests.Support;
using System.Diagnostics;
using System.Text.Json;

namespace Archive.Tests.SearchClient;

/// <summary>
/// Runs a script of tests/js/ under Node, which imports the browser search modules from theme/assets/search/.
/// Input and output travel as JSON files, so any text (newlines, surrogate pairs) crosses intact.
/// </summary>
public static class NodeScript
{
    private const string Node = "/usr/bin/node";

    public static T Run<T>(string script, object input, params string[] arguments)
    {
        using var temp = new TempFolder();
        var inputFile = temp.Write("in.json", JsonSerializer.Serialize(input));
        var outputFile = temp.Combine("out.json");
        var start = new ProcessStartInfo(Node)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = RepoPaths.Root,
        };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "tests", "js", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(inputFile);
        start.ArgumentList.Add(outputFile);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Node}");
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish within two minutes");
        }

        Assert.True(process.ExitCode == 0, $"{script} failed with exit code {process.ExitCode}: {errors.Result}");
        return JsonSerializer.Deserialize<T>(File.ReadAllText(outputFile), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }
}
