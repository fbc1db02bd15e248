namespace Archive.Cli;

/// <summary>
/// Ctrl-C (SIGINT) as a cancellation for the verbs that talk to websites: it cancels <see cref="Token"/> instead of
/// killing the process, so the run can close its WARC file on a whole record. Once <see cref="Defer"/> is called
/// (the import that writes input/), Ctrl-C only says that the work in hand finishes first.
/// </summary>
internal sealed class Interruption : IDisposable
{
    /// <summary>The exit status of a run stopped by Ctrl-C, as shells report a process ended by SIGINT.</summary>
    public const int ExitStatus = 130;

    private readonly CancellationTokenSource _cancel = new();
    private string? _deferred;

    public Interruption() => Console.CancelKeyPress += OnCancelKeyPress;

    public CancellationToken Token => _cancel.Token;

    public bool Requested => _cancel.IsCancellationRequested;

    /// <summary>From now on Ctrl-C does not stop the run; it prints <paramref name="message"/>.</summary>
    public void Defer(string message) => _deferred = message;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _cancel.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        if (_deferred is not null)
        {
            Console.Error.WriteLine(_deferred);
            return;
        }

        _cancel.Cancel();
    }
}
