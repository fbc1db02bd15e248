namespace Archive.Regions;

/// <summary>A place in a text where a name of one or more divisions occurs.</summary>
internal sealed class RegionMention(int index, string text, bool isShort, bool isWhole, List<Division> candidates)
{
    /// <summary>Where the name starts in the text.</summary>
    public int Index { get; } = index;

    /// <summary>The name as written.</summary>
    public string Text { get; } = text;

    public int End => Index + Text.Length;

    /// <summary>Whether the name was written without its administrative suffix (深圳 rather than 深圳市).</summary>
    public bool IsShort { get; } = isShort;

    /// <summary>Whether the name, alone or after its ancestors' names, is the whole text.</summary>
    public bool IsWhole { get; } = isWhole;

    /// <summary>Every division the name stands for, before context narrowed them down.</summary>
    public IReadOnlyList<Division> Named { get; } = candidates.ToList();

    /// <summary>The divisions the name may still stand for.</summary>
    public List<Division> Candidates { get; set; } = candidates;

    /// <summary>The mention of a containing division written right before this one, as 深圳市 in 深圳市罗湖区.</summary>
    public RegionMention? Previous { get; set; }

    public int ChainStart => Previous?.ChainStart ?? Index;

    public MentionResolution Resolution { get; set; }

    /// <summary>The named division whose presence in the text decided between the candidates.</summary>
    public Division? DecidedBy { get; set; }

    public double Weight => IsShort ? 0.8 : 1.0;
}
