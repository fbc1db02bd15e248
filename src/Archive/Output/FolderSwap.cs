namespace Archive.Output;

/// <summary>
/// Puts a completed staging folder in a folder's place with two renames, so a reader sees the old or the new content
/// and never a mix. A process killed between the renames leaves the old content under <c>previous</c>, complete,
/// for the next run to put back.
/// </summary>
public static class FolderSwap
{
    public static void Replace(string staging, string target, string previous)
    {
        if (Directory.Exists(target))
        {
            Directory.Move(target, previous);
        }

        Directory.Move(staging, target);
        if (Directory.Exists(previous))
        {
            Directory.Delete(previous, recursive: true);
        }
    }
}
