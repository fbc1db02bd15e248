using Archive.Reading.SharedText;

namespace Archive.Tests.Reading;

/// <summary>
/// The finder of text shared between bureaus (issue 20, part 2), on a corpus with planted copies: 60 copied exactly
/// and 60 lightly edited (a character changed about every forty), across bureaus, among paragraphs that are all
/// distinct. Every planted copy is found, both ways, and nothing else is; copies within one bureau and short
/// paragraphs are not shared text.
/// </summary>
public class SharedParagraphsTests
{
    // Characters of reports, many enough that random paragraphs share almost no trigrams.
    private const string Characters = "依法行政规范性文件审查办理案件年度报告工作推进建设完善制度加强监督落实责任服务群众执法人员培训组织开展法治政府部门机关单位社会经济发展改革创新管理体系能力水平提升明显成效取得全面深化综合治理保障权益维护稳定安全环境生态";

    [Fact]
    public void Every_planted_copy_exact_or_lightly_edited_is_found_and_no_distinct_paragraph_is_flagged()
    {
        var random = new Random(23);
        var reports = Enumerable.Range(0, 80).Select(r => (Bureau: $"b{r % 40}", Paragraphs: Enumerable.Range(0, 12).Select(_ => Paragraph(random, random.Next(40, 160))).ToList())).ToList();
        var planted = new List<(ParagraphPlace From, ParagraphPlace To)>();
        for (var copy = 0; copy < 120; copy++)
        {
            var from = new ParagraphPlace(random.Next(reports.Count), random.Next(12));
            int to;
            do
            {
                to = random.Next(reports.Count);
            }
            while (reports[to].Bureau == reports[from.Report].Bureau);

            var text = reports[from.Report].Paragraphs[from.Paragraph];
            reports[to].Paragraphs.Add(copy % 2 == 0 ? text : Edit(random, text));
            planted.Add((from, new ParagraphPlace(to, reports[to].Paragraphs.Count - 1)));
        }

        // A copy within one bureau, and a short paragraph copied across bureaus: neither is shared text.
        reports[2].Paragraphs.Add(reports[42].Paragraphs[0]);
        reports[3].Paragraphs.Add("全年办理行政复议案件58件。");
        reports[4].Paragraphs.Add("全年办理行政复议案件58件。");

        var found = SharedParagraphs.Find([.. reports.Select(r => (r.Bureau, (IReadOnlyList<string>)r.Paragraphs))]);
        var shared = Enumerable.Range(0, reports.Count)
            .SelectMany(r => found.Of(r).Select(p => (Place: new ParagraphPlace(r, p.Number), Others: p.Elsewhere())))
            .ToDictionary(p => p.Place, p => p.Others);

        foreach (var (from, to) in planted)
        {
            Assert.True(shared.TryGetValue(from, out var fromOthers) && fromOthers.Contains(to), $"{from} → {to} not found");
            Assert.True(shared.TryGetValue(to, out var toOthers) && toOthers.Contains(from), $"{to} → {from} not found");
        }

        // Nothing else: every pair reported is a planted one (or two copies of one planted source).
        var plantedPlaces = planted.SelectMany(p => new[] { p.From, p.To }).ToHashSet();
        Assert.All(shared, entry =>
        {
            Assert.Contains(entry.Key, plantedPlaces);
            Assert.All(entry.Value, other => Assert.Contains(other, plantedPlaces));
            Assert.All(entry.Value, other => Assert.NotEqual(reports[entry.Key.Report].Bureau, reports[other.Report].Bureau));
        });
        Assert.False(shared.ContainsKey(new ParagraphPlace(3, reports[3].Paragraphs.Count - 1)));
    }

    [Fact]
    public void A_search_that_takes_an_earlier_ones_families_finds_what_a_whole_search_finds()
    {
        var random = new Random(5);
        var pool = Enumerable.Range(0, 60).Select(_ => Paragraph(random, random.Next(40, 160))).ToList();
        // Reports drawn from a pool, some paragraphs edited: families of copies and near copies across bureaus.
        var reports = Enumerable.Range(0, 60).Select(r => (Bureau: $"b{r % 20}", Paragraphs: Enumerable.Range(0, 8)
            .Select(_ => pool[random.Next(pool.Count)]).Select(p => random.Next(4) == 0 ? Edit(random, p) : p).ToList())).ToList();
        var earlier = Find(reports, null);

        // Each change on its own: a near copy added, a paragraph removed (maybe the last place of its text), a report gone.
        var changes = new List<Action<List<(string Bureau, List<string> Paragraphs)>>>
        {
            rs => rs[3].Paragraphs.Add(Edit(random, rs[7].Paragraphs[0])),
            rs => rs[9].Paragraphs.RemoveAt(2),
            rs => rs[11].Paragraphs.Clear(),
            rs => rs.RemoveAt(15),
            rs => rs[20] = (rs[20].Bureau, [.. rs[21].Paragraphs]),
        };
        foreach (var change in changes)
        {
            var changed = reports.Select(r => (r.Bureau, Paragraphs: r.Paragraphs.ToList())).ToList();
            change(changed);
            Assert.Equal(Describe(Find(changed, null)), Describe(Find(changed, earlier.State)));
        }
    }

    private static SharedText Find(List<(string Bureau, List<string> Paragraphs)> reports, EarlierSearch? earlier) =>
        SharedParagraphs.Find(
            [.. reports.Select(r => new PrintedReport(r.Bureau, ParagraphPrints.Of(r.Paragraphs)))],
            places => places.ToDictionary(p => p, p => ParagraphPrints.Normalize(reports[p.Report].Paragraphs[p.Paragraph])),
            earlier);

    private static string Describe(SharedText found) =>
        string.Join('\n', found.Families.Select(f => string.Join(' ', f.Places)));

    private static string Paragraph(Random random, int length) =>
        new string([.. Enumerable.Range(0, length).Select(_ => Characters[random.Next(Characters.Length)])]) + "。";

    // About one character in forty replaced by another.
    private static string Edit(Random random, string text)
    {
        var chars = text.ToCharArray();
        for (var at = random.Next(20, 40); at < chars.Length - 1; at += random.Next(35, 45))
        {
            chars[at] = Characters[random.Next(Characters.Length)];
        }

        return new string(chars);
    }
}
