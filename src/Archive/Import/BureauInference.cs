using System.Text.RegularExpressions;
using Archive.Corpus;
using Archive.Regions;

namespace Archive.Import;

/// <summary>
/// Finds which bureau wrote a report and where it is: from the title, the closing signature, the 来源 line, or
/// last from the body (a report that speaks as 我局 about 劳动/就业/社保 is from a 人力资源和社会保障局).
/// The region comes from the bureau's name, or from the places the text names; never from a newspaper's name.
/// </summary>
public sealed partial class BureauInference(RegionLookup regions)
{
    public const string BureauField = "bureau";
    public const string RegionField = "region";

    // The signature closes the text; look for it only among the last lines.
    private const int ClosingLines = 6;

    private sealed record Named(string Name, DepartmentKind Kind, Confidence Confidence, string Reason);

    public BureauGuess Infer(ReportEvidence evidence, string? title)
    {
        var named = National(title) ?? FromTitle(title) ?? FromSignature(evidence) ?? FromSource(evidence) ?? FromBody(evidence);
        if (named is null)
        {
            var region = Region(null, evidence, title);
            return new BureauGuess(
                new Inference(BureauField, null, Confidence.Unknown, "no bureau in the title, signature or 来源 line, and the content does not point to one department"),
                region.Inference, region.Path, null);
        }

        if (named.Kind.Slug == DepartmentKinds.GovernmentSlug && named.Name == "国务院" || named.Kind.Slug == "npc" && named.Name.StartsWith("全国", StringComparison.Ordinal))
        {
            var path = DivisionTable.Default.Find(BureauNaming.NationalCode) is null ? null : DivisionTable.Default.PathOf(BureauNaming.NationalCode);
            return new BureauGuess(
                new Inference(BureauField, named.Name, named.Confidence, named.Reason),
                new Inference(RegionField, BureauNaming.NationalCode, Confidence.High, $"{named.Name} is a national body"),
                path, named.Kind);
        }

        var (regionPath, regionInference) = Region(named, evidence, title);
        if (regionPath is null && PlaceIn(named) is { Length: > 0 } place && DivisionsNamed(place) > 0)
        {
            // Signed 桥西区民政局 and nothing says which 桥西区: the name as written would pass for a whole one. (A place
            // the table does not have, such as 贵安新区, is the bureau's whole name and stays.)
            return new BureauGuess(
                new Inference(BureauField, null, Confidence.Unknown, $"{named.Reason} names {named.Name}, but which {place} it is the text does not say; write the bureau's full name"),
                regionInference, null, named.Kind);
        }

        var name = named.Name;
        var confidence = named.Confidence;
        var reason = named.Reason;
        if (regionPath is not null)
        {
            // Name the bureau as it signs, with its region in front: 罗湖区人力资源局 → 深圳市罗湖区人力资源局.
            var government = named.Kind.Slug == DepartmentKinds.GovernmentSlug;
            var rest = BureauNaming.DepartmentPart(name, regionPath);
            var department = government ? "人民政府"
                : name == named.Kind.Name ? BureauNaming.DepartmentName(named.Kind, regionPath)
                : rest;

            // A unit between the place and the department (长沙经济技术开发区, 新疆生产建设兵团第八师石河子市) is part of
            // the bureau's own name: it is kept as written, not rebuilt around the region (nothing may be invented).
            var plain = government || name == named.Kind.Name || DepartmentKinds.ByBureauName(rest) is { } ending && ending.Ending == rest;
            // 市司法局 signed by a city's bureau: the level word is the region's own (深圳市 + 司法局), not a second 市.
            if (!plain && name.Length > 1 && regionPath.Leaf.Name.EndsWith(name[0]) && DepartmentKinds.ByBureauName(name[1..]) is { } bare && bare.Ending == name[1..])
            {
                (department, plain) = (name[1..], true);
            }

            var full = plain ? BureauNaming.RegionalName(regionPath) + department : name;
            if (full != name)
            {
                reason += $"; written in full with its region as {full}";
                name = full;

                // The full name is only as sure as the region it was completed with.
                if (regionInference.Confidence < confidence)
                {
                    confidence = regionInference.Confidence;
                }
            }
        }
        else if (confidence > Confidence.Low)
        {
            confidence = Confidence.Low;
            reason += "; its region is unknown";
        }

        return new BureauGuess(new Inference(BureauField, name, confidence, reason), regionInference, regionPath, named.Kind);
    }

    private static Named? National(string? title)
    {
        if (title is null)
        {
            return null;
        }

        if (title.Contains("国务院", StringComparison.Ordinal) && title.Contains("政府工作报告", StringComparison.Ordinal))
        {
            return new Named("国务院", DepartmentKinds.Find(DepartmentKinds.GovernmentSlug)!, Confidence.High, "the title names the State Council's work report");
        }

        return title.Contains("全国人民代表大会", StringComparison.Ordinal) && title.Contains("决议", StringComparison.Ordinal)
            ? new Named("全国人民代表大会", DepartmentKinds.Find("npc")!, Confidence.High, "the title names a resolution of the National People's Congress")
            : null;
    }

