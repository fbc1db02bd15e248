using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace Archive.Cli;

/// <summary>
/// 'archive serve' reloads the pages open in a browser after each rebuild: every HTML page it serves gets a script
/// (same origin, so the pages' Content-Security-Policy admits it) that listens on a server-sent event stream and
/// reloads the page when the server announces a finished build. Only 'archive serve' adds it; the built files are
/// not changed.
/// </summary>
public sealed class LiveReload
{
    public const string Folder = "__archive/";
    private const string Script = """
        // Added by 'archive serve' (not part of the built site): reload this page when a rebuild has finished. The
        // stream is closed while the tab is hidden: a browser gives a host six connections over HTTP/1.1, all tabs
        // together, and a hidden page needs no reload until it is shown (then it reloads if a build came meanwhile).
        let events = null;
        let missed = false;
        const listen = () => {
          events = new EventSource(new URL('reload', import.meta.url));
          events.addEventListener('built', () => (document.hidden ? (missed = true) : location.reload()));
        };
        document.addEventListener('visibilitychange', () => {
          if (document.hidden) {
            events?.close();
            events = null;
          } else if (missed) {
            location.reload();
          } else if (events === null) {
            listen();
          }
        });
        if (!document.hidden) listen();
        """;

    private readonly List<Channel<int>> _listeners = [];
    private int _builds;

    /// <summary>Tells every open page that a build has finished.</summary>
    public void Built()
    {
        var build = Interlocked.Increment(ref _builds);
        lock (_listeners)
        {
            foreach (var listener in _listeners)
            {
                listener.Writer.TryWrite(build);
            }
        }
    }

    /// <summary>Answers the reload script and the event stream; false for any other path.</summary>
    /// <param name="stopping">Cancelled when the server stops: open streams end then, so that stopping does not wait on them.</param>
    public async Task<bool> TryAnswerAsync(HttpContext context, string requestPath, CancellationToken stopping)
    {
        var path = context.Request.Path.Value ?? "";
        if (path == requestPath + Folder + "reload.js")
        {
            context.Response.ContentType = "text/javascript; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.WriteAsync(Script, Encoding.UTF8, context.RequestAborted);
            return true;
        }

        if (path != requestPath + Folder + "reload")
        {
            return false;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var channel = Channel.CreateBounded<int>(new BoundedChannelOptions(4) { FullMode = BoundedChannelFullMode.DropOldest });
        using var open = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        lock (_listeners)
        {
            _listeners.Add(channel);
        }

        try
        {
            await context.Response.WriteAsync(": listening for builds\n\n", open.Token);
            await context.Response.Body.FlushAsync(open.Token);
            // Until the page goes away or the server stops: one event per finished build.
            await foreach (var build in channel.Reader.ReadAllAsync(open.Token))
            {
                await context.Response.WriteAsync($"event: built\ndata: {build}\n\n", open.Token);
                await context.Response.Body.FlushAsync(open.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed or reloaded.
        }
        finally
        {
            lock (_listeners)
            {
                _listeners.Remove(channel);
            }
        }

        return true;
    }

    /// <summary>The page with the reload script before its closing body tag.</summary>
    public static string Inject(string html, string requestPath)
    {
        var tag = $"<script type=\"module\" src=\"{requestPath}{Folder}reload.js\"></script>";
        var at = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? html + tag : html.Insert(at, tag);
    }
}
