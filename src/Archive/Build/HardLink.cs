using System.Runtime.InteropServices;

namespace Archive.Build;

/// <summary>
/// Hard links: a rebuild gives an unchanged file of the previous output a second name in the new one instead of
/// writing and compressing it again. .NET has no API for them, so this calls the OS.
/// </summary>
internal static partial class HardLink
{
    /// <summary>Links <paramref name="newPath"/> to the file at <paramref name="existingPath"/>; false when the OS refuses (other volume, no support).</summary>
    public static bool TryCreate(string existingPath, string newPath)
    {
        try
        {
            return OperatingSystem.IsWindows()
                ? CreateHardLinkW(newPath, existingPath, IntPtr.Zero)
                : link(existingPath, newPath) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SA1300 // the C function's name
    private static extern int link(string oldpath, string newpath);
#pragma warning restore SA1300

    [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool CreateHardLinkW(string newFileName, string existingFileName, IntPtr securityAttributes);
}
