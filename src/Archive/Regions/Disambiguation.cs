namespace Archive.Regions;

/// <summary>Settles names that stand for several divisions (河东区, 朝阳区, 吉林) by the other divisions a text names.</summary>
internal static class Disambiguation
{
    /// <summary>Narrows every mention with several candidates to one where the text allows, and records how.</summary>
    public static void Apply(IReadOnlyList<RegionMention> mentions)
    {
        // Only mentions that name a single division count as evidence, so one ambiguous name cannot vouch for another.
        var evidence = new Dictionary<Division, double>();
        foreach (var mention in mentions)
        {
            if (mention.Candidates.Count == 1)
            {
                mention.Resolution = mention.Previous is not null && mention.Named.Count > 1
                    ? MentionResolution.Chain
                    : MentionResolution.Unique;
                evidence[mention.Candidates[0]] = evidence.GetValueOrDefault(mention.Candidates[0]) + mention.Weight;
            }
        }

        var decisions = new Dictionary<string, (Division? Choice, MentionResolution How, Division? DecidedBy)>(StringComparer.Ordinal);
        foreach (var mention in mentions)
        {
            if (mention.Candidates.Count < 2)
            {
                continue;
            }

            var key = string.Join(',', mention.Candidates.Select(c => c.Code));
            if (!decisions.TryGetValue(key, out var decision))
            {
                decision = Decide(mention.Candidates, evidence);
                decisions[key] = decision;
            }

            mention.Resolution = decision.How;
            mention.DecidedBy = decision.DecidedBy;
            if (decision.Choice is not null)
            {
                mention.Candidates = [decision.Choice];
            }
        }
    }

    private static (Division? Choice, MentionResolution How, Division? DecidedBy) Decide(
        List<Division> candidates, Dictionary<Division, double> evidence)
    {
        // 吉林 is 吉林省 and 吉林市, one inside the other: people mean the province.
        var highest = candidates.MinBy(c => c.Level)!;
        var highestIsUnique = candidates.Count(c => c.Level == highest.Level) == 1;
        if (highestIsUnique && candidates.TrueForAll(c => c == highest || highest.Contains(c)))
        {
            return (highest, MentionResolution.Level, null);
        }

        var ranked = candidates
            .Select(c => (Division: c, Support: evidence.Sum(e => e.Value * Affinity(c, e.Key))))
            .OrderByDescending(r => r.Support)
            .ToList();
        if (ranked[0].Support >= 0.5 && ranked[0].Support > ranked[1].Support)
        {
            var choice = ranked[0].Division;
            var decidedBy = evidence.MaxBy(e => e.Value * Affinity(choice, e.Key) - e.Value * Affinity(ranked[1].Division, e.Key)).Key;
            return (choice, MentionResolution.Context, decidedBy);
        }

        return highestIsUnique
            ? (highest, MentionResolution.Level, null)
            : (null, MentionResolution.Undecided, null);
    }

    /// <summary>How strongly naming <paramref name="other"/> suggests that a text is about <paramref name="candidate"/>.</summary>
    private static double Affinity(Division candidate, Division other)
    {
        if (other == candidate || other.Contains(candidate) || candidate.Contains(other))
        {
            return 1;
        }

        if (other.ParentCode is not null && other.ParentCode == candidate.ParentCode)
        {
            return 0.5;
        }

        return other.Code.AsSpan(0, 2).SequenceEqual(candidate.Code.AsSpan(0, 2)) ? 0.25 : 0;
    }
}
