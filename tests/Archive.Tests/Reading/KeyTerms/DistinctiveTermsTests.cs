using Archive.Reading.KeyTerms;

namespace Archive.Tests.Reading.KeyTerms;

/// <summary>
/// Key terms of reports and bureaus (issue 20, part 4) on archives of real paragraphs with planted words: what is
/// planted in a few reports is theirs, what every report says or what only holds a sentence together never is, and
/// every term shown is a token of SmartChineseAnalyzer's segmentation of its report.
/// </summary>
public class DistinctiveTermsTests
{
    private static readonly string[] FunctionWords = ["我们", "以及", "进行", "通过", "其中", "这些", "同时", "已经", "一是", "二是"];

    [Fact]
    public void A_word_planted_in_a_few_reports_is_among_their_key_terms_and_nobody_elses()
    {
        var reports = PlantedArchive.Make(40, 20, seed: 3);
        // Three reports of three bureaus speak of 岩画 six times each, as a report speaks of what it is about.
        int[] planted = [3, 17, 28];
        foreach (var r in planted)
        {
            reports[r] = PlantedArchive.Plant(reports[r], [.. Enumerable.Repeat(PlantedArchive.Sentence("岩画"), 3)]);
        }

        var (terms, archive) = PlantedArchive.Analyse(reports);

        for (var r = 0; r < reports.Count; r++)
        {
            var shown = DistinctiveTerms.OfReport(terms[r], archive, reports[r].Text).Select(t => t.Word).ToList();
            Assert.True(planted.Contains(r) == shown.Contains("岩画"), $"{reports[r].Id}: {string.Join(" ", DistinctiveTerms.OfReport(terms[r], archive, reports[r].Text).Select(t => $"{t.Word}×{t.Count}:{t.Weight:F2}"))}");
            Assert.Equal(DistinctiveTerms.ReportCount, shown.Count);
        }
    }

    [Fact]
    public void Function_words_and_words_in_most_reports_are_never_key_terms()
    {
        var reports = PlantedArchive.Make(30, 15, seed: 5);
        // One report leans hard on function words and numerals; boilerplate is in all of them.
        reports[4] = PlantedArchive.Plant(reports[4], string.Concat(Enumerable.Repeat("我们以及进行通过其中这些同时已经一是二是三千二百。", 12)));
        var (terms, archive) = PlantedArchive.Analyse(reports);

        for (var r = 0; r < reports.Count; r++)
        {
            foreach (var term in DistinctiveTerms.OfReport(terms[r], archive, reports[r].Text))
            {
                Assert.DoesNotContain(term.Word, FunctionWords);
                Assert.False(term.Word.All("〇零一二三四五六七八九十百千万亿两几第".Contains), $"{term.Word} is a numeral");
                Assert.True(archive.DocumentFrequency(term.Word) * 2 <= reports.Count, $"{term.Word} is in {archive.DocumentFrequency(term.Word)} of {reports.Count} reports");
            }
        }

        Assert.Equal(reports.Count, archive.DocumentFrequency("依法"));
        Assert.True(terms[4].CountOf("我们") >= 12);
    }

    [Fact]
    public void Every_key_term_is_a_token_of_SmartChineseAnalyzers_segmentation_of_its_report()
    {
        var reports = PlantedArchive.Make(30, 10, seed: 7);
        var (terms, archive) = PlantedArchive.Analyse(reports);

        for (var r = 0; r < reports.Count; r++)
        {
            var tokens = PlantedArchive.SmartCnTokens(reports[r].Text);
            var shown = DistinctiveTerms.OfReport(terms[r], archive, reports[r].Text);
            Assert.NotEmpty(shown);
            Assert.All(shown, term => Assert.True(tokens.Contains(term.Word), $"{term.Word} of {reports[r].Id} is no SmartCn token there"));
        }
    }

