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
        // Added by 'archive serve' (not part of the built site): reload this page when a rebuild has finished.
        const events = new EventSource(new URL('reload', import.meta.url));
        events.addEventListener('built', () => location.reload());
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
    public async Task<bool> TryAnswerAsync(HttpContext context, string requestPath)
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
        lock (_listeners)
        {
            _listeners.Add(channel);
        }

        try
        {
            await context.Response.WriteAsync(": listening for builds\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            // Until the page goes away or the server stops: one event per finished build.
            await foreach (var build in channel.Reader.ReadAllAsync(context.RequestAborted))
            {
                await context.Response.WriteAsync($"event: built\ndata: {build}\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
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