    private static Named? FromTitle(string? title)
    {
        if (title is null)
        {
            return null;
        }

        var folded = DateText.FoldDigits(title);
        var before = BureauBeforeYear().Match(folded);
        var candidate = before.Success ? before.Groups["org"].Value : null;
        var after = GovernmentAfterYear().Match(folded);
        if (candidate is null && after.Success)
        {
            candidate = after.Groups["org"].Value;
        }

        // "〈bureau〉关于2023年法治政府建设工作情况的报告": the bureau is what comes before 关于.
        candidate = candidate is null ? null : AboutAtEnd().Replace(candidate, "");
        return candidate is not null && DepartmentKinds.ByBureauName(candidate) is { } kind
            ? new Named(candidate, kind.Kind, Confidence.High, "the title names the bureau")
            : null;
    }

    private static Named? FromSignature(ReportEvidence evidence)
    {
        var lines = evidence.Lines;
        for (var i = lines.Count - 1; i >= Math.Max(0, lines.Count - ClosingLines); i--)
        {
            if (ClosingSignature.NameAndDate(lines[i]) is { } signed && OrganisationLine().IsMatch(signed.Name) && DepartmentKinds.ByBureauName(signed.Name) is { } beside)
            {
                return new Named(signed.Name, beside.Kind, Confidence.High, "the signature beside the closing date");
            }

            var line = ClosingSignature.Unspaced(lines[i]);
            var dated = (i + 1 < lines.Count && PublishedInference.IsDateLine(lines[i + 1])) || (i > 0 && PublishedInference.IsDateLine(lines[i - 1]));
            if (dated && OrganisationLine().IsMatch(line) && DepartmentKinds.ByBureauName(line) is { } kind)
            {
                return new Named(line, kind.Kind, Confidence.High, "the signature above the closing date");
            }
        }

        // Undated: the last line before any attachment, contact or copy block (whose own lines may name offices), when
        // it is a bureau's name alone.
        var window = Math.Max(0, lines.Count - ClosingLines);
        var end = lines.Count;
        for (var i = window; i < lines.Count; i++)
        {
            if (Trailer().IsMatch(lines[i].Trim()))
            {
                end = i;
                break;
            }
        }

        var last = Enumerable.Range(window, end - window).Select(i => (Line: ClosingSignature.Unspaced(lines[i]), i)).LastOrDefault(l => l.Line.Length > 0);
        if (last.Line is { } closing && OrganisationLine().IsMatch(closing) && DepartmentKinds.ByBureauName(closing) is { } signer)
        {
            return new Named(closing, signer.Kind, Confidence.Medium, "the signature that closes the text (it has no date)");
        }

        return null;
    }

    // A 来源 line names the publisher; a newspaper (北京日报) is not a bureau and is ignored.
    private static Named? FromSource(ReportEvidence evidence)
    {
        foreach (var line in evidence.AllLines)
        {
            var match = SourceLine().Match(line);
            if (match.Success && DepartmentKinds.ByBureauName(match.Groups["org"].Value) is { } kind)
            {
                return new Named(match.Groups["org"].Value, kind.Kind, Confidence.Medium, $"the page's 来源 line '{line}'");
            }
        }

        return null;
    }

    private static Named? FromBody(ReportEvidence evidence)
    {
        var text = evidence.Text;
        var speaksAsBureau = SpeaksAsBureau().IsMatch(text);
        var scores = DepartmentKinds.All
            .Where(k => k.Keywords.Count > 0)
            .Select(k => (Kind: k, Names: k.NameEndings.Sum(e => Count(text, e)), Words: k.Keywords.Sum(w => Count(text, w))))
            .Select(s => (s.Kind, s.Names, s.Words, Score: (3 * s.Names) + s.Words))
            .OrderByDescending(s => s.Score)
            .ToList();
        var best = scores[0];
        var second = scores.Count > 1 ? scores[1].Score : 0;
        if (!speaksAsBureau || best.Score < 10 || best.Score < 2 * second)
        {
            return null;
        }

        var words = best.Kind.Keywords.Where(w => text.Contains(w, StringComparison.Ordinal)).Take(5);
        var reason = $"no title or signature; the text speaks as 我局/本局 and its subjects ({string.Join("、", words)}) are those of a {best.Kind.Name}";
        if (best.Names > 0)
        {
            reason += $", which it names {best.Names} times";
        }

        var confidence = best.Names > 0 || best.Score >= 30 ? Confidence.Medium : Confidence.Low;
        return new Named(best.Kind.Name, best.Kind, confidence, reason);
    }

