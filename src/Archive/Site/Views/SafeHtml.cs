namespace Archive.Site.Views;

/// <summary>Markup that the site itself produced and that templates may write without escaping.</summary>
public sealed record SafeHtml(string Value)
{
    public override string ToString() => Value;
}