    [Fact]
    public void A_dictionary_word_that_SmartCn_splits_where_it_stands_is_passed_over()
    {
        // Longest match counts 新世纪 (a dictionary word); SmartCn segments 履行|新|世纪|新|阶段 here.
        var reports = PlantedArchive.Make(20, 10, seed: 9);
        const string Split = "我局认真履行新世纪新阶段的历史使命，新世纪新阶段任务艰巨，新世纪新阶段要求更高。";
        reports[6] = PlantedArchive.Plant(reports[6], Split, Split);
        var (terms, archive) = PlantedArchive.Analyse(reports);

        Assert.Equal(6, terms[6].CountOf("新世纪"));
        Assert.Contains("新世纪", DistinctiveTerms.CandidatesOf(terms[6], archive).Select(t => t.Word));
        Assert.DoesNotContain("新世纪", PlantedArchive.SmartCnTokens(reports[6].Text));
        Assert.DoesNotContain("新世纪", DistinctiveTerms.OfReport(terms[6], archive, reports[6].Text).Select(t => t.Word));
    }

    [Fact]
    public void A_bureaus_key_terms_hold_what_its_reports_share_and_each_text_is_asked_for_once_at_most()
    {
        var reports = PlantedArchive.Make(40, 10, seed: 11);
        // Bureau b07's four reports all speak of 玛瑙; one report elsewhere does too.
        foreach (var r in new[] { 7, 17, 27, 37, 2 })
        {
            reports[r] = PlantedArchive.Plant(reports[r], PlantedArchive.Sentence("玛瑙"));
        }

        var (terms, archive) = PlantedArchive.Analyse(reports);
        var ofBureau = Enumerable.Range(0, reports.Count).Where(r => reports[r].Bureau == "b07").ToList();
        var asked = new List<int>();

        var shown = DistinctiveTerms.OfBureau([.. ofBureau.Select(r => terms[r])], archive, i =>
        {
            asked.Add(i);
            return reports[ofBureau[i]].Text;
        });

        Assert.Contains("玛瑙", shown.Select(t => t.Word));
        Assert.Equal(4 * 2, shown.Single(t => t.Word == "玛瑙").Count);
        Assert.Equal(asked.Count, asked.Distinct().Count());
        Assert.Equal(DistinctiveTerms.BureauCount, shown.Count);
        var other = DistinctiveTerms.OfBureau([terms[1], terms[11]], archive, i => reports[i == 0 ? 1 : 11].Text);
        Assert.DoesNotContain("玛瑙", other.Select(t => t.Word));
    }

    [Fact]
    public void The_same_reports_give_the_same_key_terms_in_any_order_ties_going_to_the_ordinal_order_of_words()
    {
        var reports = PlantedArchive.Make(30, 10, seed: 13);
        // Four rare words used equally often in one report weigh the same: they come in ordinal order.
        reports[8] = PlantedArchive.Plant(reports[8], PlantedArchive.Sentence("驼铃"), PlantedArchive.Sentence("琥珀"), PlantedArchive.Sentence("草莓"), PlantedArchive.Sentence("核桃"));
        var (terms, archive) = PlantedArchive.Analyse(reports);
        var shuffled = reports.OrderBy(r => r.Text.GetHashCode(StringComparison.Ordinal)).ToList();
        var (shuffledTerms, shuffledArchive) = PlantedArchive.Analyse(shuffled);

        for (var r = 0; r < reports.Count; r++)
        {
            var again = shuffled.FindIndex(s => s.Id == reports[r].Id);
            Assert.Equal(
                DistinctiveTerms.OfReport(terms[r], archive, reports[r].Text),
                DistinctiveTerms.OfReport(shuffledTerms[again], shuffledArchive, shuffled[again].Text));
        }

        var planted = DistinctiveTerms.CandidatesOf(terms[8], archive).Where(t => PlantedArchive.RareWords.Contains(t.Word)).ToList();
        Assert.Equal(["核桃", "琥珀", "草莓", "驼铃"], planted.Select(t => t.Word));
        Assert.Single(planted.Select(t => t.Weight).Distinct());
    }
}
