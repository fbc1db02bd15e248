namespace Archive.Regions;

/// <summary>How the division a mention stands for was settled.</summary>
internal enum MentionResolution
{
    /// <summary>The name belongs to one division only.</summary>
    Unique,

    /// <summary>The name of a containing division came right before it: 天津市河东区.</summary>
    Chain,

    /// <summary>Other divisions named in the text point to one candidate.</summary>
    Context,

    /// <summary>Nothing in the text decided; the name was read as the higher-level division, as 吉林 for 吉林省.</summary>
    Level,

    /// <summary>Nothing decided; the candidates share the mention.</summary>
    Undecided,
}
