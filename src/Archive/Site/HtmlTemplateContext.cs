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
        // Liquid semantics: a missing member is nil, not an error. The defaults (1000 iterations) are for untrusted templates; ours loop over every report of the archive.
        LoopLimit = int.MaxValue;
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
