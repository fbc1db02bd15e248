namespace Archive.Collect;

/// <summary>
/// Keeps one host from being asked too often: a request to a host waits until the pause after that host's last
/// answer has passed. The collector asks one thing at a time, so there is never more than one request per host open.
/// </summary>
public sealed class HostPacing(TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Dictionary<string, DateTimeOffset> _lastAnswer = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits until <paramref name="pause"/> has passed since <paramref name="host"/> last answered.</summary>
    public async Task WaitTurnAsync(string host, TimeSpan pause, CancellationToken cancel)
    {
        if (_lastAnswer.TryGetValue(host, out var last))
        {
            var wait = last + pause - _clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _clock, cancel).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Marks the end of an exchange with <paramref name="host"/>: its answer is in, or it failed.</summary>
    public void Answered(string host) => _lastAnswer[host] = _clock.GetUtcNow();
}
