using Archive.Reading.KeyTerms;

namespace Archive.Tests.Reading.KeyTerms;

/// <summary>
/// Similar reports (issue 20, part 4): reports that share rare vocabulary find each other, a bureau's own reports are
/// never offered, and ties go to the ordinal order of ids, whatever the order of the input.
/// </summary>
public class SimilarReportsTests
{
    private static readonly string[] Shared = ["琥珀", "驼铃", "珊瑚礁", "鸵鸟", "刺绣", "竹笋", "草莓", "核桃"];

    [Fact]
    public void Two_reports_of_other_bureaus_built_from_the_same_rare_words_are_each_others_most_similar()
    {
        var reports = PlantedArchive.Make(60, 20, seed: 21);
        // r05 (b05) and r46 (b06) share eight rare words; r25 shares two of them, so it is found, but after.
        reports[5] = PlantedArchive.Plant(reports[5], [.. Shared.Select(PlantedArchive.Sentence)]);
        reports[46] = PlantedArchive.Plant(reports[46], [.. Shared.Select(PlantedArchive.Sentence)]);
        reports[25] = PlantedArchive.Plant(reports[25], PlantedArchive.Sentence(Shared[0]), PlantedArchive.Sentence(Shared[1]));

        var similar = Find(reports);

        Assert.Equal(46, similar[5][0].Index);
        Assert.Equal(5, similar[46][0].Index);
        Assert.True(similar[5][0].Similarity > similar[25][0].Similarity);
        Assert.All(similar, list => Assert.True(list.Count <= SimilarReports.Count));
        Assert.All(similar, list => Assert.Equal(list.OrderByDescending(s => s.Similarity).Select(s => s.Index), list.Select(s => s.Index)));
        Assert.All(similar.SelectMany(list => list), s => Assert.InRange(s.Similarity, 0, 1 + 1e-9));
    }

    [Fact]
    public void A_report_of_the_same_bureau_is_never_listed_however_similar()
    {
        var reports = PlantedArchive.Make(60, 20, seed: 23);
        // r05 and r25 are both of b05 and share everything planted; r46 (b06) shares half of it.
        reports[5] = PlantedArchive.Plant(reports[5], [.. Shared.Select(PlantedArchive.Sentence)]);
        reports[25] = PlantedArchive.Plant(reports[25], [.. Shared.Select(PlantedArchive.Sentence)]);
        reports[46] = PlantedArchive.Plant(reports[46], [.. Shared.Take(4).Select(PlantedArchive.Sentence)]);

        var similar = Find(reports);

        Assert.DoesNotContain(25, similar[5].Select(s => s.Index));
        Assert.Equal(46, similar[5][0].Index);
        for (var r = 0; r < reports.Count; r++)
        {
            Assert.All(similar[r], s => Assert.NotEqual(reports[r].Bureau, reports[s.Index].Bureau));
        }
    }

    [Fact]
    public void Equally_similar_reports_come_in_the_ordinal_order_of_their_ids_whatever_the_input_order()
    {
        var reports = PlantedArchive.Make(40, 20, seed: 25);
        // Two reports of other bureaus with one and the same text: equally similar to r03, which shares their words.
        var twin = PlantedArchive.Plant(reports[10], [.. Shared.Select(PlantedArchive.Sentence)]);
        reports[10] = twin with { Id = "z-twin" };
        reports[11] = twin with { Id = "a-twin", Bureau = reports[11].Bureau };
        reports[3] = PlantedArchive.Plant(reports[3], [.. Shared.Take(5).Select(PlantedArchive.Sentence)]);

        var similar = Find(reports);
        var shuffled = reports.AsEnumerable().Reverse().ToList();
        var again = Find(shuffled);

        Assert.Equal(["a-twin", "z-twin"], similar[3].Take(2).Select(s => reports[s.Index].Id));
        Assert.Equal(similar[3][0].Similarity, similar[3][1].Similarity);
        for (var r = 0; r < reports.Count; r++)
        {
            var other = shuffled.FindIndex(s => s.Id == reports[r].Id);
            Assert.Equal(similar[r].Select(s => (reports[s.Index].Id, s.Similarity)), again[other].Select(s => (shuffled[s.Index].Id, s.Similarity)));
        }
    }

    private static IReadOnlyList<IReadOnlyList<SimilarReport>> Find(List<PlantedReport> reports)
    {
        var (terms, archive) = PlantedArchive.Analyse(reports);
        return SimilarReports.Find([.. reports.Select((r, i) => new ReportOfBureau(r.Id, r.Bureau, terms[i]))], archive);
    }
}
