using Archive.Core;

namespace Archive.Tests.Support;

/// <summary>
/// The archive CLI as another build of the program: a copy of its files whose Archive.dll has a different module
/// version id, which is what <see cref="ProgramIdentity.Current"/> reads. Everything a build derived and cached with one
/// identity (digests, parsed reports, the index base) must be distrusted by the other, as after an upgrade.
/// </summary>
public sealed class AnotherProgramBuild : IDisposable
{
    private readonly TempFolder _folder = new();

    public AnotherProgramBuild()
    {
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory))
        {
            // The CLI's own files are copied: the host resolves a linked app to its target's folder and would load
            // the original Archive.dll from there. Its dependencies are linked.
            var name = Path.GetFileName(file);
            if (name.StartsWith("Archive.Cli.", StringComparison.Ordinal))
            {
                File.Copy(file, _folder.Combine(name));
            }
            else if (name.EndsWith(".dll", StringComparison.Ordinal))
            {
                File.CreateSymbolicLink(_folder.Combine(name), file);
            }
        }

        var library = _folder.Combine("Archive.dll");
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Archive.dll"));
        var mvid = typeof(ProgramIdentity).Assembly.ManifestModule.ModuleVersionId.ToByteArray();
        var at = bytes.AsSpan().IndexOf(mvid);
        if (at < 0 || bytes.AsSpan(at + 1).IndexOf(mvid) >= 0)
        {
            throw new InvalidOperationException("Archive.dll does not hold its module version id exactly once");
        }

        // Another GUID in the metadata's #GUID heap: the runtime loads the module as before, under another identity.
        Guid.NewGuid().ToByteArray().CopyTo(bytes, at);
        File.Delete(library);
        File.WriteAllBytes(library, bytes);
    }

    /// <summary>Runs the copy's CLI to completion.</summary>
    public ArchiveRun Run(string workingDirectory, params string[] args) =>
        ArchiveProcess.RunCli(workingDirectory, _folder.Combine("Archive.Cli.dll"), args);

    public void Dispose() => _folder.Dispose();
}