    private (RegionPath? Path, Inference Inference) Region(Named? named, ReportEvidence evidence, string? title)
    {
        var context = string.Join('\n', new[] { title ?? "", Path.GetFileNameWithoutExtension(evidence.Name) }.Concat(evidence.Lines));
        if (named is not null && regions.Best(named.Name, context) is { } fromName && named.Name.Contains(fromName.MatchedText, StringComparison.Ordinal))
        {
            // 桥西区司法局 with nothing to say which 桥西区: the province the candidates share is not the bureau's region.
            var leaf = fromName.Path.Leaf;
            if (!named.Name.Contains(leaf.Name, StringComparison.Ordinal) && (leaf.ShortName.Length == 0 || !named.Name.Contains(leaf.ShortName, StringComparison.Ordinal)))
            {
                return (null, new Inference(RegionField, null, Confidence.Unknown, $"'{fromName.MatchedText}' in the bureau's name {named.Name} is more than one place, and nothing in the text says which ({fromName.Reason})"));
            }

            var confidence = named.Confidence == Confidence.High && fromName.Confidence >= 0.8 ? Confidence.High : Confidence.Medium;
            return (fromName.Path, new Inference(RegionField, fromName.Path.Leaf.Code, confidence, $"{fromName.Path.DisplayName}, from the bureau's name {named.Name} ({fromName.Reason})"));
        }

        var primary = title ?? Path.GetFileNameWithoutExtension(evidence.Name);
        if (named is not null && PlaceIn(named) is { Length: > 0 } own)
        {
            // The bureau names its own place (郊区, 城区) without a city: that place inside the region the text names,
            // when there is exactly one; the text's region itself would be the wrong level.
            var around = regions.Best(primary, context);
            var inside = around is null ? [] : Descendants(around.Path.Leaf.Code).Prepend(around.Path.Leaf).Where(d => d.Name == own || d.ShortName == own).ToList();
            return inside.Count == 1
                ? (DivisionTable.Default.PathOf(inside[0].Code), new Inference(RegionField, inside[0].Code, Confidence.Medium, $"{DivisionTable.Default.PathOf(inside[0].Code).DisplayName}: the {own} of {around!.Path.DisplayName}, which the text names ({around.Reason})"))
                : (null, new Inference(RegionField, null, Confidence.Unknown, $"the bureau's name {named.Name} names its place as {own}, {(around is null ? "and the text names no region around it" : $"which is not one place inside {around.Path.DisplayName}, the region the text names")}"));
        }

        if (regions.Best(primary, context) is { } fromText)
        {
            var confidence = fromText.Confidence >= 0.8 ? Confidence.Medium : Confidence.Low;
            return (fromText.Path, new Inference(RegionField, fromText.Path.Leaf.Code, confidence, $"{fromText.Path.DisplayName}, from the places the text names ({fromText.Reason})"));
        }

        return (null, new Inference(RegionField, null, Confidence.Unknown, "the text names no province, city or district"));
    }

    // The place a bureau's name starts with, before its department (郊区 of 郊区民政局); empty when it names none.
    // A lone level word (市司法局, 区教育局) names no place: the text's region decides, as for a bare department.
    private static string PlaceIn(Named named) =>
        named.Kind.Slug == DepartmentKinds.GovernmentSlug || DepartmentKinds.ByBureauName(named.Name) is not { } kind || named.Name.Length - kind.Ending.Length < 2
            ? ""
            : named.Name[..^kind.Ending.Length];

    private static int DivisionsNamed(string place) => DivisionTable.Default.All.Count(d => d.Name == place || d.ShortName == place);

    private static IEnumerable<Division> Descendants(string code) =>
        DivisionTable.Default.ChildrenOf(code).SelectMany(child => Descendants(child.Code).Prepend(child));

    private static int Count(string text, string word)
    {
        var count = 0;
        for (var i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + word.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [GeneratedRegex(@"^(?<org>[^\d，。]{2,40}?)\s*(19|20)\d{2}\s*年")]
    private static partial Regex BureauBeforeYear();

    [GeneratedRegex(@"^(19|20)\d{2}\s*年度?(?<org>[^\d，。]{2,30}?政府)工作报告")]
    private static partial Regex GovernmentAfterYear();

    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}（）()]{2,40}$")]
    private static partial Regex OrganisationLine();

    [GeneratedRegex(@"\s*关于(报送|上报|印发|提交|公布|公开)?$")]
    private static partial Regex AboutAtEnd();

    [GeneratedRegex(@"(来源|信息来源|发布机构|发文机关)\s*[:：]\s*(?<org>[\p{IsCJKUnifiedIdeographs}（）()]{2,40})")]
    private static partial Regex SourceLine();

    // Lines that may follow a signature: attachments, contacts, copies, a blank-page note.
    [GeneratedRegex(@"^[（(]?(附件|联系人|联系电话|抄送|此页无正文|印发)")]
    private static partial Regex Trailer();

    [GeneratedRegex("我局|本局|局党组|局机关")]
    private static partial Regex SpeaksAsBureau();
}
