using System.Globalization;

namespace Archive.Regions;

/// <summary>Finds the division a text is about from the division names it contains.</summary>
public sealed class RegionLookup
{
    private readonly DivisionTable table;
    private readonly RegionNameIndex names;

    public RegionLookup(DivisionTable table)
    {
        this.table = table;
        names = new RegionNameIndex(table);
    }

    /// <summary>
    /// The most specific division the text names, with the other names in it deciding between divisions of the same
    /// name; null when it names none. The text may be a name, a title or a whole report.
    /// </summary>
    public RegionMatch? Best(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Resolve(Mentions(text), [], "the text");
    }

    /// <summary>
    /// Like <see cref="Best(string)"/> for the primary text (a title, a signature); the context (the body) only decides
    /// between divisions of the same name, unless the primary text names none. The match's index is into the primary
    /// text, or into the context when the match comes from there.
    /// </summary>
    public RegionMatch? Best(string primary, string context)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(context);
        var inPrimary = Mentions(primary);
        var inContext = Mentions(context);
        return inPrimary.Count > 0
            ? Resolve(inPrimary, inContext, "the primary text")
            : Resolve(inContext, [], "the context (the primary text names no division)");
    }

    /// <summary>The division with exactly this name, full or short, or a chain of names such as 深圳市罗湖区 or 广东深圳.</summary>
    public RegionMatch? ByName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var mentions = names.ScanWhole(name);
        return mentions is null ? null : Resolve(mentions, [], "the name");
    }

    private List<RegionMention> Mentions(string text) => names.ScanWhole(text) ?? names.Scan(text);

    private RegionMatch? Resolve(List<RegionMention> mentions, List<RegionMention> context, string where)
    {
        if (mentions.Count == 0)
        {
            return null;
        }

        Disambiguation.Apply([.. mentions, .. context]);
        var scores = new RegionScores(table, mentions);
        var contextScores = new RegionScores(table, context);

        // Walk down from the most named province while one child clearly carries the text: named at least half as often
        // as its parent itself and half as often again as its siblings together. A city's own report names its
        // districts now and then; a district's report names its own district far more than its neighbours.
        var node = Top(scores.NamedChildren(null), scores, contextScores)!;
        var passedOver = new List<Division>();
        while (scores.NamedChildren(node) is { Count: > 0 } children)
        {
            var top = Top(children, scores, contextScores)!;
            var others = children.Where(c => c != top).Sum(scores.Subtree);
            if (scores.Subtree(top) < 0.5 * scores.Named(node) || scores.Subtree(top) < 1.5 * others)
            {
                passedOver = children;
                break;
            }

            node = top;
        }

        return Describe(node, mentions, scores, passedOver, where);
    }

    private static Division? Top(List<Division> divisions, RegionScores scores, RegionScores contextScores) =>
        divisions.OrderByDescending(scores.Subtree)
            .ThenByDescending(contextScores.Subtree)
            .ThenBy(d => d.Code, StringComparer.Ordinal)
            .FirstOrDefault();

    private RegionMatch Describe(
        Division leaf, List<RegionMention> mentions, RegionScores scores, List<Division> passedOver, string where)
    {
        var path = table.PathOf(leaf.Code);
        var own = mentions.FindAll(m => m.Candidates.Contains(leaf));
        var reasons = new List<string>();
        double confidence;
        RegionMention shown;
        if (own.Count > 0)
        {
            shown = own.MaxBy(Sureness)!;
            confidence = Sureness(shown);
            var times = own.Count == 1 ? "" : $" {own.Count} times";
            reasons.Add($"named '{Span(shown)}'{times} in {where}");
            reasons.Add(HowSettled(shown, leaf));
        }
        else
        {
            // Only divisions inside the leaf are named, and none of them stands out: the leaf is what they share.
            shown = mentions.First(m => m.Candidates.Exists(leaf.Contains));
            confidence = 0.7;
            reasons.Add($"not named itself in {where}, but {passedOver.Count} divisions inside it are: "
                + string.Join('、', passedOver.Select(d => d.Name)));
        }

        // 罗湖区 in a text that also names 深圳市 somewhere is surer than 罗湖区 alone.
        var namedAround = path.Divisions.Where(d => d != leaf && scores.Named(d) > 0).ToList();
        if (own.Count > 0 && shown.Previous is null && namedAround.Count > 0)
        {
            confidence += 0.05;
            reasons.Add(string.Join('、', namedAround.Select(d => d.Name)) + " containing it named too");
        }

        if (own.Count > 0 && passedOver.Count > 0)
        {
            reasons.Add($"{passedOver.Count} {Plural(passedOver.Count, "division")} inside it named less often");
        }

        // A text that names several provinces is less surely about the one it names most.
        var provinces = scores.NamedChildren(null);
        var share = scores.Subtree(path.Province) / provinces.Sum(scores.Subtree);
        if (provinces.Count > 1 && shown.Resolution != MentionResolution.Undecided)
        {
            reasons.Add($"also names divisions in {provinces.Count - 1} other {Plural(provinces.Count - 1, "province")}");
        }

        confidence *= 0.3 + 0.7 * share;
        if (where.StartsWith("the context", StringComparison.Ordinal))
        {
            confidence *= 0.8;
        }

        return new RegionMatch(path, Span(shown), shown.ChainStart, Math.Round(Math.Clamp(confidence, 0, 1), 2),
            string.Join("; ", reasons));

        string Span(RegionMention m) => m.Previous is null ? m.Text : Span(m.Previous) + m.Text;
    }

    /// <summary>How surely a mention names its division, from the way it is written and how its candidates were settled.</summary>
    private static double Sureness(RegionMention mention)
    {
        var writing = mention switch
        {
            { IsWhole: true } or { Previous: not null } => 1.0,
            { IsShort: false } => 0.95,
            _ when mention.Candidates[0].Level == DivisionLevel.Province => 0.9,
            _ => 0.8,
        };
        var settling = mention.Resolution switch
        {
            MentionResolution.Unique or MentionResolution.Chain => 1.0,
            MentionResolution.Context => 0.85,
            MentionResolution.Level => 0.8,
            _ => 0.7 / mention.Candidates.Count,
        };
        return writing * settling;
    }

    private string HowSettled(RegionMention mention, Division leaf)
    {
        var level = leaf.Level.ToString().ToLower(CultureInfo.InvariantCulture);
        if (mention.Named.Count == 1)
        {
            return $"unique {level} name";
        }

        var alternatives = $"'{mention.Text}' names {mention.Named.Count} divisions ("
            + string.Join(", ", mention.Named.Select(d => table.PathOf(d.Code).DisplayName)) + ")";
        return mention.Resolution switch
        {
            MentionResolution.Chain => $"{alternatives}; '{mention.Previous!.Text}' before it decides",
            MentionResolution.Context => $"{alternatives}; {mention.DecidedBy!.Name} named elsewhere decides",
            MentionResolution.Level => $"{alternatives}; read as the {level} {leaf.Name}",
            _ => $"{alternatives} and nothing else in the text decides; took the first",
        };
    }

    private static string Plural(int count, string noun) => count == 1 ? noun : noun + "s";
}
