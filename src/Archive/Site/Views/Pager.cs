namespace Archive.Site.Views;

/// <summary>The pages of a list that does not fit on one; Shown is false when it does.</summary>
public sealed record Pager(IReadOnlyList<PageLink> Pages)
{
    public bool Shown => Pages.Count > 1;
}

/// <summary>One page of a list: its number, its address, and the first and last region it holds.</summary>
public sealed record PageLink(int Number, string Url, string Label, bool Current);
