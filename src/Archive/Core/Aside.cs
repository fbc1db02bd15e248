namespace Archive.Core;

/// <summary>
/// Long work begun beside the caller's, on a thread of its own rather than one of the thread pool's: a build's
/// searches and cache loads last seconds, and on the pool they held its few threads while the pages' parallel loops
/// waited for them.
/// </summary>
public static class Aside
{
    public static Task<T> Run<T>(Func<T> work) => Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
