using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text;
using System.Security.Cryptography;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Archive.Core;
using Archive.Site.Views;

namespace Archive.Site;

/// <summary>
/// The theme folder: Liquid templates (layout, pages, partials) and static assets. Templates are read at build
/// time, so a theme can be edited without recompiling; a syntax error is reported with the template's file and line.
/// </summary>
public sealed class Theme
{
    public const string TemplatesFolder = "templates";
    public const string PartialsFolder = "partials";
    public const string AssetsFolder = "assets";
    private const string TemplateExtension = ".liquid";

    private readonly Dictionary<string, Template> _templates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Template> _partials = new(StringComparer.Ordinal);
    private readonly IncrementalHash _sources = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private string _fingerprint = "";

    // One spare template context per thread (see Render).
    [ThreadStatic]
    private static HtmlTemplateContext? _spareContext;

    // One spare page buffer per thread (see RenderPageUtf8).
    [ThreadStatic]
    private static PageBuffer? _spareBuffer;

    // Views are serialized only to be hashed: no escaping beyond what keeps the text unambiguous, which is much faster
    // on Chinese text than escaping every character outside ASCII; report summaries as their digests.
    private static readonly JsonSerializerOptions KeyJson = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new SummaryDigests.AsDigest() },
    };

    private Theme(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    public string AssetsDirectory => Path.Combine(Directory, AssetsFolder);

    /// <summary>A digest of the templates and partials and of the program that renders them.</summary>
    public string Fingerprint => _fingerprint;

    /// <summary>Parses every template of the theme, collecting all syntax errors before failing.</summary>
    public static Theme Load(string directory)
    {
        if (!System.IO.Directory.Exists(Path.Combine(directory, TemplatesFolder)))
        {
            throw new InputException(directory, null, $"no theme here: the folder needs {TemplatesFolder}/ with Liquid templates; run from the archive's folder or pass --theme.");
        }

        var theme = new Theme(directory);
        var problems = new List<InputProblem>();
        theme.ParseFolder(TemplatesFolder, theme._templates, problems);
        theme.ParseFolder(PartialsFolder, theme._partials, problems);
        theme._fingerprint = Convert.ToHexStringLower(theme._sources.GetHashAndReset()) + typeof(Theme).Assembly.ManifestModule.ModuleVersionId.ToString("N");
        theme._sources.Dispose();
        return problems.Count > 0 ? throw new InputException(problems) : theme;
    }

    /// <summary>
    /// A digest of everything a page's HTML depends on: the templates and partials, the program that renders them,
    /// the page's template, title and view, and the site. Equal digests, equal HTML: a rebuild need not render again.
    /// </summary>
    public ContentHash ViewDigest(string name, string title, object page, SiteView site)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{_fingerprint}\n{name}\n{title}\n"));
        hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(page, page.GetType(), KeyJson));
        hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(site, KeyJson));
        return ContentHash.Of(hash);
    }

    /// <summary>Renders page template <paramref name="name"/> with the given model and wraps it in the layout.</summary>
    public string RenderPage(string name, string title, object page, SiteView site) => Encoding.UTF8.GetString(RenderPageUtf8(name, title, page, site));

    /// <summary>
    /// <see cref="RenderPage"/> as the UTF-8 bytes of the file: the layout is encoded as it renders, into a buffer this
    /// thread keeps, so no string of the whole page is made, nor a copy of it (at 5,000 reports 378 MB of page strings,
    /// about half of them large objects, which only a full collection takes back).
    /// </summary>
    public byte[] RenderPageUtf8(string name, string title, object page, SiteView site)
    {
        var content = Render(name, title, page, site, null, null);
        var buffer = _spareBuffer ?? new PageBuffer();
        _spareBuffer = null;
        Render("layout", title, page, site, new SafeHtml(content ?? ""), buffer);
        var bytes = buffer.Take();
        // Back only after a clean render, as the context (see Render).
        _spareBuffer = buffer;
        return bytes;
    }

    // Renders to a string, or into output when given (then it returns null).
    private string? Render(string name, string title, object page, SiteView site, SafeHtml? content, IScriptOutput? output)
    {
        if (!_templates.TryGetValue(name, out var template))
        {
            throw new InputException(Display(Path.Combine(TemplatesFolder, name + TemplateExtension)), null, "this template is missing from the theme; restore it from the default theme.");
        }

        var globals = new ScriptObject();
        globals.Import(page);
        globals.SetValue("page", page, true);
        globals.SetValue("site", site, true);
        globals.SetValue("root", site.Root, true);
        globals.SetValue("title", title, true);
        globals.Import("include", new Func<TemplateContext, SourceSpan, string, SafeHtml>(Include));
        if (content is not null)
        {
            globals.SetValue("content", content, true);
        }

        // A context is taken from this thread's spare, if any: making one imports every Liquid builtin, 0.9 GB of
        // allocations per 10,000 reports. It goes back only after a clean render, so a failed one cannot leave a global
        // or an output behind for the next page.
        var context = _spareContext ?? new HtmlTemplateContext();
        _spareContext = null;
        context.PushGlobal(globals);
        string? html = null;
        try
        {
            if (output is null)
            {
                html = template.Render(context);
            }
            else
            {
                // Render writes to the context's output (Evaluate would turn output off); what it returns is the
                // output's ToString, not the page.
                context.PushOutput(output);
                _ = template.Render(context);
                context.PopOutput();
            }
        }
        catch (Scriban.Syntax.ScriptRuntimeException e)
        {
            throw new InputException(Display(e.Span.FileName ?? name), e.Span.Start.Line + 1, $"template error: {e.OriginalMessage}");
        }

        context.PopGlobal();
        _spareContext = context;
        return html;
    }

    // Our own include: it renders a partial parsed once at load time, in the caller's scope, and hands its output
    // back as markup. Scriban's built-in include returns a plain string, which the escaping context would escape.
    private SafeHtml Include(TemplateContext context, SourceSpan span, string name)
    {
        if (!_partials.TryGetValue(name, out var partial))
        {
            throw new InputException(Display(span.FileName), span.Start.Line + 1, $"the partial '{name}' does not exist in theme/{PartialsFolder}/.");
        }

        context.PushOutput();
        try
        {
            return new SafeHtml(partial.Render(context) ?? "");
        }
        finally
        {
            context.PopOutput();
        }
    }

    private void ParseFolder(string folder, Dictionary<string, Template> into, List<InputProblem> problems)
    {
        var path = Path.Combine(Directory, folder);
        if (!System.IO.Directory.Exists(path))
        {
            return;
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(path, "*" + TemplateExtension).Order(StringComparer.Ordinal))
        {
            var relative = Path.Combine(folder, Path.GetFileName(file));
            var source = File.ReadAllText(file);
            _sources.AppendData(Encoding.UTF8.GetBytes($"{relative}\n{source}\n"));
            var template = Template.ParseLiquid(source, relative);
            // Scriban reports the cascade of one mistake (a broken tag, then its missing end); the first is the cause.
            if (template.Messages.FirstOrDefault() is { } message)
            {
                problems.Add(new InputProblem(Display(relative), message.Span.Start.Line + 1, $"template syntax error: {message.Message}; fix the template (the shipped theme/ shows the working form)"));
            }

            into[Path.GetFileNameWithoutExtension(file)] = template;
        }
    }

    private static string Display(string relative) => "theme/" + relative.Replace('\\', '/');

    /// <summary>
    /// A page's bytes as the layout writes them: UTF-8 without a byte order mark, as Encoding.UTF8.GetBytes gives. Each
    /// piece is encoded from where it stands (Scriban's TextWriterOutput cuts a substring of every piece first, and
    /// the page's content is one piece of 100 KB).
    /// </summary>
    private sealed class PageBuffer : IScriptOutput
    {
        private readonly MemoryStream _stream = new();
        private readonly StreamWriter _writer;

        public PageBuffer()
        {
            _writer = new StreamWriter(_stream, new UTF8Encoding(false), 1 << 14);
        }

        public void Write(string text, int offset, int count) => _writer.Write(text.AsSpan(offset, count));

        public ValueTask WriteAsync(string text, int offset, int count, CancellationToken cancellationToken)
        {
            Write(text, offset, count);
            return ValueTask.CompletedTask;
        }

        /// <summary>The bytes written since the last call; the buffer is empty again.</summary>
        public byte[] Take()
        {
            _writer.Flush();
            var bytes = _stream.ToArray();
            _stream.SetLength(0);
            return bytes;
        }
    }
}
