using System.Diagnostics;

namespace Archive.Core;

/// <summary>
/// The time each stage of a build took, for `build --timings`. Thread-safe: stages run side by side. A part of a
/// stage is named "stage › part", so the figures show where a stage's time goes.
/// </summary>
public sealed class StageClock
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Stage, TimeSpan Time, TimeSpan Ended)> _stages = [];

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>The stages timed so far, in the order they ended, each with how long it took and when it ended.</summary>
    public IReadOnlyList<(string Stage, TimeSpan Time, TimeSpan Ended)> Stages
    {
        get
        {
            lock (_stages)
            {
                return [.. _stages];
            }
        }
    }

    public T Time<T>(string stage, Func<T> work)
    {
        var started = _clock.Elapsed;
        var result = work();
        var ended = _clock.Elapsed;
        lock (_stages)
        {
            _stages.Add((stage, ended - started, ended));
        }

        return result;
    }

    public void Time(string stage, Action work) => Time(stage, () =>
    {
        work();
        return 0;
    });
}
