using Scriban;
using Scriban.Parsing;
using Archive.Site.Views;

namespace Archive.Site;

/// <summary>
/// A Liquid template context that HTML-escapes every value a template outputs, so report text can never become
/// markup, whatever a theme author forgets; only <see cref="SafeHtml"/> values pass through unchanged.
/// </summary>
internal sealed class HtmlTemplateContext : LiquidTemplateContext
{
    public HtmlTemplateContext()
    {
        // Liquid semantics: a missing member is nil, not an error. The defaults (1000 iterations, 1 MiB of output and
        // of any one string) are for untrusted templates. Past them Scriban cuts the page short with "..." or drops a
        // partial's output, silently: at 50,000 reports the matrix ended mid-row and the year pages listed nothing.
        // Our templates are trusted; no page is cut, and the browse lists are paged (BrowseLimits) to stay small.
        LoopLimit = int.MaxValue;
        OutputLimit = 0;
        LimitToString = 0;
        RecursiveLimit = 64;
        EnableRelaxedMemberAccess = true;
    }

    public override TemplateContext Write(SourceSpan span, object? textAsObject) =>
        textAsObject switch
        {
            null => this,
            SafeHtml html => base.Write(span, html.Value),
            _ => base.Write(span, Html.Escape(ObjectToString(textAsObject) ?? "")),
        };

    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject) =>
        ValueTask.FromResult(Write(span, textAsObject));
}
