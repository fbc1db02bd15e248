namespace Archive.Core;

/// <summary>Which build of the program is running.</summary>
public static class ProgramIdentity
{
    /// <summary>
    /// An identity of this build of the program: what was derived with it (a digest of what a file is made from, a
    /// parsed report, an index base) is only trusted by the same build, since parsing, formats or rendering may have
    /// changed.
    /// </summary>
    public static readonly string Current = typeof(ProgramIdentity).Assembly.ManifestModule.ModuleVersionId.ToString("N");
}
