using System.Diagnostics;

namespace Archive.Core;

/// <summary>
/// The time each stage of a build took, for `build --timings`. Thread-safe: stages run side by side. A part of a
/// stage is named "stage › part", so the figures show where a stage's time goes.
/// </summary>
public sealed class StageClock
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Stage, TimeSpan Time)> _stages = [];

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>The stages timed so far, in the order they ended.</summary>
    public IReadOnlyList<(string Stage, TimeSpan Time)> Stages
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
        lock (_stages)
        {
            _stages.Add((stage, _clock.Elapsed - started));
        }

        return result;
    }

    public void Time(string stage, Action work) => Time(stage, () =>
    {
        work();
        return 0;
    });
}
