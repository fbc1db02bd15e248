namespace Archive.Regions;

/// <summary>What must surround a name in running text before it counts as naming its division.</summary>
internal enum AliasGate
{
    /// <summary>The name is distinctive enough to count anywhere: 深圳市, 罗湖区, 广东.</summary>
    Always,

    /// <summary>The name must start a word: follow a non-Han character, a word such as 在 or 于, or its parent's name.</summary>
    Boundary,

    /// <summary>The name counts only right after the name of a division containing it: 深圳罗湖, 阳泉市城区.</summary>
    Ancestor,
}
